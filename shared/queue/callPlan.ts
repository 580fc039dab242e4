// "People ahead" from the order the policy will actually call (DESIGN §5). The windows take turns,
// in the order given (window number), each calling its next ticket by pickNext, until nobody they
// may serve is left: the hall's calls if nobody new came and every window worked at the same pace.
// The people ahead of a ticket are the calls the windows that can serve it make before it, so
// tickets of other services that share those windows count, and a priority ticket is counted where
// the mixing and the elderly windows actually put it.
//
// planCalls makes exactly the picks of that simulation with pickNext (the tests replay it), but
// without rescanning the queue for every pick: tickets are grouped once into lists per service,
// class and target window, in queue order, with one shared head each; a window looks only at the
// heads of its lists. A plan of n waiting tickets costs O(n log n) once, then every figure is read
// from it in O(windows). Every CHECKPOINT_ROUNDS rounds the plan notes its state (list heads, each
// window's picks, streak and newcomer turns, the no-shows' holds), so a ticket taken later that goes
// mid-plan re-runs only the rounds from its first possible turn on, not the whole queue.
import type { Id } from '../contracts/entities';
import {
  compareDueAppointments,
  compareQueueOrder,
  isDueAppointment,
  isEligible,
  isPriority,
  nextStreak,
  waitingSince,
  type PickReason,
  type QueueRules,
  type QueueTicket,
  type QueueWindow,
} from './policy';
import { holdAfterLeaving, isHeld, type RequeueHold } from './requeueHold';

/**
 * A waiting ticket in the plan, and its call once the plan makes it (`taken`). The same object is
 * the plan's step and the ticket's call, and a re-plan overwrites its fields: a plan kept current
 * through a busy hour makes no garbage per re-plan (the server's memory target, issue 11).
 */
interface Entry<T> extends PlanStep<T> {
  taken: boolean;
  /** Mutable copy of the ticket's requeue hold while the plan runs. */
  hold: RequeueHold | null;
}

function entryOf<T>(ticket: T, hold: RequeueHold | null): Entry<T> {
  return { ticket, taken: false, hold, round: -1, slot: -1, windowId: -1, reason: 'only_normal_waiting' };
}

interface List<T> {
  entries: Entry<T>[];
  head: number;
}

/** Where the plan calls a ticket: the round, the window's place in the turn, and why. */
export interface PlannedCall {
  round: number;
  slot: number;
  windowId: Id;
  reason: PickReason;
}

/** One call of the plan, in order. */
export interface PlanStep<T> extends PlannedCall {
  ticket: T;
}

interface WindowRun {
  window: QueueWindow;
  slot: number;
  /** Calls this window makes in the plan (it calls once per round, from round 0, until idle). */
  picks: number;
  streak: number;
  /** The first round at which a ticket of this class taken now would be called here. */
  firstFor: { normal: number; priority: number };
}

/** What a newly taken ticket of a service and class would be told. */
export interface NewcomerPlace {
  peopleAhead: number;
  /** The windows of the plan that may serve it. */
  windows: number;
}

export interface CallPlan<T extends QueueTicket> {
  readonly steps: readonly PlanStep<T>[];
  /** The plan's call of this ticket, or null when these windows never call it. */
  callOf(ticketId: Id): PlannedCall | null;
  /** Calls made before this ticket's by the windows that can serve it (null: never called). */
  peopleAhead(ticket: QueueTicket): number | null;
  /** How many of the plan's windows may call this ticket. */
  windowsFor(ticket: QueueTicket): number;
  /** The place of a ticket of this service and class taken now (null: no window here serves it). */
  newcomer(serviceId: Id, priority: boolean): NewcomerPlace | null;
  /**
   * Adds a ticket just taken (no hold, no target window, not overdue, no appointment slot, behind
   * everyone in queue order) to the plan, exactly as a new plan over everyone would place every
   * call: on a window with nobody else to call it joins in place; otherwise (a priority ticket goes
   * before normal ones) the plan is made again only from the last checkpoint at or before the
   * round it is first called in. Returns false for any other ticket: the plan must be made again.
   * Calls before that point keep the reason they were planned with (a class "alone" then may now
   * share the window).
   */
  addNewcomer(ticket: T): boolean;
}

function listKey(serviceId: Id, priority: boolean, target: Id | null): string {
  return `${serviceId}|${priority ? 1 : 0}|${target ?? 0}`;
}

function byAge(a: QueueTicket, b: QueueTicket): number {
  return waitingSince(a) - waitingSince(b) || compareQueueOrder(a, b);
}

function headOf<T>(list: List<T>): Entry<T> | undefined {
  while (list.head < list.entries.length && list.entries[list.head]!.taken) list.head += 1;
  return list.entries[list.head];
}

function firstHead<T extends QueueTicket>(
  lists: readonly List<T>[],
  compare: (a: T, b: T) => number,
): Entry<T> | undefined {
  let best: Entry<T> | undefined;
  for (let i = 0; i < lists.length; i += 1) {
    const head = headOf(lists[i]!);
    if (head && (!best || compare(head.ticket, best.ticket) < 0)) best = head;
  }
  return best;
}

/** firstHead in queue order: the plan's hottest loop, written out (no comparator call per list). */
function firstInQueueOrder<T extends QueueTicket>(lists: readonly List<T>[]): Entry<T> | undefined {
  let best: Entry<T> | undefined;
  for (let i = 0; i < lists.length; i += 1) {
    const head = headOf(lists[i]!);
    if (head && (!best || compareQueueOrder(head.ticket, best.ticket) < 0)) best = head;
  }
  return best;
}

/** The windows' lists: normal, priority and overdue tickets this window may call (never requeued ones). */
interface WindowLists<T> {
  normal: List<T>[];
  priority: List<T>[];
  overdue: List<T>[];
  /** Per service, the due appointments among the normal tickets this window may call (rule 7). */
  due: Map<Id, List<T>[]>;
}

/** How many rounds apart the plan notes where it was, to re-plan a mid-plan newcomer from there. */
const CHECKPOINT_ROUNDS = 4;

/** A window's part of a checkpoint. */
interface RunState {
  picks: number;
  streak: number;
  firstNormal: number;
  firstPriority: number;
}

/**
 * The plan's state at the start of a round: what a re-plan from that round starts from. Noted again
 * in place when a re-plan passes the round once more (no new objects).
 */
interface Checkpoint {
  round: number;
  /** Steps made before the round. */
  stepCount: number;
  /** The head of every list (allLists order). */
  heads: number[];
  runs: RunState[];
  /** The requeued tickets' holds (requeued order). */
  holds: (RequeueHold | null)[];
}

export interface PlanOptions {
  /**
   * Appointment tickets whose slot begins by then count as due (queue rule 7); default `now`, as
   * pickNext. "People ahead" passes the end of time: every appointment ticket waiting was checked
   * in at most the hall's check-in lead before its slot and will go ahead of the walk-ins of its
   * service then, so a walk-in is told the booked visitors who will be called before them.
   */
  appointmentsDueBy?: number;
}

/** The options of the plans "people ahead" and the estimates are read from (see PlanOptions). */
export const FIGURES_PLAN: PlanOptions = { appointmentsDueBy: Number.POSITIVE_INFINITY };

/**
 * The plan of the calls `windows` (in turn order) would make from `waiting` under `rules` at `now`.
 */
export function planCalls<T extends QueueTicket>(
  windows: readonly QueueWindow[],
  waiting: readonly T[],
  rules: QueueRules,
  now: number,
  options: PlanOptions = {},
): CallPlan<T> {
  const limit = rules.maxWaitMinutes * 60_000;
  const dueBy = options.appointmentsDueBy ?? now;
  const queueLists = new Map<string, List<T>>();
  const overdueLists = new Map<string, List<T>>();
  const dueLists = new Map<string, List<T>>();
  const requeued: Entry<T>[] = [];
  /** Every list of the plan, in the order made: checkpoints keep their heads by this index. */
  const allLists: List<T>[] = [];
  const newList = (): List<T> => {
    const list: List<T> = { entries: [], head: 0 };
    allLists.push(list);
    return list;
  };
  /** The last ticket in queue order: a newcomer must come after it to join the plan in place. */
  let last: QueueTicket | null = null;
  /** Every ticket's entry: its call once taken (entries are never dropped, only un-taken). */
  const calls = new Map<Id, Entry<T>>();
  for (const ticket of waiting) {
    const entry = entryOf(ticket, ticket.requeueHold ?? null);
    calls.set(ticket.id, entry);
    if (entry.hold) {
      requeued.push(entry);
      continue;
    }
    if (!last || compareQueueOrder(ticket, last) > 0) last = ticket;
    const key = listKey(ticket.serviceId, isPriority(ticket), ticket.targetWindowId);
    let list = queueLists.get(key);
    if (!list) queueLists.set(key, (list = newList()));
    list.entries.push(entry);
    if (now - waitingSince(ticket) > limit) {
      let late = overdueLists.get(key);
      if (!late) overdueLists.set(key, (late = newList()));
      late.entries.push(entry);
    }
    if (!isPriority(ticket) && isDueAppointment(ticket, dueBy)) {
      let due = dueLists.get(key);
      if (!due) dueLists.set(key, (due = newList()));
      due.entries.push(entry);
    }
  }
  for (const list of queueLists.values()) list.entries.sort((a, b) => compareQueueOrder(a.ticket, b.ticket));
  for (const list of overdueLists.values()) list.entries.sort((a, b) => byAge(a.ticket, b.ticket));
  for (const list of dueLists.values())
    list.entries.sort((a, b) => compareDueAppointments(a.ticket, b.ticket));
  requeued.sort((a, b) => compareQueueOrder(a.ticket, b.ticket));

  const listsOf = (window: QueueWindow): WindowLists<T> => {
    const lists: WindowLists<T> = { normal: [], priority: [], overdue: [], due: new Map() };
    const normalHere = !window.elderlyDedicated || rules.elderlyWindowTakesOthers;
    for (const serviceId of window.serviceIds) {
      for (const priority of [false, true]) {
        for (const target of [null, window.id]) {
          // A ticket sent to this window may be called here whatever its class (isEligible).
          if (!priority && target === null && !normalHere) continue;
          const key = listKey(serviceId, priority, target);
          const list = queueLists.get(key);
          if (list) (priority ? lists.priority : lists.normal).push(list);
          const late = overdueLists.get(key);
          if (late) lists.overdue.push(late);
          const due = dueLists.get(key);
          if (due) lists.due.set(serviceId, [...(lists.due.get(serviceId) ?? []), due]);
        }
      }
    }
    return lists;
  };

  const runs: WindowRun[] = windows.map((window, slot) => ({
    window,
    slot,
    picks: 0,
    streak: window.normalStreak,
    firstFor: { normal: Number.POSITIVE_INFINITY, priority: Number.POSITIVE_INFINITY },
  }));
  let lists = windows.map(listsOf);
  /** The calls in turn order (a rewind gives back the entries after a checkpoint). */
  const steps: Entry<T>[] = [];
  /** Checkpoints in round order; those at and after checkpointCount are spare, reused in place. */
  const checkpoints: Checkpoint[] = [];
  let checkpointCount = 0;

  /** Why the last pick() chose its entry (kept apart so a pick allocates nothing: plans run often). */
  let pickedReason: PickReason = 'only_normal_waiting';
  const chose = (entry: Entry<T>, reason: PickReason): Entry<T> => {
    pickedReason = reason;
    return entry;
  };

  /** pickNext for one window, on the plan's lists; also notes where a newcomer would be called. */
  function pick(run: WindowRun, round: number): Entry<T> | null {
    const here = lists[run.slot]!;
    const window = run.window; // its streak in the plan is run.streak
    let due: Entry<T> | undefined;
    let held: Entry<T> | undefined;
    for (let i = 0; i < requeued.length; i += 1) {
      const entry = requeued[i]!;
      if (entry.taken || !isEligible(window, entry.ticket, rules)) continue;
      if (isHeld({ id: entry.ticket.id, requeueHold: entry.hold })) held ??= entry;
      else due ??= entry;
    }
    if (due) return chose(due, 'requeue_due');
    const overdue = here.overdue.length > 0 ? firstHead(here.overdue, byAge) : undefined;
    const priority = firstInQueueOrder(here.priority);
    const head = firstInQueueOrder(here.normal);
    // Rule 7 (policy.firstNormal): a due appointment of the head's service goes instead of it.
    const dueLists = head && here.due.size > 0 ? here.due.get(head.ticket.serviceId) : undefined;
    const dueAppointment = dueLists ? firstHead(dueLists, compareDueAppointments) : undefined;
    const normal = dueAppointment ?? head;
    const normalReason = (reason: PickReason): PickReason =>
      dueAppointment === undefined ? reason : 'appointment_due';
    if (!overdue && !priority && !normal) {
      // Only held no-shows (or nobody): a newcomer of either class would be called here now.
      noteNewcomerRound(run, 'normal', round);
      noteNewcomerRound(run, 'priority', round);
      return held ? chose(held, 'requeue_due') : null;
    }
    if (overdue) return chose(overdue, 'overdue');
    if (window.elderlyDedicated) {
      if (priority) return chose(priority, 'priority_at_elderly_window');
      noteNewcomerRound(run, 'priority', round);
      return chose(normal!, normalReason('other_at_elderly_window'));
    }
    if (priority && normal) {
      return run.streak >= rules.mixRatio
        ? chose(priority, 'priority_by_ratio')
        : chose(normal, normalReason('normal_by_ratio'));
    }
    if (priority) {
      if (run.streak < rules.mixRatio) noteNewcomerRound(run, 'normal', round);
      return chose(priority, 'only_priority_waiting');
    }
    if (run.streak >= rules.mixRatio) noteNewcomerRound(run, 'priority', round);
    return chose(normal!, normalReason('only_normal_waiting'));
  }

  function noteNewcomerRound(run: WindowRun, kind: 'normal' | 'priority', round: number): void {
    if (run.firstFor[kind] > round) run.firstFor[kind] = round;
  }

  /** Held no-shows that had `called` ahead count one place fewer when this window serves them. */
  function settleHolds(called: T, window: QueueWindow): void {
    for (const entry of requeued) {
      if (entry.taken || !entry.hold) continue;
      entry.hold = holdAfterLeaving(entry.hold, called.id, isEligible(window, entry.ticket, rules));
    }
  }

  /**
   * Runs the turns from the start of `fromRound`, with the windows that still call then, to the
   * end; notes a checkpoint every CHECKPOINT_ROUNDS rounds so a later newcomer re-plans from there.
   */
  function simulate(fromRound: number, activeRuns: WindowRun[]): void {
    let active = activeRuns;
    for (let round = fromRound; active.length > 0; round += 1) {
      if (round % CHECKPOINT_ROUNDS === 0) noteCheckpoint(round);
      const stillActive: WindowRun[] = [];
      for (const run of active) {
        const entry = pick(run, round);
        if (!entry) continue; // nobody left for this window: it stays idle from here on
        entry.taken = true;
        entry.round = round;
        entry.slot = run.slot;
        entry.windowId = run.window.id;
        entry.reason = pickedReason;
        steps.push(entry);
        if (requeued.length > 0) settleHolds(entry.ticket, run.window);
        run.picks += 1;
        run.streak = isPriority(entry.ticket) ? 0 : run.streak + 1; // policy.nextStreak
        stillActive.push(run);
      }
      active = stillActive;
    }
  }

  function noteCheckpoint(round: number): void {
    let saved = checkpoints[checkpointCount];
    if (!saved) {
      saved = { round, stepCount: 0, heads: [], runs: [], holds: [] };
      checkpoints.push(saved);
    }
    checkpointCount += 1;
    saved.round = round;
    saved.stepCount = steps.length;
    saved.heads.length = allLists.length;
    for (let i = 0; i < allLists.length; i += 1) saved.heads[i] = allLists[i]!.head;
    for (const run of runs) {
      const state = (saved.runs[run.slot] ??= { picks: 0, streak: 0, firstNormal: 0, firstPriority: 0 });
      saveRun(state, run);
    }
    saved.holds.length = requeued.length;
    for (let i = 0; i < requeued.length; i += 1) saved.holds[i] = requeued[i]!.hold;
  }

  function saveRun(state: RunState, run: WindowRun): void {
    state.picks = run.picks;
    state.streak = run.streak;
    state.firstNormal = run.firstFor.normal;
    state.firstPriority = run.firstFor.priority;
  }

  /** Puts the plan back to the start of the checkpoint's round, and runs it again from there. */
  function replanFrom(index: number): void {
    const saved = checkpoints[index]!;
    for (let i = saved.stepCount; i < steps.length; i += 1) steps[i]!.taken = false;
    steps.length = saved.stepCount;
    // A list made after the checkpoint holds only newcomers, none called before it.
    allLists.forEach((list, i) => (list.head = saved.heads[i] ?? 0));
    for (const run of runs) {
      const was = saved.runs[run.slot]!;
      run.picks = was.picks;
      run.streak = was.streak;
      run.firstFor.normal = was.firstNormal;
      run.firstFor.priority = was.firstPriority;
    }
    requeued.forEach((entry, i) => (entry.hold = saved.holds[i] ?? null));
    checkpointCount = index; // simulate notes this one again as it passes its round
    // A window still calling at the start of a round has called once in every round before it.
    simulate(
      saved.round,
      runs.filter((run) => run.picks === saved.round),
    );
  }

  /** The last checkpoint at or before `round` (there is always one at round 0). */
  function checkpointAtOrBefore(round: number): number {
    let low = 0;
    let high = checkpointCount - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (checkpoints[middle]!.round <= round) low = middle;
      else high = middle - 1;
    }
    return low;
  }

  /** Puts a newcomer's entry at the end of its queue list (it comes after everyone in queue order). */
  function enqueue(ticket: T): Entry<T> {
    const entry = entryOf(ticket, null);
    calls.set(ticket.id, entry);
    const key = listKey(ticket.serviceId, isPriority(ticket), ticket.targetWindowId);
    let list = queueLists.get(key);
    if (!list) {
      queueLists.set(key, (list = newList()));
      lists = windows.map(listsOf);
    }
    list.entries.push(entry);
    return entry;
  }

  simulate(0, [...runs]);

  /** Calls `run`'s window makes before the turn (round, slot). */
  const picksBefore = (run: WindowRun, round: number, slot: number): number =>
    Math.min(round, run.picks) + (run.slot < slot && round < run.picks ? 1 : 0);

  const eligibleRuns = (ticket: QueueTicket): WindowRun[] =>
    runs.filter((run) => isEligible(run.window, ticket, rules));

  function newcomerTurn(serviceId: Id, priority: boolean): { run: WindowRun; round: number }[] {
    const probe: QueueTicket = {
      id: -1,
      serviceId,
      priorityClass: priority ? 'priority' : 'normal',
      issuedAt: now,
      orderKey: now,
      sequence: 0,
      targetWindowId: null,
    };
    return eligibleRuns(probe).map((run) => ({
      run,
      // A window calls a newcomer at the latest once it has nobody else left.
      round: Math.min(run.firstFor[priority ? 'priority' : 'normal'], run.picks),
    }));
  }

  function earliest(turns: { run: WindowRun; round: number }[]): { run: WindowRun; round: number } | null {
    let best: { run: WindowRun; round: number } | null = null;
    for (const turn of turns) {
      if (!best || turn.round < best.round || (turn.round === best.round && turn.run.slot < best.run.slot))
        best = turn;
    }
    return best;
  }

  /**
   * The checkpoint a re-plan is owed from, or -1. Newcomers that go mid-plan only note it; the first
   * read re-plans once for all of them (the tickets of one group commit are answered after it).
   */
  let owedFrom = -1;

  function settle(): void {
    if (owedFrom < 0) return;
    const from = owedFrom;
    owedFrom = -1;
    replanFrom(from);
  }

  return {
    get steps() {
      settle();
      return steps;
    },

    callOf(ticketId) {
      settle();
      const entry = calls.get(ticketId);
      return entry?.taken ? entry : null;
    },

    peopleAhead(ticket) {
      settle();
      const call = calls.get(ticket.id);
      if (!call?.taken) return null;
      let ahead = 0;
      for (const run of eligibleRuns(ticket)) ahead += picksBefore(run, call.round, call.slot);
      return ahead;
    },

    windowsFor: (ticket) => eligibleRuns(ticket).length,

    newcomer(serviceId, priority) {
      settle();
      const turns = newcomerTurn(serviceId, priority);
      const turn = earliest(turns);
      if (!turn) return null;
      let ahead = 0;
      for (const { run } of turns) ahead += picksBefore(run, turn.round, turn.run.slot);
      return { peopleAhead: ahead, windows: turns.length };
    },

    addNewcomer(ticket) {
      const joinsAtTheEnd =
        !ticket.requeueHold &&
        // An appointment ticket may go ahead of walk-ins (rule 7): the plan is made again.
        (ticket.slotStart === undefined || ticket.slotStart === null) &&
        ticket.targetWindowId === null &&
        now - waitingSince(ticket) <= limit &&
        (!last || compareQueueOrder(ticket, last) > 0);
      if (!joinsAtTheEnd) return false;
      last = ticket;
      const priority = isPriority(ticket);
      const turn = earliest(newcomerTurn(ticket.serviceId, priority));
      const entry = enqueue(ticket);
      if (!turn) return true; // no window of this plan serves it: it is never called here
      const { run, round } = turn;
      if (owedFrom >= 0 || round !== run.picks) {
        // It goes mid-plan (a priority ticket before normal ones): every call before its first
        // possible turn stays as it was, so the plan is made again only from the last checkpoint
        // at or before that round, at the next read. With a re-plan already owed, the turn read
        // from the plan is exact if it comes before the owed one's (the plan is right up to
        // there), and later turns are re-planned anyway.
        const at = checkpointAtOrBefore(round);
        owedFrom = owedFrom < 0 ? at : Math.min(owedFrom, at);
        return true;
      }
      // It lands on a window with nobody else to call: every other call stays as it was.
      const streakBefore = run.streak;
      const reason: PickReason = run.window.elderlyDedicated
        ? priority
          ? 'priority_at_elderly_window'
          : 'other_at_elderly_window'
        : priority
          ? 'only_priority_waiting'
          : 'only_normal_waiting';
      entry.round = round;
      entry.slot = run.slot;
      entry.windowId = run.window.id;
      entry.reason = reason;
      entry.taken = true;
      steps.splice(stepIndexAfter(round, run.slot), 0, entry);
      run.picks += 1;
      run.streak = nextStreak({ ...run.window, normalStreak: streakBefore }, ticket);
      // The window's turn in this round is now this ticket's: the next newcomer of the same class
      // comes after it (when the window is idle again), one of the other class may still take the
      // turn where pick() would have noted it.
      const kind = priority ? 'priority' : 'normal';
      const other = priority ? 'normal' : 'priority';
      run.firstFor[kind] = Number.POSITIVE_INFINITY;
      if (run.firstFor[other] >= round) {
        run.firstFor[other] = otherTakesTurn(run, priority, streakBefore) ? round : Number.POSITIVE_INFINITY;
      }
      // Checkpoints after this round now hold one call more, made by this window (idle again after it).
      for (let i = 0; i < checkpointCount; i += 1) {
        const saved = checkpoints[i]!;
        if (saved.round <= round) continue;
        saved.stepCount += 1;
        saveRun(saved.runs[run.slot]!, run);
      }
      return true;
    },
  };

  /** Where a call at (round, slot) goes in the steps, which are in turn order. */
  function stepIndexAfter(round: number, slot: number): number {
    let low = 0;
    let high = steps.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      const step = steps[middle]!;
      if (step.round < round || (step.round === round && step.slot < slot)) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  /** After a newcomer took an idle turn, would a later newcomer of the other class be called there instead? */
  function otherTakesTurn(run: WindowRun, newcomerPriority: boolean, streakBefore: number): boolean {
    if (run.window.elderlyDedicated) return !newcomerPriority; // other_at_elderly_window gives way to priority
    return newcomerPriority ? streakBefore < rules.mixRatio : streakBefore >= rules.mixRatio;
  }
}

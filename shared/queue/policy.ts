// The queue policy (DESIGN §5) as pure functions: no I/O, no clock (`now` is passed in).
// The server calls pickNext inside the call-next transaction; consoles and previews call
// orderWaiting to show the order the policy would call.
import { NORMAL_CLASS, type Id } from '../contracts/entities';

export interface QueueTicket {
  id: Id;
  serviceId: Id;
  priorityClass: string;
  /** First issue time (kept across transfers); drives the maximum-wait rule. */
  issuedAt: number;
  /** Position key; equals issuedAt except for requeued no-shows. */
  orderKey: number;
  sequence: number;
  /** A ticket transferred to one window may be called only there. */
  targetWindowId: Id | null;
}

export interface QueueWindow {
  id: Id;
  serviceIds: readonly Id[];
  elderlyDedicated: boolean;
  /** Normal tickets called at this window since its last priority ticket. */
  normalStreak: number;
}

export interface QueueRules {
  mixRatio: number;
  maxWaitMinutes: number;
  elderlyWindowTakesOthers: boolean;
}

export type PickReason =
  | 'overdue'
  | 'priority_at_elderly_window'
  | 'other_at_elderly_window'
  | 'priority_by_ratio'
  | 'normal_by_ratio'
  | 'only_priority_waiting'
  | 'only_normal_waiting';

export interface Pick<T extends QueueTicket = QueueTicket> {
  ticket: T;
  reason: PickReason;
}

export const isPriority = (t: Pick<QueueTicket>['ticket'] | { priorityClass: string }): boolean =>
  t.priorityClass !== NORMAL_CLASS;

/** Deterministic queue order: position key, then first issue time, then sequence, then id. */
export function compareQueueOrder(a: QueueTicket, b: QueueTicket): number {
  return a.orderKey - b.orderKey || a.issuedAt - b.issuedAt || a.sequence - b.sequence || a.id - b.id;
}

function compareByAge(a: QueueTicket, b: QueueTicket): number {
  return a.issuedAt - b.issuedAt || compareQueueOrder(a, b);
}

/** Can this window ever be handed this ticket under these rules? */
export function isEligible(window: QueueWindow, ticket: QueueTicket, rules: QueueRules): boolean {
  if (!window.serviceIds.includes(ticket.serviceId)) return false;
  if (ticket.targetWindowId !== null && ticket.targetWindowId !== window.id) return false;
  if (window.elderlyDedicated && !rules.elderlyWindowTakesOthers && !isPriority(ticket)) return false;
  return true;
}

function first<T extends QueueTicket>(tickets: T[], compare: (a: T, b: T) => number): T | undefined {
  let best: T | undefined;
  for (const t of tickets) if (best === undefined || compare(t, best) < 0) best = t;
  return best;
}

/** The ticket this window should call next, and why; null when none it may serve is waiting. */
export function pickNext<T extends QueueTicket>(
  window: QueueWindow,
  waiting: readonly T[],
  rules: QueueRules,
  now: number,
): Pick<T> | null {
  const eligible = waiting.filter((t) => isEligible(window, t, rules));
  if (eligible.length === 0) return null;

  // Rule 3: nobody waits without bound — the longest-waiting overdue ticket goes first.
  const limit = rules.maxWaitMinutes * 60_000;
  const overdue = first(
    eligible.filter((t) => now - t.issuedAt > limit),
    compareByAge,
  );
  if (overdue) return { ticket: overdue, reason: 'overdue' };

  const priority = first(eligible.filter(isPriority), compareQueueOrder);
  const normal = first(
    eligible.filter((t) => !isPriority(t)),
    compareQueueOrder,
  );

  if (window.elderlyDedicated) {
    // Rule 1: an elderly window takes priority tickets first, others only when none waits.
    if (priority) return { ticket: priority, reason: 'priority_at_elderly_window' };
    return normal ? { ticket: normal, reason: 'other_at_elderly_window' } : null;
  }

  // Rule 2: an ordinary window mixes — after `mixRatio` normal tickets, one priority ticket.
  if (priority && normal) {
    return window.normalStreak >= rules.mixRatio
      ? { ticket: priority, reason: 'priority_by_ratio' }
      : { ticket: normal, reason: 'normal_by_ratio' };
  }
  if (priority) return { ticket: priority, reason: 'only_priority_waiting' };
  return normal ? { ticket: normal, reason: 'only_normal_waiting' } : null;
}

/** The window's streak after it calls `ticket`. */
export function nextStreak(window: QueueWindow, ticket: { priorityClass: string }): number {
  return isPriority(ticket) ? 0 : window.normalStreak + 1;
}

/**
 * The order in which this window would call the waiting tickets if nothing else changed
 * (no new arrivals, no other window calling), evaluated at `now`.
 */
export function orderWaiting<T extends QueueTicket>(
  window: QueueWindow,
  waiting: readonly T[],
  rules: QueueRules,
  now: number,
): Pick<T>[] {
  const remaining = [...waiting];
  const order: Pick<T>[] = [];
  let current: QueueWindow = { ...window };
  for (;;) {
    const pick = pickNext(current, remaining, rules, now);
    if (!pick) return order;
    order.push(pick);
    remaining.splice(remaining.indexOf(pick.ticket), 1);
    current = { ...current, normalStreak: nextStreak(current, pick.ticket) };
  }
}

/**
 * Position key for a requeued no-show: just after the `offset`-th waiting ticket of its
 * service (in queue order), or at the end when fewer wait. Keys are real numbers so a ticket
 * can be slotted between two others without renumbering anyone.
 */
export function requeueOrderKey(sameServiceWaiting: readonly QueueTicket[], offset: number, now: number): number {
  const ordered = [...sameServiceWaiting].sort(compareQueueOrder);
  if (ordered.length === 0) return now;
  if (offset <= 0) return ordered[0]!.orderKey - 1;
  if (ordered.length <= offset) return Math.max(now, ordered[ordered.length - 1]!.orderKey + 1);
  const before = ordered[offset - 1]!.orderKey;
  const after = ordered[offset]!.orderKey;
  return before === after ? before : before + (after - before) / 2;
}

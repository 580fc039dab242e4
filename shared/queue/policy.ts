// The queue policy (DESIGN §5) as pure functions: no I/O, no clock (`now` is passed in).
// The server calls pickNext inside the call-next transaction; consoles and previews call
// orderWaiting to show the order the policy would call.
import { NORMAL_CLASS, type Id } from '../contracts/entities';

export interface QueueTicket {
  id: Id;
  serviceId: Id;
  priorityClass: string;
  /** First issue time (kept across transfers); drives the maximum-wait rule (see waitingSince). */
  issuedAt: number;
  /** Position key; equals issuedAt except for requeued no-shows. */
  orderKey: number;
  sequence: number;
  /** A ticket transferred to one window may be called only there. */
  targetWindowId: Id | null;
  /**
   * Appointment tickets only: when their booked slot begins. From then on the ticket is due and
   * goes ahead of the walk-ins of its service (see firstNormal); before it waits like a walk-in.
   */
  slotStart?: number | null;
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
  | 'only_normal_waiting'
  /** A normal ticket chosen by the rules above that is a due appointment (rule 7). */
  | 'appointment_due';

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

/**
 * Since when the maximum-wait rule counts this ticket's wait: its first issue time, or for a
 * requeued no-show the later place it was put back to. Counting a no-show from its issue time
 * would make it overdue at once (it has usually waited long already, often it was called
 * *because* it was overdue), so it would jump straight back to the front and the requeue
 * offset would mean nothing. Its new key sits among the keys of the tickets around it, so it
 * becomes overdue together with its neighbours.
 */
export function waitingSince(ticket: QueueTicket): number {
  return Math.max(ticket.issuedAt, ticket.orderKey);
}

function compareByAge(a: QueueTicket, b: QueueTicket): number {
  return waitingSince(a) - waitingSince(b) || compareQueueOrder(a, b);
}

/** Can this window ever be handed this ticket under these rules? */
export function isEligible(window: QueueWindow, ticket: QueueTicket, rules: QueueRules): boolean {
  if (!window.serviceIds.includes(ticket.serviceId)) return false;
  // A ticket transferred to one window on purpose may be called there whatever its class: if
  // that window is elderly-only, no other window could ever call it.
  if (ticket.targetWindowId !== null) return ticket.targetWindowId === window.id;
  if (window.elderlyDedicated && !rules.elderlyWindowTakesOthers && !isPriority(ticket)) return false;
  return true;
}

function first<T extends QueueTicket>(tickets: readonly T[], compare: (a: T, b: T) => number): T | undefined {
  let best: T | undefined;
  for (const t of tickets) if (best === undefined || compare(t, best) < 0) best = t;
  return best;
}

/**
 * An appointment ticket whose slot has begun. A requeued one (it missed its call; its position key
 * is no longer its issue time) has spent its turn: it goes back like any returning no-show (rule 4).
 */
export function isDueAppointment(ticket: QueueTicket, now: number): boolean {
  return (
    ticket.slotStart !== undefined &&
    ticket.slotStart !== null &&
    ticket.slotStart <= now &&
    ticket.orderKey === ticket.issuedAt
  );
}

function compareDueAppointments(a: QueueTicket, b: QueueTicket): number {
  return (a.slotStart ?? 0) - (b.slotStart ?? 0) || compareQueueOrder(a, b);
}

/**
 * Rule 7 (appointments), among the normal tickets a window may call: take the first in queue
 * order; if an appointment of that ticket's service is due (its slot has begun), the due
 * appointment with the earliest slot goes instead. So at their slot time booked visitors go ahead
 * of the walk-ins of their own service, never ahead of anyone of another service who came earlier,
 * and never ahead of a priority ticket: they are normal tickets, chosen only after the elderly
 * window, ratio and maximum-wait rules have chosen the normal class. (A visitor aged 60+ who
 * booked gets a priority ticket instead: the green channel is the better of the two.)
 */
export function firstNormal<T extends QueueTicket>(normals: readonly T[], now: number): T | undefined {
  const head = first(normals, compareQueueOrder);
  if (!head) return undefined;
  const due = first(
    normals.filter((t) => t.serviceId === head.serviceId && isDueAppointment(t, now)),
    compareDueAppointments,
  );
  return due ?? head;
}

/**
 * The ticket this window should call next, and why; null when none it may serve is waiting.
 * `waiting` need not hold the whole queue: it is enough to pass, among the tickets eligible at
 * this window, for each class (normal / priority) the first in queue order (compareQueueOrder),
 * the longest overdue (smallest waitingSince, then queue order), and the due appointments.
 */
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
    eligible.filter((t) => now - waitingSince(t) > limit),
    compareByAge,
  );
  if (overdue) return { ticket: overdue, reason: 'overdue' };

  const priority = first(eligible.filter(isPriority), compareQueueOrder);
  const normal = firstNormal(
    eligible.filter((t) => !isPriority(t)),
    now,
  );

  // Rule 7 decided which normal ticket it is; the reason says so when it was a due appointment.
  const normalPick = (reason: PickReason): Pick<T> | null =>
    normal ? { ticket: normal, reason: isDueAppointment(normal, now) ? 'appointment_due' : reason } : null;

  if (window.elderlyDedicated) {
    // Rule 1: an elderly window takes priority tickets first, others only when none waits.
    if (priority) return { ticket: priority, reason: 'priority_at_elderly_window' };
    return normalPick('other_at_elderly_window');
  }

  // Rule 2: an ordinary window mixes — after `mixRatio` normal tickets, one priority ticket.
  if (priority && normal) {
    return window.normalStreak >= rules.mixRatio
      ? { ticket: priority, reason: 'priority_by_ratio' }
      : normalPick('normal_by_ratio');
  }
  if (priority) return { ticket: priority, reason: 'only_priority_waiting' };
  return normalPick('only_normal_waiting');
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

/** The smallest double greater than x (x is a finite position key). */
function nextUp(x: number): number {
  if (x === 0) return Number.MIN_VALUE;
  const bits = new BigInt64Array(new Float64Array([x]).buffer);
  bits[0] = bits[0]! + (x > 0 ? 1n : -1n);
  return new Float64Array(bits.buffer)[0]!;
}

/**
 * Position key for a requeued no-show: just after the `offset`-th waiting ticket of its
 * service (in queue order), or at the end when fewer wait. Keys are real numbers so a ticket
 * can be slotted between two others without renumbering anyone.
 */
export function requeueOrderKey(
  sameServiceWaiting: readonly QueueTicket[],
  offset: number,
  now: number,
): number {
  const ordered = [...sameServiceWaiting].sort(compareQueueOrder);
  if (ordered.length === 0) return now;
  if (offset <= 0) return ordered[0]!.orderKey - 1;
  if (ordered.length <= offset) return Math.max(now, ordered[ordered.length - 1]!.orderKey + 1);
  const before = ordered[offset - 1]!.orderKey;
  const after = ordered[offset]!.orderKey;
  const middle = before + (after - before) / 2;
  if (middle > before && middle < after) return middle;
  // No key lies strictly between (the two share a key, or many requeues into one gap used up
  // the precision of doubles): take the next key up, so the ticket is never put ahead of the
  // `offset` tickets it must follow; ties with the next ticket then break by issue time.
  return nextUp(before);
}

// The queue policy (DESIGN §5) as pure functions: no I/O, no clock (`now` is passed in).
// The server calls pickNext inside the call-next transaction; consoles and previews call
// orderWaiting to show the order the policy would call.
import { NORMAL_CLASS, type Id } from '../contracts/entities';
import { holdAfterLeaving, isHeld, isRequeueDue, type RequeueHold } from './requeueHold';

export interface QueueTicket {
  id: Id;
  serviceId: Id;
  priorityClass: string;
  /** First issue time (kept across transfers); drives the maximum-wait rule (see waitingSince). */
  issuedAt: number;
  /** Position key; equals issuedAt except for requeued no-shows (their return time). */
  orderKey: number;
  sequence: number;
  /** A ticket transferred to one window may be called only there. */
  targetWindowId: Id | null;
  /** A returned no-show: the places still to be called before it (requeueHold.ts). */
  requeueHold?: RequeueHold | null;
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
  | 'requeue_due'
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

/** Deterministic queue order: position key, then first issue time, then the order taken (id). */
export function compareQueueOrder(a: QueueTicket, b: QueueTicket): number {
  // Tickets issued in the same millisecond (one group commit) go in the order they were taken:
  // ids only grow, so a ticket just taken is always behind everyone (the call plan relies on it to
  // add it in place). The per-service sequence would put service A's 5 before service B's 9.
  return a.orderKey - b.orderKey || a.issuedAt - b.issuedAt || a.id - b.id;
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
 * An appointment ticket whose slot has begun. A requeued one (it missed its call: it carries a
 * requeue hold, and its position key is its return time) has spent its turn: it goes back like any
 * returning no-show (rule 4).
 */
export function isDueAppointment(ticket: QueueTicket, now: number): boolean {
  return (
    ticket.slotStart !== undefined &&
    ticket.slotStart !== null &&
    ticket.slotStart <= now &&
    !ticket.requeueHold &&
    ticket.orderKey === ticket.issuedAt
  );
}

/** Due appointments among themselves: the earliest slot first, then queue order. */
export function compareDueAppointments(a: QueueTicket, b: QueueTicket): number {
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
 * this window, the returned no-shows (requeueHold), the due appointments and, for each class
 * (normal / priority), the first in queue order (compareQueueOrder) and the longest overdue
 * (smallest waitingSince, then queue order).
 */
export function pickNext<T extends QueueTicket>(
  window: QueueWindow,
  waiting: readonly T[],
  rules: QueueRules,
  now: number,
): Pick<T> | null {
  const all = waiting.filter((t) => isEligible(window, t, rules));
  if (all.length === 0) return null;
  const requeued = pickRequeued(all);
  if (requeued) return requeued;
  const eligible = all.filter((t) => !isHeld(t));

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

/**
 * Rule 4: a returned no-show whose places have been called goes first at any window that serves
 * it. One still held goes only where nobody else waits: a window never stands idle while someone
 * it could serve is waiting.
 */
function pickRequeued<T extends QueueTicket>(eligible: readonly T[]): Pick<T> | null {
  const due = first(eligible.filter(isRequeueDue), compareQueueOrder);
  if (due) return { ticket: due, reason: 'requeue_due' };
  if (eligible.every(isHeld))
    return { ticket: first([...eligible], compareQueueOrder)!, reason: 'requeue_due' };
  return null;
}

/**
 * The waiting tickets after `called` was called at `window`: each held no-show that had it ahead
 * counts one place fewer when `window` can serve that no-show (requeueHold.ts). The same array
 * when no hold changed.
 */
export function afterCall<T extends QueueTicket>(
  remaining: readonly T[],
  called: QueueTicket,
  window: QueueWindow,
  rules: QueueRules,
): readonly T[] {
  let changed = false;
  const next = remaining.map((t) => {
    if (!t.requeueHold) return t;
    const hold = holdAfterLeaving(t.requeueHold, called.id, isEligible(window, t, rules));
    if (hold === t.requeueHold) return t;
    changed = true;
    return { ...t, requeueHold: hold };
  });
  return changed ? next : remaining;
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
  // Holds change as the window calls; the picks hand back the caller's own objects.
  const original = new Map(waiting.map((t) => [t.id, t]));
  let remaining: readonly T[] = [...waiting];
  const order: Pick<T>[] = [];
  let current: QueueWindow = { ...window };
  for (;;) {
    const pick = pickNext(current, remaining, rules, now);
    if (!pick) return order;
    order.push({ ticket: original.get(pick.ticket.id)!, reason: pick.reason });
    remaining = afterCall(
      remaining.filter((t) => t !== pick.ticket),
      pick.ticket,
      current,
      rules,
    );
    current = { ...current, normalStreak: nextStreak(current, pick.ticket) };
  }
}

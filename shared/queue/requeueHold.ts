// Requeue as the visitor is promised it (README › How the queue decides, rule 4): a no-show who
// comes back goes behind exactly `requeueOffset` of the people then waiting for the windows that
// can serve them — whatever their classes and services — and then is next at the first of those
// windows that calls. A position key cannot say this (windows call per class, and other services
// share the windows), so the returned ticket carries a hold instead: the ids of the tickets that
// were waiting for its windows when it came back, and how many of them still have to be called at
// those windows first. Pure: the server keeps the hold on the ticket row; plans and consoles read it.
import type { Id } from '../contracts/entities';

export interface RequeueHold {
  /** Tickets that were waiting for this ticket's windows when it came back and still wait. */
  before: readonly Id[];
  /** How many more of them are to be called at this ticket's windows before it goes next. */
  left: number;
}

/** What the hold rules need to know of a ticket and a window (policy.ts's types fit). */
export interface HoldTicket {
  id: Id;
  requeueHold?: RequeueHold | null;
}

/** A requeued ticket still waiting for its places to be called. */
export function isHeld(ticket: HoldTicket): boolean {
  const hold = ticket.requeueHold;
  return !!hold && hold.left > 0 && hold.before.length > 0;
}

/** A requeued ticket whose places have been called (or nobody is left ahead): it goes next. */
export function isRequeueDue(ticket: HoldTicket): boolean {
  return !!ticket.requeueHold && !isHeld(ticket);
}

/**
 * The hold of a ticket that comes back now. `competes(other)` says whether another waiting ticket
 * may be called at one of the windows that can serve this one. Offset 0 gives an empty hold: the
 * ticket is next at once.
 */
export function newRequeueHold<T extends HoldTicket>(
  ticket: T,
  waiting: Iterable<T>,
  offset: number,
  competes: (other: T) => boolean,
): RequeueHold {
  const before: Id[] = [];
  if (offset > 0)
    for (const other of waiting) if (other.id !== ticket.id && competes(other)) before.push(other.id);
  before.sort((a, b) => a - b);
  return { before, left: Math.max(0, offset) };
}

/**
 * A hold after ticket `leftId` stopped waiting: it no longer counts as waiting ahead, and it used
 * up one of the places if it was called at a window that can serve the held ticket
 * (`atHeldWindow`). Returns the same object when the ticket was not one of those ahead.
 */
export function holdAfterLeaving(hold: RequeueHold, leftId: Id, atHeldWindow: boolean): RequeueHold {
  const index = indexOfSorted(hold.before, leftId);
  if (index < 0) return hold;
  const before = [...hold.before.slice(0, index), ...hold.before.slice(index + 1)];
  return { before, left: atHeldWindow ? Math.max(0, hold.left - 1) : hold.left };
}

/** `before` is kept in id order, so a plan that checks every pick against every hold stays cheap. */
function indexOfSorted(ids: readonly Id[], id: Id): number {
  let low = 0;
  let high = ids.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const value = ids[middle]!;
    if (value === id) return middle;
    if (value < id) low = middle + 1;
    else high = middle - 1;
  }
  return -1;
}

// The waiting list a window sees, in the order the hall's policy would call it (shared/queue/policy),
// so the console never invents its own idea of fairness.
import type { HallRules, HallWindow, Id, TicketView } from '@hall/shared/contracts/entities';
import { orderWaiting, type PickReason, type QueueTicket } from '@hall/shared/queue/policy';

export interface WaitingEntry {
  ticket: TicketView;
  reason: PickReason;
}

/** A ticket transferred to one window carries its target; older servers may not send the field. */
function targetWindowOf(ticket: TicketView): Id | null {
  const target = (ticket as TicketView & { targetWindowId?: Id | null }).targetWindowId;
  return typeof target === 'number' ? target : null;
}

type QueuedView = QueueTicket & { view: TicketView };

export function waitingOrderFor(
  window: HallWindow,
  activeTickets: readonly TicketView[],
  rules: HallRules,
  now: number,
): WaitingEntry[] {
  const waiting: QueuedView[] = activeTickets
    .filter((t) => t.state === 'waiting')
    .map((t) => ({
      id: t.id,
      serviceId: t.serviceId,
      priorityClass: t.priorityClass,
      issuedAt: t.issuedAt,
      orderKey: t.orderKey,
      sequence: t.sequence,
      targetWindowId: targetWindowOf(t),
      // An appointment ticket is due from its slot's start (queue rule 7).
      slotStart: t.slotStart ?? null,
      view: t,
    }));
  return orderWaiting(window, waiting, rules, now).map((pick) => ({
    ticket: pick.ticket.view,
    reason: pick.reason,
  }));
}

/** Reasons that mean "a priority class went ahead", worded with the class name. */
export function isPriorityReason(reason: PickReason): boolean {
  return (
    reason === 'priority_at_elderly_window' ||
    reason === 'priority_by_ratio' ||
    reason === 'only_priority_waiting'
  );
}

// The waiting list a window sees, in the order the hall's policy would call it (shared/queue/policy),
// so the console never invents its own idea of fairness; and beside each ticket what its visitor is
// told (people ahead, the estimate), from the same call plan the server uses (shared/queue/callPlan),
// so the console and the visitor's ticket and phone say the same.
import type { HallSnapshot, HallWindow, Id, TicketView } from '@hall/shared/contracts/entities';
import { orderWaiting, type PickReason, type QueueTicket } from '@hall/shared/queue/policy';
import { FIGURES_PLAN, planCalls } from '@hall/shared/queue/callPlan';
import { ticketFigures, type QueueFigures } from '@hall/shared/queue/estimate';
import { servesLaterToday } from '@hall/shared/hallHours';

export interface WaitingEntry {
  ticket: TicketView;
  reason: PickReason;
  /** What the visitor is told; absent when the console could not work it out. */
  figures?: QueueFigures;
}

/** A ticket transferred to one window carries its target; older servers may not send the field. */
function targetWindowOf(ticket: TicketView): Id | null {
  const target = (ticket as TicketView & { targetWindowId?: Id | null }).targetWindowId;
  return typeof target === 'number' ? target : null;
}

type QueuedView = QueueTicket & { view: TicketView };

function queued(activeTickets: readonly TicketView[]): QueuedView[] {
  return activeTickets
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
      requeueHold: t.requeueHold ?? null,
      view: t,
    }));
}

export function waitingOrderFor(
  window: HallWindow,
  activeTickets: readonly TicketView[],
  rules: HallSnapshot['rules'],
  now: number,
): WaitingEntry[] {
  return orderWaiting(window, queued(activeTickets), rules, now).map((pick) => ({
    ticket: pick.ticket.view,
    reason: pick.reason,
  }));
}

/** Per waiting ticket, the figures its visitor reads on the kiosk, the ticket and the status page. */
export function visitorFigures(snapshot: HallSnapshot, now: number): Map<Id, QueueFigures> {
  const waiting = queued(snapshot.activeTickets);
  // In window-number order: the turn order of the server's plan.
  const windows = [...snapshot.windows].sort((a, b) => a.number - b.number);
  const open = planCalls(
    windows.filter((w) => w.state === 'open'),
    waiting,
    snapshot.rules,
    now,
    FIGURES_PLAN,
  );
  let all: ReturnType<typeof planCalls<QueuedView>> | null = null;
  const plans = { open, all: () => (all ??= planCalls(windows, waiting, snapshot.rules, now, FIGURES_PLAN)) };
  const laterToday = servesLaterToday(snapshot.hall, now);
  const figures = new Map<Id, QueueFigures>();
  for (const t of waiting) {
    const average = snapshot.averageServiceMinutes[String(t.serviceId)] ?? 1;
    figures.set(t.id, ticketFigures(plans, t, average, laterToday));
  }
  return figures;
}

/** Reasons that mean "a priority class went ahead", worded with the class name. */
export function isPriorityReason(reason: PickReason): boolean {
  return (
    reason === 'priority_at_elderly_window' ||
    reason === 'priority_by_ratio' ||
    reason === 'only_priority_waiting'
  );
}

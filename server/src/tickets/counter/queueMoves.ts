// Moving a visitor within or out of the queue: a no-show who came back goes back a few places
// (rules.requeueOffset), a ticket is transferred to another service (keeping its first issue time,
// optionally to one window), or cancelled.
import { DomainError } from '@hall/shared/contracts/errors';
import type { TicketView } from '@hall/shared/contracts/entities';
import { isEligible } from '@hall/shared/queue/policy';
import { newRequeueHold } from '@hall/shared/queue/requeueHold';
import type { Actor } from '../../core/actor';
import type { ChangeContext } from '../../core/changes';
import { toView, type StoredTicket } from '../ticketRepository';
import { atWindow, findTicket, heldWindow, type CounterDeps } from './counterGuards';
import { assertStaffScope } from '../staffScope';
import { logTicket, move, setCurrent } from './ticketMoves';

export function requeue(deps: CounterDeps, ctx: ChangeContext, actor: Actor, ticketId: number): TicketView {
  const window = heldWindow(ctx, actor);
  const ticket = findTicket(deps, ctx, ticketId);
  const state = move(ticket, 'requeue');
  assertStaffScope(deps.repos, actor, window, ticket, 'requeue');
  const { requeueOffset, ...rules } = ctx.hall.rules;
  const back: StoredTicket = {
    ...ticket,
    state,
    // Its key is the time it came back: the maximum-wait rule counts from there, not from its
    // first issue (it would be overdue at once, and the places would mean nothing).
    orderKey: ctx.now,
    windowId: null,
    staffId: null,
    finishedAt: null,
    requeueHold: null,
  };
  // It goes behind `requeueOffset` of the people waiting now for the windows that can serve it,
  // whatever their class or service (shared/queue/requeueHold.ts).
  const itsWindows = ctx.hall.windows().filter((w) => isEligible(w, back, rules));
  const requeued: StoredTicket = {
    ...back,
    requeueHold: newRequeueHold(back, ctx.hall.waitingTickets(), requeueOffset, (other) =>
      itsWindows.some((w) => isEligible(w, other, rules)),
    ),
  };
  ctx.saveTicket(requeued, ticket.state);
  logTicket(ctx, actor, requeued, 'requeued', window, {
    offset: requeueOffset,
    waitingAhead: requeued.requeueHold!.before.length,
  });
  const view = toView(requeued);
  ctx.emit({ type: 'ticket:updated', ticket: view });
  return view;
}

/** Closes this ticket and opens a waiting one for another service that keeps the first issue time. */
export function transfer(
  deps: CounterDeps,
  ctx: ChangeContext,
  actor: Actor,
  ticketId: number,
  toServiceId: number,
  toWindowId: number | null,
): TicketView {
  const { window, ticket } = atWindow(deps, ctx, actor, ticketId);
  const target = ctx.hall.service(toServiceId);
  if (!target) throw new DomainError('SERVICE_NOT_FOUND');
  if (target.id === ticket.serviceId && toWindowId === null) throw new DomainError('TRANSFER_SAME_SERVICE');
  if (toWindowId !== null) {
    const targetWindow = ctx.hall.window(toWindowId);
    if (!targetWindow) throw new DomainError('WINDOW_NOT_FOUND');
    if (!targetWindow.serviceIds.includes(target.id)) throw new DomainError('SERVICE_NOT_SERVED_BY_WINDOW');
  }
  const closed: StoredTicket = { ...ticket, state: move(ticket, 'transfer'), finishedAt: ctx.now };
  assertStaffScope(deps.repos, actor, window, ticket, 'transfer');
  ctx.saveTicket(closed, ticket.state);
  const { id: _oldId, ...rest } = ticket;
  const created = ctx.insertTicket({
    ...rest,
    serviceId: target.id,
    source: 'transfer',
    state: 'waiting',
    orderKey: ticket.issuedAt,
    calledAt: null,
    servingAt: null,
    finishedAt: null,
    windowId: null,
    staffId: null,
    targetWindowId: toWindowId,
    callCount: 0,
    marks: null,
    transferredFromId: ticket.id,
    requestId: null,
    // The booking was for the first service: the new leg waits as a transfer, not as an appointment.
    appointmentId: null,
    slotStart: null,
    slotEnd: null,
    requeueHold: null,
  });
  logTicket(ctx, actor, closed, 'transferred', window, {
    toTicketId: created.id,
    toServiceId: target.id,
    toWindowId,
  });
  ctx.emit({ type: 'ticket:updated', ticket: toView(closed) });
  const view = toView(created);
  ctx.emit({ type: 'ticket:updated', ticket: view });
  if (window.currentTicketId === ticket.id) setCurrent(ctx, window, { currentTicketId: null });
  return view;
}

export function cancel(deps: CounterDeps, ctx: ChangeContext, actor: Actor, ticketId: number): TicketView {
  const window = heldWindow(ctx, actor);
  const ticket = findTicket(deps, ctx, ticketId);
  const cancelled: StoredTicket = { ...ticket, state: move(ticket, 'cancel'), finishedAt: ctx.now };
  assertStaffScope(deps.repos, actor, window, ticket, 'cancel');
  ctx.saveTicket(cancelled, ticket.state);
  logTicket(ctx, actor, cancelled, 'cancelled', window);
  const view = toView(cancelled);
  ctx.emit({ type: 'ticket:updated', ticket: view });
  return view;
}

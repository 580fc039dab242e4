// Calling visitors to a window: the next one by the queue policy, a specific number (a visitor who
// came to the window; logged), or the same one again (recall). A call is one change: the ticket
// moves to `called`, an event row records it (its id is the call's identity), the call goes to the
// screens, and the window now holds the ticket.
import { DomainError } from '@hall/shared/contracts/errors';
import type { HallWindow, TicketView } from '@hall/shared/contracts/entities';
import { nextStreak, pickNext } from '@hall/shared/queue/policy';
import type { Actor } from '../../core/actor';
import type { ChangeContext } from '../../core/changes';
import { toView, type StoredTicket } from '../ticketRepository';
import { atWindow, callableWindow, type CounterDeps } from './counterGuards';
import { callRecord, logTicket, move, setCurrent } from './ticketMoves';

function call(
  ctx: ChangeContext,
  actor: Actor,
  window: HallWindow,
  ticket: StoredTicket,
  reason: string,
): TicketView {
  const called: StoredTicket = {
    ...ticket,
    state: move(ticket, 'call'),
    calledAt: ctx.now,
    windowId: window.id,
    staffId: actor.staffId,
    callCount: ticket.callCount + 1,
    requeueHold: null,
  };
  ctx.saveTicket(called, ticket.state);
  const callId = logTicket(ctx, actor, called, 'called', window, {
    reason,
    priorityClass: called.priorityClass,
  });
  const view = toView(called);
  ctx.emit({ type: 'ticket:called', ticket: view, call: callRecord(ctx, callId, called, window, false) });
  setCurrent(ctx, window, { currentTicketId: called.id, normalStreak: nextStreak(window, called) });
  return view;
}

/** The ticket the policy picks for this window among everyone waiting now. */
export function callNext(deps: CounterDeps, ctx: ChangeContext, actor: Actor): TicketView {
  const window = callableWindow(deps, ctx, actor);
  // Only the services this window serves can be picked (pickNext checks every rule itself).
  const waiting = window.serviceIds.flatMap((serviceId) => [...ctx.hall.waitingOf(serviceId)]);
  const pick = pickNext(window, waiting, ctx.hall.rules, ctx.now);
  if (!pick) throw new DomainError('QUEUE_EMPTY');
  return call(ctx, actor, window, pick.ticket, pick.reason);
}

export function callSpecific(
  deps: CounterDeps,
  ctx: ChangeContext,
  actor: Actor,
  number: string,
): TicketView {
  const window = callableWindow(deps, ctx, actor);
  const ticket = deps.repos.tickets.findByNumber(ctx.hall.hallId, ctx.hall.day, number);
  if (!ticket) throw new DomainError('TICKET_NOT_FOUND');
  if (ticket.state === 'called' || ticket.state === 'serving') {
    const elsewhere = (ticket.windowId && ctx.hall.window(ticket.windowId)?.number) || '?';
    throw new DomainError('TICKET_CALLED_ELSEWHERE', { window: elsewhere });
  }
  if (!window.serviceIds.includes(ticket.serviceId)) throw new DomainError('SERVICE_NOT_SERVED_BY_WINDOW');
  return call(ctx, actor, window, ticket, 'specific');
}

/** Calls the window's ticket again: a new call (its own id and time) for the displays to announce. */
export function recall(deps: CounterDeps, ctx: ChangeContext, actor: Actor, ticketId: number): TicketView {
  const { window, ticket } = atWindow(deps, ctx, actor, ticketId);
  const recalled: StoredTicket = {
    ...ticket,
    state: move(ticket, 'recall'),
    callCount: ticket.callCount + 1,
  };
  ctx.saveTicket(recalled, ticket.state);
  const callId = logTicket(ctx, actor, recalled, 'recalled', window, { callCount: recalled.callCount });
  const view = toView(recalled);
  ctx.emit({ type: 'ticket:called', ticket: view, call: callRecord(ctx, callId, recalled, window, true) });
  return view;
}

// The steps every counter command is made of: move a ticket through the state machine, save it,
// log it, make its call record, and set what the window holds. Each uses the change's one clock
// reading, so the ticket row, the event row, the delta and the answer all agree on the time.
import { DomainError } from '@hall/shared/contracts/errors';
import type { CallRecord, EventType, HallWindow, TicketState } from '@hall/shared/contracts/entities';
import { transition, type TicketAction } from '@hall/shared/queue/stateMachine';
import type { Actor } from '../../core/actor';
import type { ChangeContext } from '../../core/changes';
import type { StoredTicket } from '../ticketRepository';

/** Applies the state machine; refuses with the transition's own code. */
export function move(ticket: StoredTicket, action: TicketAction): TicketState {
  const result = transition(ticket.state, action);
  if (!result.ok) throw new DomainError(result.code, { state: ticket.state });
  return result.to;
}

/** Appends the ticket's event row; returns its id (a call's identity). */
export function logTicket(
  ctx: ChangeContext,
  actor: Actor,
  ticket: StoredTicket,
  type: EventType,
  window: HallWindow | null,
  payload: Record<string, unknown> = {},
): number {
  return ctx.appendEvent({
    ticketId: ticket.id,
    type,
    windowId: window?.id ?? null,
    staffId: actor.staffId,
    deviceId: actor.deviceId,
    payload: { number: ticket.number, ...payload },
  });
}

/** The call as displays show and announce it: identified by its event row, timed by the change. */
export function callRecord(
  ctx: ChangeContext,
  callId: number,
  ticket: StoredTicket,
  window: HallWindow,
  recall: boolean,
): CallRecord {
  return {
    id: callId,
    ticketId: ticket.id,
    number: ticket.number,
    priorityClass: ticket.priorityClass,
    windowId: window.id,
    windowNumber: window.number,
    elderlyWindow: window.elderlyDedicated,
    serviceId: ticket.serviceId,
    at: ctx.now,
    recall,
  };
}

/** What the window holds now (and its mixing streak); the consoles get the window, displays not. */
export function setCurrent(ctx: ChangeContext, window: HallWindow, changes: Partial<HallWindow>): HallWindow {
  return ctx.saveWindow({ ...window, ...changes });
}

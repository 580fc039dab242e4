// Who may act on what at a counter: the window this staff member holds, whether it may call now,
// and whether a ticket is this window's to act on. Each guard refuses with the code staff read.
import { DomainError } from '@hall/shared/contracts/errors';
import type { HallWindow } from '@hall/shared/contracts/entities';
import type { Actor } from '../../core/actor';
import type { ChangeContext } from '../../core/changes';
import type { Repositories } from '../../repositories';
import type { StoredTicket } from '../ticketRepository';

export interface CounterDeps {
  repos: Repositories;
}

export function heldWindow(ctx: ChangeContext, actor: Actor): HallWindow {
  const window = actor.staffId ? ctx.hall.windowHeldBy(actor.staffId) : null;
  if (!window) throw new DomainError('WINDOW_NOT_HELD');
  return window;
}

/** Today's live tickets are in memory; anything older or finished is read from the database. */
export function findTicket(deps: CounterDeps, ctx: ChangeContext, ticketId: number): StoredTicket {
  const ticket = ctx.hall.liveTicket(ticketId) ?? deps.repos.tickets.find(ctx.hall.hallId, ticketId);
  if (!ticket) throw new DomainError('TICKET_NOT_FOUND');
  return ticket;
}

/** An open window with nobody at it: one that may call the next visitor. */
export function callableWindow(deps: CounterDeps, ctx: ChangeContext, actor: Actor): HallWindow {
  const window = heldWindow(ctx, actor);
  if (window.state === 'closed') throw new DomainError('WINDOW_CLOSED');
  if (window.state === 'paused') throw new DomainError('WINDOW_PAUSED');
  if (window.currentTicketId) {
    const current = ctx.hall.liveTicket(window.currentTicketId);
    if (current && (current.state === 'called' || current.state === 'serving')) {
      throw new DomainError('WINDOW_BUSY', { number: current.number });
    }
  }
  return window;
}

/** Ticket commands that act on this window's own called or served ticket. */
export function atWindow(
  deps: CounterDeps,
  ctx: ChangeContext,
  actor: Actor,
  ticketId: number,
): { window: HallWindow; ticket: StoredTicket } {
  const window = heldWindow(ctx, actor);
  const ticket = findTicket(deps, ctx, ticketId);
  if (ticket.windowId !== window.id && ['called', 'serving'].includes(ticket.state)) {
    throw new DomainError('TICKET_NOT_AT_WINDOW');
  }
  return { window, ticket };
}

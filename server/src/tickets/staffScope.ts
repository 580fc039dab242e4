// What window staff may do to tickets that are not theirs. Cancelling or transferring a ticket of a
// service their window does not serve, or requeueing another window's no-show, reaches into a
// colleague's queue: refused with a code saying so. An admin may (they supervise the whole hall).
// Kept apart from the counter commands so each command calls it with one line.
import { DomainError } from '@hall/shared/contracts/errors';
import type { HallWindow } from '@hall/shared/contracts/entities';
import type { Repositories } from '../repositories';
import type { Actor } from '../core/actor';
import type { StoredTicket } from './ticketRepository';

export type ScopedAction = 'cancel' | 'transfer' | 'requeue';

export function assertStaffScope(
  repos: Repositories,
  actor: Actor,
  window: HallWindow,
  ticket: StoredTicket,
  action: ScopedAction,
): void {
  if (actor.staffId !== null && repos.staff.find(actor.staffId)?.role === 'admin') return;
  if (action === 'requeue') {
    // The window that marked the no-show, or the person who did (they may have moved windows).
    if (ticket.windowId === window.id || (ticket.staffId !== null && ticket.staffId === actor.staffId))
      return;
    throw new DomainError('NO_SHOW_OF_OTHER_WINDOW');
  }
  // A ticket this window holds may always be passed on, even if the window's services changed since.
  const heldHere = ticket.windowId === window.id && (ticket.state === 'called' || ticket.state === 'serving');
  if (heldHere || window.serviceIds.includes(ticket.serviceId)) return;
  throw new DomainError('TICKET_OF_OTHER_SERVICE');
}

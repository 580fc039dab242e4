// People ahead and estimated wait (DESIGN §5): ahead ÷ open windows serving the service × average minutes.
import type { Id } from '../contracts/entities';
import { compareQueueOrder, isPriority, type QueueTicket } from './policy';

/**
 * Waiting tickets of the same service that will be called before `ticket`. A priority ticket
 * counts only the priority tickets ahead of it (they are called first at elderly windows and
 * interleaved elsewhere); a normal ticket counts everyone of its service ahead in queue order.
 */
export function peopleAhead(ticket: QueueTicket, waiting: Iterable<QueueTicket>): number {
  let ahead = 0;
  for (const other of waiting) {
    if (other.id === ticket.id || other.serviceId !== ticket.serviceId) continue;
    if (compareQueueOrder(other, ticket) >= 0) continue;
    if (isPriority(ticket) && !isPriority(other)) continue;
    ahead += 1;
  }
  return ahead;
}

export function estimatedWaitMinutes(ahead: number, windowsServing: number, averageMinutes: number): number {
  if (ahead <= 0) return 0;
  return Math.ceil((ahead / Math.max(1, windowsServing)) * averageMinutes);
}

/** Windows to count for a service: open ones, else every window that serves it (they will open). */
export function windowsServingCount(
  windows: readonly { serviceIds: readonly Id[]; state: string }[],
  serviceId: Id,
): number {
  const serving = windows.filter((w) => w.serviceIds.includes(serviceId));
  const open = serving.filter((w) => w.state === 'open');
  return open.length > 0 ? open.length : serving.length;
}

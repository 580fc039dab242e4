// The queue figures a visitor is told: people ahead, the estimated wait, and per service what a
// kiosk shows. All from the hall's hot state in memory (no SQL count per issue or per status page).
//
// `peopleAheadOf` is the one place that decides what "ahead" means. Today it is the same-service
// rule of shared/queue/estimate.ts (a priority ticket counts the priority tickets before it, a
// normal ticket everyone of its service before it); a policy-order rule across services replaces
// this function and nothing else.
import type { ServiceQueue } from '@hall/shared/contracts/frames';
import { estimatedWaitMinutes, peopleAhead, windowsServingCount } from '@hall/shared/queue/estimate';
import type { HallState } from '../core/hallState/hallState';
import type { StoredTicket } from '../tickets/ticketRepository';

export function peopleAheadOf(state: HallState, ticket: StoredTicket): number {
  return peopleAhead(ticket, state.waitingOf(ticket.serviceId));
}

export interface QueueFigures {
  peopleAhead: number;
  estimatedWaitMinutes: number;
}

/** People ahead and the estimate for one ticket (both 0 once it is no longer waiting). */
export function figuresOf(state: HallState, ticket: StoredTicket): QueueFigures {
  if (ticket.state !== 'waiting' || !state.service(ticket.serviceId))
    return { peopleAhead: 0, estimatedWaitMinutes: 0 };
  const ahead = peopleAheadOf(state, ticket);
  return {
    peopleAhead: ahead,
    estimatedWaitMinutes: estimatedWaitMinutes(
      ahead,
      windowsServingCount(state.windows(), ticket.serviceId),
      state.averageMinutes(ticket.serviceId),
    ),
  };
}

/** Per enabled service: how many wait, and about how long a ticket taken now would wait. */
export function serviceQueues(state: HallState): ServiceQueue[] {
  return state.services
    .filter((s) => s.enabled)
    .map((s) => {
      const count = state.waitingCount(s.id);
      return {
        serviceId: s.id,
        waiting: count,
        estimatedWaitMinutes: estimatedWaitMinutes(
          count,
          windowsServingCount(state.windows(), s.id),
          state.averageMinutes(s.id),
        ),
      };
    });
}

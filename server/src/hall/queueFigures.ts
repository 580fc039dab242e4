// The queue figures a visitor is told: people ahead, the estimated wait and the outlook, and per
// service what a kiosk shows. All from the hall's hot state in memory: the plan of the calls the
// open windows will make (shared/queue/callPlan.ts, kept current by HallState.queuePlans), so the
// kiosk, the printed ticket, the status page and the consoles (which run the same plan on their
// snapshot) say the same. No SQL count per issue or per status page.
import type { ServiceQueue } from '@hall/shared/contracts/frames';
import { newcomerFigures, ticketFigures, type QueueFigures } from '@hall/shared/queue/estimate';
import { servesLaterToday } from '@hall/shared/hallHours';
import type { HallState } from '../core/hallState/hallState';
import type { StoredTicket } from '../tickets/ticketRepository';

export type { QueueFigures };

/** People ahead, the estimate and the outlook for one ticket (nothing ahead once it is no longer waiting). */
export function figuresOf(state: HallState, ticket: StoredTicket, now: number): QueueFigures {
  if (ticket.state !== 'waiting' || !state.service(ticket.serviceId))
    return { peopleAhead: 0, estimatedWaitMinutes: 0, outlook: 'open' };
  return ticketFigures(
    state.queuePlans(now),
    ticket,
    state.averageMinutes(ticket.serviceId),
    servesLaterToday(state.hall, now),
  );
}

/** The people ahead of a waiting ticket (the one place that says what "ahead" means). */
export function peopleAheadOf(state: HallState, ticket: StoredTicket, now: number): number {
  return figuresOf(state, ticket, now).peopleAhead;
}

/** Per enabled service: how many wait, and what a normal and a priority ticket taken now would be told. */
export function serviceQueues(state: HallState, now: number): ServiceQueue[] {
  const plans = state.queuePlans(now);
  const laterToday = servesLaterToday(state.hall, now);
  return state.services
    .filter((s) => s.enabled)
    .map((s) => {
      const average = state.averageMinutes(s.id);
      return {
        serviceId: s.id,
        waiting: state.waitingCount(s.id),
        ...newcomerFigures(plans, s.id, false, average, laterToday),
        priority: newcomerFigures(plans, s.id, true, average, laterToday),
      };
    });
}

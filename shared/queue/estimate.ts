// What a visitor is told (DESIGN §5): people ahead from the plan of the calls the open windows will
// make (callPlan.ts), the estimated wait from it (ahead ÷ windows that may call them × the rolling
// average minutes), and an outlook that says the truth when no window that serves them is open:
// "open" (a window calls them), "later" (windows that serve them will open today: the figures are
// for when they do), or "none" (no window will serve them today).
import type { Id, QueueOutlook } from '../contracts/entities';
import type { CallPlan } from './callPlan';
import type { QueueTicket } from './policy';

export interface QueueFigures {
  peopleAhead: number;
  estimatedWaitMinutes: number;
  outlook: QueueOutlook;
}

/** The open windows' plan, and the plan of every window as if all were open (made on demand). */
export interface PlansForFigures<T extends QueueTicket> {
  open: CallPlan<T>;
  all(): CallPlan<T>;
}

export function estimatedWaitMinutes(ahead: number, windowsServing: number, averageMinutes: number): number {
  if (ahead <= 0) return 0;
  return Math.ceil((ahead / Math.max(1, windowsServing)) * averageMinutes);
}

function figures(
  place: { peopleAhead: number; windows: number } | null,
  later: () => { peopleAhead: number; windows: number } | null,
  averageMinutes: number,
  laterToday: boolean,
): QueueFigures {
  const estimate = (p: { peopleAhead: number; windows: number }) =>
    estimatedWaitMinutes(p.peopleAhead, p.windows, averageMinutes);
  if (place)
    return { peopleAhead: place.peopleAhead, estimatedWaitMinutes: estimate(place), outlook: 'open' };
  const then = later();
  if (then && laterToday)
    return { peopleAhead: then.peopleAhead, estimatedWaitMinutes: estimate(then), outlook: 'later' };
  return { peopleAhead: then?.peopleAhead ?? 0, estimatedWaitMinutes: 0, outlook: 'none' };
}

function placeIn<T extends QueueTicket>(plan: CallPlan<T>, ticket: QueueTicket) {
  const ahead = plan.peopleAhead(ticket);
  return ahead === null ? null : { peopleAhead: ahead, windows: plan.windowsFor(ticket) };
}

/**
 * A waiting ticket's figures. `laterToday`: the hall opens today and has not closed yet, so a
 * window that is not open now may still open (hallHours.servesLaterToday).
 */
export function ticketFigures<T extends QueueTicket>(
  plans: PlansForFigures<T>,
  ticket: QueueTicket,
  averageMinutes: number,
  laterToday: boolean,
): QueueFigures {
  return figures(placeIn(plans.open, ticket), () => placeIn(plans.all(), ticket), averageMinutes, laterToday);
}

/** The figures of a ticket of this service and class taken now (the kiosk's buttons). */
export function newcomerFigures<T extends QueueTicket>(
  plans: PlansForFigures<T>,
  serviceId: Id,
  priority: boolean,
  averageMinutes: number,
  laterToday: boolean,
): QueueFigures {
  return figures(
    plans.open.newcomer(serviceId, priority),
    () => plans.all().newcomer(serviceId, priority),
    averageMinutes,
    laterToday,
  );
}

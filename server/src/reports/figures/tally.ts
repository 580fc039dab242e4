// Which groups each leg and each completed home visit counts in, and what it adds there. Both the
// straight computation and the per-day rollups run exactly this; they differ only in how they keep
// durations (GroupFigures) and in which rows they are given.
import { ELDERLY_CLASS } from '@hall/shared/contracts/entities';
import { hourInZone } from '@hall/shared/hallTime';
import type { RatingLevel } from '@hall/shared/contracts/ratings';
import type { ReportAppointmentRow, ReportHomeVisitRow } from '../reportInput';
import type { Counter, GroupKind } from './counters';
import type { GroupFigures, KeyedGroup } from './groupFigures';
import type { Leg } from './legs';

export class GroupTally<F extends GroupFigures<F>> {
  private readonly byKey = new Map<string, KeyedGroup<F>>();
  constructor(private readonly create: () => F) {}

  group(hallId: number, kind: GroupKind, key: string): F {
    const id = `${hallId}|${kind}|${key}`;
    let group = this.byKey.get(id);
    if (!group) {
      group = { hallId, kind, key, figures: this.create() };
      this.byKey.set(id, group);
    }
    return group.figures;
  }

  groups(): KeyedGroup<F>[] {
    return [...this.byKey.values()];
  }
}

/** A served ticket's rating counts at the hall, its service, class, window and officer. */
const RATING_COUNTER: Record<RatingLevel | 'unanswered', Counter> = {
  very_satisfied: 'ratedVerySatisfied',
  satisfied: 'ratedSatisfied',
  basically_satisfied: 'ratedBasicallySatisfied',
  dissatisfied: 'ratedDissatisfied',
  very_dissatisfied: 'ratedVeryDissatisfied',
  unanswered: 'ratingsUnanswered',
};

const FINAL_STATE_COUNTER: Partial<Record<string, Counter>> = {
  no_show: 'noShows',
  cancelled: 'cancelled',
  transferred: 'transferred',
};

export function tallyLeg<F extends GroupFigures<F>>(leg: Leg, timezone: string, tally: GroupTally<F>): void {
  const t = leg.ticket;
  const entry: Counter = leg.isTicket ? 'tickets' : 'transfersIn';
  const hall = tally.group(t.hallId, 'hall', '');
  const service = tally.group(t.hallId, 'service', String(t.serviceId));
  const cls = tally.group(t.hallId, 'class', t.priorityClass);
  for (const g of [hall, service, cls]) g.counters[entry] += 1;
  if (leg.isTicket && t.source === 'desk') for (const g of [hall, service]) g.counters.issuedAtDesk += 1;
  if (leg.isTicket) {
    tally.group(t.hallId, 'hour', String(hourInZone(t.issuedAt, timezone))).counters.tickets += 1;
    tallyArrival(leg, tally);
  }

  if (leg.firstCall && leg.waitMs !== null) {
    const calledAt = [hall, service, cls];
    if (leg.firstCall.windowId !== null) {
      const w = tally.group(t.hallId, 'window', String(leg.firstCall.windowId));
      w.counters[entry] += 1;
      calledAt.push(w);
    }
    if (leg.firstCall.staffId !== null) {
      const s = tally.group(t.hallId, 'staff', String(leg.firstCall.staffId));
      s.counters[entry] += 1;
      calledAt.push(s);
    }
    for (const g of calledAt) g.addWait(leg.waitMs);
  }

  const finalCounter = FINAL_STATE_COUNTER[t.state];
  if (finalCounter) hall.counters[finalCounter] += 1;
  if (t.state !== 'done') return;

  const servedBy = [hall, service, cls];
  if (t.windowId !== null) servedBy.push(tally.group(t.hallId, 'window', String(t.windowId)));
  if (t.staffId !== null) servedBy.push(tally.group(t.hallId, 'staff', String(t.staffId)));
  const rating = t.rating ? RATING_COUNTER[t.rating] : null;
  for (const g of servedBy) {
    g.counters.served += 1;
    if (leg.proxy) g.counters.withProxy += 1;
    if (leg.assistedPayment) g.counters.withAssistedPayment += 1;
    if (leg.serviceMs !== null) g.addService(leg.serviceMs);
    if (rating) g.counters[rating] += 1;
  }

  if (t.priorityClass !== ELDERLY_CLASS) return;
  hall.counters.elderlyServed += 1;
  service.counters.elderlyServed += 1;
  if (leg.proxy) hall.counters.elderlyWithProxy += 1;
  if (leg.assistedPayment) hall.counters.elderlyWithAssistedPayment += 1;
  if (leg.elderlyWindowRecorded === true) hall.counters.elderlyViaElderlyWindow += 1;
  else if (leg.elderlyWindowRecorded === false || t.windowId === null)
    hall.counters.elderlyViaOrdinaryWindow += 1;
  else tally.group(t.hallId, 'window', String(t.windowId)).counters.elderlyWindowUnrecorded += 1;
}

/**
 * How the visitor came: by appointment (a ticket checked in from a booking) or walking in. An
 * appointment's wait runs from its slot's start, or from check-in when later (coming early is not
 * waiting); a walk-in's from taking the ticket, as everywhere.
 */
function tallyArrival<F extends GroupFigures<F>>(leg: Leg, tally: GroupTally<F>): void {
  const t = leg.ticket;
  const slotStart = t.slotStart;
  const booked = slotStart !== null;
  const arrival = tally.group(t.hallId, 'arrival', booked ? 'appointment' : 'walk_in');
  arrival.counters.tickets += 1;
  if (leg.firstCall && leg.waitMs !== null) {
    arrival.addWait(
      slotStart !== null ? Math.max(0, leg.firstCall.at - Math.max(t.issuedAt, slotStart)) : leg.waitMs,
    );
  }
  if (t.state === 'done') arrival.counters.served += 1;
}

const APPOINTMENT_COUNTER: Record<ReportAppointmentRow['status'], Counter | null> = {
  booked: null,
  checked_in: 'appointmentsCheckedIn',
  missed: 'appointmentsMissed',
  cancelled: 'appointmentsCancelled',
};

/** A booking, on its slot's day: booked, and what became of it. */
export function tallyAppointment<F extends GroupFigures<F>>(
  booking: ReportAppointmentRow,
  tally: GroupTally<F>,
): void {
  const hall = tally.group(booking.hallId, 'hall', '');
  hall.counters.appointmentsBooked += 1;
  const outcome = APPOINTMENT_COUNTER[booking.status];
  if (outcome) hall.counters[outcome] += 1;
}

export function tallyHomeVisit<F extends GroupFigures<F>>(
  visit: ReportHomeVisitRow,
  tally: GroupTally<F>,
): void {
  const hall = tally.group(visit.hallId, 'hall', '');
  hall.counters.homeVisits += 1;
  if (visit.documentDelivered) hall.counters.homeDeliveries += 1;
  if (visit.assistedPayment) {
    hall.counters.homeVisitsWithAssistedPayment += 1;
    hall.counters.withAssistedPayment += 1;
  }
  tally.group(visit.hallId, 'home_visit', String(visit.serviceId)).counters.homeVisits += 1;
}

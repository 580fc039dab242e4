// The hall report computed straight from its rows (tickets, their call and done events, completed
// home visits): the reference that the rollup-based reports are checked against, step by step:
// pick the tickets in the period, derive queue entries, tally them into groups, assemble the report.
// What counts, precisely:
//
// - A *visitor* is one chain of tickets linked by transfers (a transfer closes one ticket and opens
//   a waiting "leg" for another service). Each leg is a *queue entry*; the first is a *ticket*.
// - issued      = tickets whose business day is in range (a transfer counts once).
// - served      = legs finished `done` (a chain ends at most once, so each visitor at most once).
// - noShows     = legs whose final state is `no_show` (a requeued no-show that was served later is
//                 not a no-show: it was served).
// - cancelled   = legs whose final state is `cancelled`.
// - transferred = legs closed by a transfer (each transfer once).
// - wait        = per queue entry, from entering the queue (issue, or the transfer into it) to its
//                 first call (recalls do not restart it); entries never called have no wait.
// - service     = per `done` leg, from "start serving" to "done".
// - withProxy   = served legs done by a relative (ticket proxy flag or finish mark), all visitors;
//   withAssistedPayment = served legs with the assisted-payment mark plus completed home visits
//   with assisted payment, all visitors.
// - Groupings count tickets (`issued`) and transfer legs (`transfersIn`) apart. byService /
//   byPriorityClass: entries of that service / class; byWindow / byStaff: entries first called at
//   that window / by that person; served, service time, proxy and payment: legs done there.
//   byHall: each hall's totals (its home visits with payment included).
// - hourly      = tickets issued per hour of the day in their hall's time zone.
// - Elderly report: an elderly visitor holds a ticket of priority class 'elderly' (green channel).
//   servedInHall = elderly `done` legs; byCategory adds completed home visits by their service's
//   category, so it sums to totalElderlyServices = servedInHall + homeVisits. viaElderlyWindow uses
//   the window's elderly flag recorded on the `done` event (the current window setting when the
//   event predates that field). withProxy / withAssistedPayment as above, for elderly legs (and
//   home visits); homeVisits = visits completed on a day in range; homeDeliveries = those that
//   delivered the document (送证上门). elderlyWait / ordinaryWait compare queue entries of class
//   'elderly' with class 'normal'.
// - Appointments: booked = bookings whose slot's day is in range (cancelled ones too); checkedIn,
//   missed, cancelled = what became of them (the rest are still open). appointmentWait /
//   walkInWait compare tickets (first legs) checked in from a booking with all others: an
//   appointment waits from its slot's start, or from check-in when that is later (an early
//   visitor's time before the slot is not waiting); a walk-in from taking the ticket.
import type { HallReport } from '@hall/shared/contracts/admin';
import { businessDay } from '@hall/shared/hallTime';
import type { GroupFigures } from './figures/groupFigures';
import { deriveLegs } from './figures/legs';
import { SampleFigures } from './figures/sampleFigures';
import { GroupTally, tallyAppointment, tallyHomeVisit, tallyLeg } from './figures/tally';
import { ReportAssembler } from './reportAssembler';
import type { ReportHomeVisitRow, ReportInput, ReportTicketRow } from './reportInput';

const DEFAULT_ZONE = 'Asia/Shanghai';

const inRange = (day: string, from: string, to: string): boolean => day >= from && day <= to;

export function hallZones(input: Pick<ReportInput, 'halls'>): (hallId: number) => string {
  const zones = new Map(input.halls.map((h) => [h.id, h.timezone]));
  return (hallId) => zones.get(hallId) ?? DEFAULT_ZONE;
}

function ticketsInPeriod(input: ReportInput): ReportTicketRow[] {
  return input.tickets.filter(
    (t) =>
      inRange(t.businessDay, input.from, input.to) && (input.hallId === null || t.hallId === input.hallId),
  );
}

/** Visits completed on a business day in range, by their hall's clock, of the halls covered. */
function homeVisitsInPeriod(input: ReportInput, zoneOf: (hallId: number) => string): ReportHomeVisitRow[] {
  const covered = new Set(input.halls.map((h) => h.id));
  return input.homeVisits.filter(
    (v) =>
      (input.hallId === null || v.hallId === input.hallId) &&
      covered.has(v.hallId) &&
      inRange(businessDay(v.completedAt, zoneOf(v.hallId)), input.from, input.to),
  );
}

/** Tallies the rows of a period into groups, keeping durations as `create` decides. */
export function tallyPeriod<F extends GroupFigures<F>>(input: ReportInput, create: () => F): GroupTally<F> {
  const zoneOf = hallZones(input);
  const legs = deriveLegs(ticketsInPeriod(input), input.calls, input.dones);
  const tally = new GroupTally(create);
  for (const leg of legs) tallyLeg(leg, zoneOf(leg.ticket.hallId), tally);
  for (const visit of homeVisitsInPeriod(input, zoneOf)) tallyHomeVisit(visit, tally);
  for (const booking of input.appointments) {
    if (
      inRange(booking.slotDay, input.from, input.to) &&
      (input.hallId === null || booking.hallId === input.hallId)
    )
      tallyAppointment(booking, tally);
  }
  return tally;
}

export function computeReport(input: ReportInput): HallReport {
  const create = () => new SampleFigures();
  const assembler = new ReportAssembler(input, create);
  for (const group of tallyPeriod(input, create).groups()) assembler.add(group);
  return assembler.finish(input);
}

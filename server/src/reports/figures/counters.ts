// What one group of a report counts, for one hall. A report is built from groups of these kinds,
// each keyed within its hall. The per-day rollups store exactly these (one row per hall, day, kind
// and key; one column per counter), so adding a figure to reports is adding a counter here (and a
// column in the rollup table), or a kind.
export const GROUP_KINDS = [
  /** The hall as a whole (key ''). */
  'hall',
  /** One service (key: service id): queue entries of that service. */
  'service',
  /** One window (key: window id): entries first called there; entries served there. */
  'window',
  /** One staff member (key: staff id): as for windows. */
  'staff',
  /** One priority class (key: class id): merged across halls in a city report. */
  'class',
  /** One hour of the hall's day (key: '0'–'23'): visitors issued in that hour. */
  'hour',
  /** Completed home visits of one service (key: service id), for the elderly report's categories. */
  'home_visit',
  /** How visitors came (key: 'appointment' or 'walk_in'): their tickets and the wait of each. */
  'arrival',
] as const;
export type GroupKind = (typeof GROUP_KINDS)[number];

export const COUNTERS = [
  /** Tickets: visitors' first queue entries (a transfer leg is not a ticket). */
  'tickets',
  /** Queue entries opened by a transfer. */
  'transfersIn',
  /** Tickets issued at the front desk (导办台) by a desk account. */
  'issuedAtDesk',
  /** Entries finished `done`. */
  'served',
  'noShows',
  'cancelled',
  'transferred',
  /** Served entries done by a relative (proxy ticket or proxy mark). */
  'withProxy',
  /** Served entries with assisted payment; the hall row adds home visits with payment. */
  'withAssistedPayment',
  /** Elderly-class entries served (green channel). */
  'elderlyServed',
  'elderlyWithProxy',
  'elderlyWithAssistedPayment',
  /** Elderly served entries whose `done` event recorded an elderly window / an ordinary one. */
  'elderlyViaElderlyWindow',
  'elderlyViaOrdinaryWindow',
  /** Elderly served entries whose `done` event predates the recorded flag: the window's current setting decides. */
  'elderlyWindowUnrecorded',
  'homeVisits',
  'homeDeliveries',
  'homeVisitsWithAssistedPayment',
  /** Bookings whose slot is in the period (by the slot's day), whatever became of them. */
  'appointmentsBooked',
  /** …of which checked in at the kiosk, missed (not checked in within the window), cancelled. */
  'appointmentsCheckedIn',
  'appointmentsMissed',
  'appointmentsCancelled',
  /** Served entries rated at each of the five 好差评 levels (the rating of the ticket served). */
  'ratedVerySatisfied',
  'ratedSatisfied',
  'ratedBasicallySatisfied',
  'ratedDissatisfied',
  'ratedVeryDissatisfied',
  /** Served entries whose pad question went unanswered (未评价). */
  'ratingsUnanswered',
] as const;
export type Counter = (typeof COUNTERS)[number];
export type Counters = Record<Counter, number>;

export function zeroCounters(): Counters {
  const counters = {} as Counters;
  for (const c of COUNTERS) counters[c] = 0;
  return counters;
}

export function addCounters(into: Counters, from: Counters): void {
  for (const c of COUNTERS) into[c] += from[c];
}

// When the hall takes tickets (DESIGN §5, issue 14): its opening hours on the days it opens, its
// holidays and extra working days, the cut-off before closing, and an admin's extension of one day.
// Pure: the server refuses tickets with it (HALL_CLOSED) and the kiosk shows its closed screen with
// it, from the same hall record and the server's clock, so both always agree.
import type { Hall, HallSchedule } from './contracts/entities';
import { addDays, atHallTime, businessDay, isoWeekday } from './hallTime';

export const DEFAULT_SCHEDULE: HallSchedule = {
  openWeekdays: [1, 2, 3, 4, 5, 6, 7],
  holidays: [],
  workdays: [],
  issueStopMinutes: 30,
};

export type ScheduledHall = Pick<Hall, 'hours' | 'schedule' | 'issueExtension' | 'timezone'>;

/** One day of the hall, as its schedule makes it. */
export interface HallDay {
  day: string;
  open: boolean;
  /** Why a day is closed: a holiday, or a weekday the hall never opens. */
  closedBy: 'holiday' | 'weekday' | null;
  holidayName: string | null;
  opens: string;
  closes: string;
  /** 'HH:MM': the last moment a ticket is taken (closing time minus the cut-off, or the extension). */
  issueUntil: string;
  extended: boolean;
}

/** Whether tickets are taken now, and if not, why and from when. */
export type IssuingState =
  | { issuing: true; day: HallDay; until: number }
  | {
      issuing: false;
      day: HallDay;
      /** before today's opening, after today's cut-off, or a day the hall is closed. */
      reason: 'before_opening' | 'issuing_ended' | 'closed_day';
      /** When tickets are taken again (null: not in the coming year). */
      next: number | null;
      nextDay: HallDay | null;
    };

const LOOK_AHEAD_DAYS = 400;

function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  return h * 60 + m;
}

function hhmmOf(minutes: number): string {
  const clamped = Math.max(0, Math.min(24 * 60, minutes));
  return `${String(Math.floor(clamped / 60)).padStart(2, '0')}:${String(clamped % 60).padStart(2, '0')}`;
}

function holidayOn(schedule: HallSchedule, day: string): string | null {
  for (const h of schedule.holidays) if (h.from <= day && day <= h.to) return h.name;
  return null;
}

/** The hall's plan for one business day. */
export function hallDay(hall: ScheduledHall, day: string): HallDay {
  const { schedule, hours } = hall;
  const extension = hall.issueExtension?.day === day ? hall.issueExtension : null;
  const holidayName = holidayOn(schedule, day);
  const workday = schedule.workdays.some((w) => w.date === day);
  const weekly = schedule.openWeekdays.includes(isoWeekday(day));
  const closedBy = holidayName !== null ? 'holiday' : weekly || workday ? null : 'weekday';
  const stop = Math.max(minutesOf(hours.opens), minutesOf(hours.closes) - schedule.issueStopMinutes);
  const issueUntil = extension ? extension.until : hhmmOf(stop);
  return {
    day,
    open: closedBy === null || extension !== null,
    closedBy,
    holidayName,
    opens: hours.opens,
    closes: hhmmOf(Math.max(minutesOf(hours.closes), minutesOf(issueUntil))),
    issueUntil,
    extended: extension !== null,
  };
}

/** An open day with time to take tickets (a cut-off at or before opening leaves none). */
function takesTickets(day: HallDay): boolean {
  return day.open && minutesOf(day.issueUntil) > minutesOf(day.opens);
}

/** Whether the hall takes tickets at `now`; if not, why and when it does again. */
export function issuingState(hall: ScheduledHall, now: number): IssuingState {
  const zone = hall.timezone;
  const today = hallDay(hall, businessDay(now, zone));
  if (takesTickets(today)) {
    const from = atHallTime(today.day, today.opens, zone);
    const until = atHallTime(today.day, today.issueUntil, zone);
    if (now >= from && now < until) return { issuing: true, day: today, until };
    if (now < from)
      return { issuing: false, day: today, reason: 'before_opening', next: from, nextDay: today };
  }
  for (let n = 1; n <= LOOK_AHEAD_DAYS; n += 1) {
    const later = hallDay(hall, addDays(today.day, n));
    if (!takesTickets(later)) continue;
    return {
      issuing: false,
      day: today,
      reason: today.open ? 'issuing_ended' : 'closed_day',
      next: atHallTime(later.day, later.opens, zone),
      nextDay: later,
    };
  }
  return {
    issuing: false,
    day: today,
    reason: today.open ? 'issuing_ended' : 'closed_day',
    next: null,
    nextDay: null,
  };
}

/** Is the hall open for service at `now` (its hours today, or later if an extension says so)? */
export function withinHours(hall: ScheduledHall, now: number): boolean {
  const today = hallDay(hall, businessDay(now, hall.timezone));
  if (!today.open) return false;
  return (
    now >= atHallTime(today.day, today.opens, hall.timezone) &&
    now < atHallTime(today.day, today.closes, hall.timezone)
  );
}

/** Will a window still open today: the hall opens today and has not closed yet. */
export function servesLaterToday(hall: ScheduledHall, now: number): boolean {
  const today = hallDay(hall, businessDay(now, hall.timezone));
  return today.open && now < atHallTime(today.day, today.closes, hall.timezone);
}

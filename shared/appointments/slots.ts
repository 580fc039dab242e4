// The slots a service offers on a day, from its appointment schedules, the hall's opening hours and
// the days off (pure: the day, the hours and the zone are passed in). A slot is offered only where
// it lies wholly inside the schedule's times and the hall's hours, starts before the hall stops
// taking tickets that day (so its visitor can check in at its start), on one of the schedule's
// weekdays, and not on a day off for the hall or the service.
import type { AppointmentDayOff, AppointmentSchedule } from '../contracts/appointments';
import type { OpeningHours } from '../contracts/entities';
import { hallDay, type ScheduledHall } from '../hallHours';
import { atHallTime, startOfDay } from '../hallTime';

const MINUTE = 60_000;

export interface DaySlot {
  /** 'HH:MM' on the hall's clock. */
  starts: string;
  ends: string;
  /** Epoch ms. */
  start: number;
  end: number;
  capacity: number;
  scheduleId: number;
}

/** 'HH:MM' → minutes after midnight. */
export function minutesOf(clock: string): number {
  const [h, m] = clock.split(':').map(Number) as [number, number];
  return h * 60 + m;
}

/** Minutes after midnight → 'HH:MM'. */
export function clockOf(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** ISO weekday of a 'YYYY-MM-DD' day: 1 = Monday … 7 = Sunday. */
export function weekdayOf(day: string): number {
  const sunday0 = new Date(`${day}T00:00:00Z`).getUTCDay();
  return sunday0 === 0 ? 7 : sunday0;
}

/** Whether the day is off for this service (a day off for all services counts). */
export function isDayOff(daysOff: readonly AppointmentDayOff[], day: string, serviceId: number): boolean {
  return daysOff.some((d) => d.day === day && (d.serviceId === null || d.serviceId === serviceId));
}

export interface SlotContext {
  hours: OpeningHours;
  timezone: string;
  daysOff: readonly AppointmentDayOff[];
  /** A hall-wide closure from elsewhere (e.g. the hall's holidays); none by default. */
  hallClosed?: (day: string) => boolean;
  /** 'HH:MM': the last moment the hall takes tickets that day (its cut-off); none by default. */
  issueUntil?: string;
}

/** The slots of one service on one day, in time order (none on a day off or outside the hours). */
export function slotsOfDay(
  schedules: readonly AppointmentSchedule[],
  serviceId: number,
  day: string,
  context: SlotContext,
): DaySlot[] {
  if (isDayOff(context.daysOff, day, serviceId) || context.hallClosed?.(day)) return [];
  const weekday = weekdayOf(day);
  const opens = minutesOf(context.hours.opens);
  const closes = minutesOf(context.hours.closes);
  const lastStart = context.issueUntil === undefined ? closes : minutesOf(context.issueUntil);
  // Local midnight plus minutes: right in every zone without a daylight-saving change that day
  // (China has none).
  const midnight = startOfDay(day, context.timezone);
  const slots = new Map<number, DaySlot>();
  for (const s of schedules) {
    if (!s.enabled || s.serviceId !== serviceId || !s.weekdays.includes(weekday)) continue;
    const from = Math.max(minutesOf(s.starts), opens);
    const until = Math.min(minutesOf(s.ends), closes);
    // Slots keep the schedule's own grid (09:00, 09:30, …) even where the hall opens later.
    let start = minutesOf(s.starts);
    while (start < from) start += s.slotMinutes;
    for (; start + s.slotMinutes <= until && start < lastStart; start += s.slotMinutes) {
      // Two schedules offering the same start: the first one listed keeps it.
      if (slots.has(start)) continue;
      slots.set(start, {
        starts: clockOf(start),
        ends: clockOf(start + s.slotMinutes),
        start: midnight + start * MINUTE,
        end: midnight + (start + s.slotMinutes) * MINUTE,
        capacity: s.capacity,
        scheduleId: s.id,
      });
    }
  }
  return [...slots.values()].sort((a, b) => a.start - b.start);
}

/** When a booking may be checked in: from `early` minutes before its slot to `late` after its start. */
export function checkInWindow(
  slotStart: number,
  settings: { checkInEarlyMinutes: number; checkInLateMinutes: number },
): { opensAt: number; closesAt: number } {
  return {
    opensAt: slotStart - settings.checkInEarlyMinutes * MINUTE,
    closesAt: slotStart + settings.checkInLateMinutes * MINUTE,
  };
}

/**
 * The check-in window within the hall's day: it opens no earlier than the hall does and closes no
 * later than the hall stops taking tickets (the kiosk shows its closed screen outside those), so an
 * early visitor is never told to come back at a time the hall is shut. A day the hall does not
 * open (a holiday set after the booking) leaves the plain window: the hall's hours refuse it.
 */
export function hallCheckInWindow(
  slotStart: number,
  slotDay: string,
  settings: { checkInEarlyMinutes: number; checkInLateMinutes: number },
  hall: ScheduledHall,
): { opensAt: number; closesAt: number } {
  const window = checkInWindow(slotStart, settings);
  const plan = hallDay(hall, slotDay);
  if (!plan.open) return window;
  return {
    opensAt: Math.max(window.opensAt, atHallTime(slotDay, plan.opens, hall.timezone)),
    closesAt: Math.min(window.closesAt, atHallTime(slotDay, plan.issueUntil, hall.timezone)),
  };
}

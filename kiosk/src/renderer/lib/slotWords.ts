// A booked slot in the kiosk's words: "今天 09:00–09:30" on its own day, "12月2日 09:00–09:30" on
// another (English: "2 Dec"). Pure: the day, the zone and the language are passed in.
import { clockTime } from '@hall/shared/hallTime';

export interface SlotWords {
  /** The slot's day is the hall's business day today. */
  today: boolean;
  /** 12月2日 / 2 Dec */
  day: string;
  starts: string;
  ends: string;
}

const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export function dayWords(day: string, locale: string): string {
  const [, month, date] = day.split('-').map(Number) as [number, number, number];
  return locale === 'en' ? `${date} ${MONTHS_EN[month - 1]}` : `${month}月${date}日`;
}

export function slotWords(
  slot: { slotDay: string; slotStart: number; slotEnd: number },
  today: string,
  timeZone: string,
  locale: string,
): SlotWords {
  return {
    today: slot.slotDay === today,
    day: dayWords(slot.slotDay, locale),
    starts: clockTime(slot.slotStart, timeZone),
    ends: clockTime(slot.slotEnd, timeZone),
  };
}

/** The slot of an appointment ticket (it carries only start and end). */
export function ticketSlotWords(
  ticket: { slotStart?: number | null; slotEnd?: number | null },
  timeZone: string,
): { starts: string; ends: string } | null {
  if (ticket.slotStart == null || ticket.slotEnd == null) return null;
  return { starts: clockTime(ticket.slotStart, timeZone), ends: clockTime(ticket.slotEnd, timeZone) };
}

// When a 差评 case is due: the end of the Nth working day (Monday to Friday, in the hall's time
// zone) after the day it was opened, so a case opened on Friday afternoon with 5 working days is
// due at the end of the next Friday. Public holidays are not known to the system: a hall that
// closes for one answers a day late, which the overdue alarm then shows honestly.
import { addDays, businessDay, startOfDay } from '@hall/shared/hallTime';

/** Day of the week of a 'YYYY-MM-DD' (0 Sunday … 6 Saturday); the calendar date needs no zone. */
const weekday = (day: string): number => new Date(`${day}T12:00:00Z`).getUTCDay();

export function caseDueAt(openedAt: number, workingDays: number, timeZone: string): number {
  let day = businessDay(openedAt, timeZone);
  let left = workingDays;
  while (left > 0) {
    day = addDays(day, 1);
    const w = weekday(day);
    if (w !== 0 && w !== 6) left -= 1;
  }
  // The end of that day is the start of the next one.
  return startOfDay(addDays(day, 1), timeZone);
}

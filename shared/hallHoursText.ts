// The next opening time as people say it: "明天（12月1日 星期二）08:30", "tomorrow (Tue 1 Dec) at
// 08:30". The parts are what the kiosk's locales word and voice; the two sentences are for texts
// that have no locale of their own (the server's HALL_CLOSED message).
import { businessDay, clockTime, isoWeekday } from './hallTime';

export interface OpeningParts {
  /** 0 today, 1 tomorrow, 2 the day after, … (in the hall's calendar). */
  dayOffset: number;
  month: number;
  date: number;
  /** ISO weekday, 1 = Monday … 7 = Sunday. */
  weekday: number;
  /** 'HH:MM' on the hall's clock. */
  time: string;
  hour: number;
  minute: number;
}

export function openingParts(at: number, now: number, timeZone: string): OpeningParts {
  const day = businessDay(at, timeZone);
  const today = businessDay(now, timeZone);
  const dayOffset = Math.round(
    (Date.parse(`${day}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000,
  );
  const time = clockTime(at, timeZone);
  const [month, date] = day.slice(5).split('-').map(Number) as [number, number];
  const [hour, minute] = time.split(':').map(Number) as [number, number];
  return { dayOffset, month, date, weekday: isoWeekday(day), time, hour, minute };
}

const WEEKDAYS_ZH = ['', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六', '星期日'];
const WEEKDAYS_EN = ['', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const MONTHS_EN = ['', 'Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export function openingWords(parts: OpeningParts | null): { zh: string; en: string } {
  if (!parts) return { zh: '暂无开放安排', en: 'no opening is scheduled' };
  const dateZh = `${parts.month}月${parts.date}日 ${WEEKDAYS_ZH[parts.weekday]}`;
  const dateEn = `${WEEKDAYS_EN[parts.weekday]} ${parts.date} ${MONTHS_EN[parts.month]}`;
  if (parts.dayOffset === 0) return { zh: `今天 ${parts.time}`, en: `today at ${parts.time}` };
  if (parts.dayOffset === 1)
    return { zh: `明天（${dateZh}）${parts.time}`, en: `tomorrow (${dateEn}) at ${parts.time}` };
  if (parts.dayOffset === 2)
    return { zh: `后天（${dateZh}）${parts.time}`, en: `${dateEn} at ${parts.time}` };
  return { zh: `${dateZh} ${parts.time}`, en: `${dateEn} at ${parts.time}` };
}

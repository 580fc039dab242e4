// The hall's calendar and clock, for every part: the business day ('YYYY-MM-DD' in the hall's time
// zone, so ticket numbers restart at local midnight with no midnight job), wall-clock times as a
// hall shows them, and calendar arithmetic on business days. Pure: the instant and the zone are
// passed in. An unknown zone never throws here: the server refuses one when it is configured
// (isValidTimeZone), and a screen falls back to its own zone rather than going blank.

const DAY: Intl.DateTimeFormatOptions = { year: 'numeric', month: '2-digit', day: '2-digit' };
const CLOCK: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' };

/** The formats this module uses, each with its locale (the locale only fixes digits and order). */
const FORMATS = {
  day: ['en-CA', DAY],
  hour: ['en-GB', { hour: '2-digit', hourCycle: 'h23' }],
  clock: ['en-GB', CLOCK],
  dateTime: ['en-CA', { ...DAY, ...CLOCK }],
  offset: ['en-US', { ...DAY, hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }],
} as const satisfies Record<string, readonly [string, Intl.DateTimeFormatOptions]>;

/**
 * One formatter per format and zone, kept: creating one costs about 100 µs, which a report over a
 * hundred thousand tickets cannot pay per row (nor a string key built per call).
 */
const formatters = new Map<string, Map<keyof typeof FORMATS, Intl.DateTimeFormat>>();

function formatter(format: keyof typeof FORMATS, zone: string): Intl.DateTimeFormat {
  let byFormat = formatters.get(zone);
  if (!byFormat) formatters.set(zone, (byFormat = new Map()));
  let f = byFormat.get(format);
  if (!f) {
    const [locale, options] = FORMATS[format];
    try {
      f = new Intl.DateTimeFormat(locale, { ...options, timeZone: zone });
    } catch {
      f = new Intl.DateTimeFormat(locale, options);
    }
    byFormat.set(format, f);
  }
  return f;
}

/** The business day of `epochMs` in `timeZone`, as 'YYYY-MM-DD'. */
export function businessDay(epochMs: number, timeZone: string): string {
  if (timeZone === processZone) return processWallClock(epochMs).toISOString().slice(0, 10);
  return formatter('day', timeZone).format(epochMs);
}

let canonicalZones: ReadonlySet<string> | null = null;

/**
 * Whether `timeZone` is a zone this runtime knows. The list of canonical zones answers most names
 * without a formatter (see adoptProcessZone for why a server avoids one); an alias such as
 * 'Asia/Chongqing' is not on that list and is checked by making a formatter, as before.
 */
export function isValidTimeZone(timeZone: string): boolean {
  canonicalZones ??= new Set(Intl.supportedValuesOf('timeZone'));
  if (canonicalZones.has(timeZone)) return true;
  try {
    new Intl.DateTimeFormat('en-CA', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/**
 * The zone this process's own clock was set to (process.env.TZ), or null. A hall server sets it to
 * its halls' zone at start (server/src/processClock.ts); the functions here then read that zone's
 * wall clock from Date, which needs only the zone's rules, instead of an Intl formatter: the first
 * formatter loads ICU's locale and pattern tables, about 5 MB that stay resident for the life of
 * the server (a thirtieth of the hall's memory target), and each use costs a few microseconds per
 * ticket. Other zones, and screens (which never adopt one), keep the formatters.
 */
let processZone: string | null = null;

export function adoptProcessZone(timeZone: string | null): void {
  processZone = timeZone;
}

/** The wall clock of `epochMs` in the process's own zone, as a Date whose UTC fields show it. */
function processWallClock(epochMs: number): Date {
  return new Date(epochMs - new Date(epochMs).getTimezoneOffset() * 60_000);
}

const twoDigits = (n: number) => (n < 10 ? `0${n}` : String(n));

/** Hour of day (0–23) of `epochMs` in `timeZone`. */
export function hourInZone(epochMs: number, timeZone: string): number {
  if (timeZone === processZone) return processWallClock(epochMs).getUTCHours();
  return Number(formatter('hour', timeZone).format(epochMs));
}

/** 'HH:MM' on the hall's clock. */
export function clockTime(epochMs: number, timeZone: string): string {
  if (timeZone === processZone) {
    const wall = processWallClock(epochMs);
    return `${twoDigits(wall.getUTCHours())}:${twoDigits(wall.getUTCMinutes())}`;
  }
  return formatter('clock', timeZone).format(epochMs);
}

/** 'YYYY-MM-DD HH:MM' on the hall's clock. */
export function dateTime(epochMs: number, timeZone: string): string {
  if (timeZone === processZone) return processWallClock(epochMs).toISOString().slice(0, 16).replace('T', ' ');
  const parts = formatter('dateTime', timeZone).formatToParts(epochMs);
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}`;
}

/** Calendar arithmetic on a 'YYYY-MM-DD' day (no time zone involved). */
export function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** The same day `months` later, or the month's last day when it has fewer days. */
export function addMonths(day: string, months: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, lastDay));
  return target.toISOString().slice(0, 10);
}

/** How far the zone's wall clock is ahead of UTC at `epochMs`, in ms. */
/**
 * Offsets already worked out, per zone and instant. The server asks for the same few instants (the
 * hall's opening and closing times today) with every ticket it issues; formatToParts costs about
 * 10 µs. Bounded: a zone's entries are dropped once there are many.
 */
const offsets = new Map<string, Map<number, number>>();
const OFFSETS_PER_ZONE = 4096;

function zoneOffset(epochMs: number, timeZone: string): number {
  if (timeZone === processZone) return -new Date(epochMs).getTimezoneOffset() * 60_000;
  let known = offsets.get(timeZone);
  if (!known) offsets.set(timeZone, (known = new Map()));
  const cached = known.get(epochMs);
  if (cached !== undefined) return cached;
  const parts = formatter('offset', timeZone).formatToParts(epochMs);
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  const offset = wall - Math.floor(epochMs / 1000) * 1000;
  if (known.size >= OFFSETS_PER_ZONE) known.clear();
  known.set(epochMs, offset);
  return offset;
}

/** The instant the business day `day` begins in `timeZone` (its local midnight). */
export function startOfDay(day: string, timeZone: string): number {
  const midnightUtc = Date.parse(`${day}T00:00:00Z`);
  const first = midnightUtc - zoneOffset(midnightUtc, timeZone);
  // Across a daylight-saving change the offset at local midnight differs from the guess's.
  return midnightUtc - zoneOffset(first, timeZone);
}

/** The instant the hall's clock shows `hhmm` ('HH:MM', '24:00' = the next midnight) on `day`. */
export function atHallTime(day: string, hhmm: string, timeZone: string): number {
  const [hours, minutes] = hhmm.split(':').map(Number) as [number, number];
  const wallUtc = Date.parse(`${day}T00:00:00Z`) + (hours * 60 + minutes) * 60_000;
  const first = wallUtc - zoneOffset(wallUtc, timeZone);
  return wallUtc - zoneOffset(first, timeZone);
}

/** ISO weekday of a 'YYYY-MM-DD' day: 1 = Monday … 7 = Sunday. */
export function isoWeekday(day: string): number {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return weekday === 0 ? 7 : weekday;
}

export type QuickRange = 'today' | 'month' | 'halfYear';

/** The ranges a report offers with one click, ending today in the hall's zone. */
export function quickRange(kind: QuickRange, now: number, timeZone: string): { from: string; to: string } {
  const today = businessDay(now, timeZone);
  if (kind === 'today') return { from: today, to: today };
  if (kind === 'month') return { from: `${today.slice(0, 8)}01`, to: today };
  return { from: addDays(addMonths(today, -6), 1), to: today };
}

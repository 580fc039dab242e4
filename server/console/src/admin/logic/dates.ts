// Business days ('YYYY-MM-DD') and times as the hall's clock shows them, for report ranges,
// filters and logs. Pure: `now` and the time zone are passed in.
const dayFormatters = new Map<string, Intl.DateTimeFormat>();
const dateTimeFormatters = new Map<string, Intl.DateTimeFormat>();

function formatter(
  cache: Map<string, Intl.DateTimeFormat>,
  zone: string,
  options: Intl.DateTimeFormatOptions,
) {
  let f = cache.get(zone);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat('en-CA', { ...options, timeZone: zone });
    } catch {
      f = new Intl.DateTimeFormat('en-CA', options);
    }
    cache.set(zone, f);
  }
  return f;
}

/** The business day of `epochMs` in `zone`. */
export function dayIn(epochMs: number, zone: string): string {
  return formatter(dayFormatters, zone, { year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    epochMs,
  );
}

/** 'YYYY-MM-DD HH:MM' in `zone`. */
export function dateTime(epochMs: number, zone: string): string {
  const parts = formatter(dateTimeFormatters, zone, {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(epochMs);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}`;
}

/** Calendar arithmetic on a 'YYYY-MM-DD' day (no time zone involved). */
export function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

export function addMonths(day: string, months: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, lastDay));
  return target.toISOString().slice(0, 10);
}

export type QuickRange = 'today' | 'month' | 'halfYear';

/** The ranges the report page offers with one click, ending today in the hall's zone. */
export function quickRange(kind: QuickRange, now: number, zone: string): { from: string; to: string } {
  const today = dayIn(now, zone);
  if (kind === 'today') return { from: today, to: today };
  if (kind === 'month') return { from: `${today.slice(0, 8)}01`, to: today };
  return { from: addDays(addMonths(today, -6), 1), to: today };
}

// Calendar days of the hall ('YYYY-MM-DD' in its time zone) as instants, for ranges over the
// access log and for retention cut-offs.

/** The day `n` days after (or before, when negative) `day`. */
export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

/** How far the zone's wall clock is ahead of UTC at `at` (ms). */
function zoneOffset(at: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(at);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return wall - Math.floor(at / 1000) * 1000;
}

/** The instant the day begins in the zone. */
export function startOfDay(day: string, timeZone: string): number {
  const midnightUtc = Date.parse(`${day}T00:00:00Z`);
  const first = midnightUtc - zoneOffset(midnightUtc, timeZone);
  // Across a daylight-saving change the offset at local midnight differs from the guess's.
  return midnightUtc - zoneOffset(first, timeZone);
}

/** 'YYYY-MM-DD HH:mm' on the hall's wall clock, for CSV files. */
export function localDateTime(at: number, timeZone: string): string {
  const wall = new Date(at + zoneOffset(at, timeZone)).toISOString();
  return `${wall.slice(0, 10)} ${wall.slice(11, 16)}`;
}

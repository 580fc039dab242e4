// The test servers' default clock keeps the hall's business day for as long as any test runs,
// whenever the suite is started, including in the last second before the hall's midnight.
import { describe, expect, it } from 'vitest';
import { businessDay, hourInZone, startOfDay } from '@hall/shared/hallTime';
import { hallDayClock, TEST_DAY_START_HOUR } from './hallDayClock';

const ZONE = 'Asia/Shanghai';
const HOUR = 3_600_000;

describe('hallDayClock', () => {
  const midnight = startOfDay('2026-12-01', ZONE); // 2026-11-30T16:00:00Z
  const starts = [midnight - 1, midnight, midnight + 1, midnight - 6 * HOUR, midnight + 23 * HOUR];

  it.each(starts)('started at %i: the same business day, ten in the morning, at real speed', (realStart) => {
    let real = realStart;
    const clock = hallDayClock(ZONE, () => real);
    expect(businessDay(clock(), ZONE)).toBe(businessDay(realStart, ZONE));
    expect(hourInZone(clock(), ZONE)).toBe(TEST_DAY_START_HOUR);
    const first = clock();
    real += 90_000; // the real clock crosses the hall's midnight for the starts just before it
    expect(clock() - first).toBe(90_000);
    real = realStart + 13 * HOUR; // a whole suite, many times over
    expect(businessDay(clock(), ZONE)).toBe(businessDay(realStart, ZONE));
  });
});

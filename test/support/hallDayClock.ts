// The clock a test server runs on unless a test brings its own. It runs at real speed, but starts
// at 10:00 in the hall's time zone on the hall's current business day, so a test never meets the
// hall's midnight half-way through: at local midnight (16:00 UTC for Asia/Shanghai) ticket numbers
// restart at 001 and screens start a new day, which a test that happened to run across that
// instant failed on (test/e2e/display.e2e.test.ts once saw A001 after A004). Tests of the day
// change itself set their own clock.
import { businessDay, startOfDay } from '@hall/shared/hallTime';

/** Hours after local midnight the clock starts at: far from either end of the business day. */
export const TEST_DAY_START_HOUR = 10;

export function hallDayClock(timeZone: string, realClock: () => number = Date.now): () => number {
  const realStart = realClock();
  const start = startOfDay(businessDay(realStart, timeZone), timeZone) + TEST_DAY_START_HOUR * 3_600_000;
  return () => start + (realClock() - realStart);
}

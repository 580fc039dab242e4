// The hall's calendar and clock: business days change at local midnight, times read as the hall's
// clock shows them, and calendar arithmetic on days has no time-zone drift.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonths,
  businessDay,
  clockTime,
  dateTime,
  hourInZone,
  isValidTimeZone,
  quickRange,
  startOfDay,
} from './hallTime';

const SHANGHAI = 'Asia/Shanghai';

describe('businessDay', () => {
  it('changes at local midnight in Asia/Shanghai, not at UTC midnight', () => {
    // 2026-11-28 23:59:59.999 in Shanghai is 15:59:59.999 UTC.
    expect(businessDay(Date.UTC(2026, 10, 28, 15, 59, 59, 999), SHANGHAI)).toBe('2026-11-28');
    expect(businessDay(Date.UTC(2026, 10, 28, 16, 0, 0, 0), SHANGHAI)).toBe('2026-11-29');
    // UTC midnight is 08:00 local: the same business day on both sides.
    expect(businessDay(Date.UTC(2026, 10, 28, 23, 59, 59, 999), SHANGHAI)).toBe('2026-11-29');
    expect(businessDay(Date.UTC(2026, 10, 29, 0, 0, 0, 0), SHANGHAI)).toBe('2026-11-29');
  });

  it('crosses months and years', () => {
    expect(businessDay(Date.UTC(2026, 11, 31, 16, 0), SHANGHAI)).toBe('2027-01-01');
    expect(businessDay(Date.UTC(2028, 1, 28, 16, 0), SHANGHAI)).toBe('2028-02-29');
  });

  it('follows the zone it is given', () => {
    const instant = Date.UTC(2026, 10, 28, 20, 0);
    expect(businessDay(instant, 'UTC')).toBe('2026-11-28');
    expect(businessDay(instant, SHANGHAI)).toBe('2026-11-29');
    expect(businessDay(instant, 'America/New_York')).toBe('2026-11-28');
  });

  it('always gives the local calendar date as YYYY-MM-DD', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2099, 11, 31) }), (ms) => {
        const local = new Date(ms + 8 * 3_600_000); // Shanghai has no daylight saving: UTC+8 all year.
        const expected = local.toISOString().slice(0, 10);
        expect(businessDay(ms, SHANGHAI)).toBe(expected);
      }),
      { numRuns: 500 },
    );
  });
});

describe('hourInZone and isValidTimeZone', () => {
  it('gives the local hour 0–23', () => {
    expect(hourInZone(Date.UTC(2026, 10, 28, 16, 0), SHANGHAI)).toBe(0);
    expect(hourInZone(Date.UTC(2026, 10, 28, 15, 59), SHANGHAI)).toBe(23);
    expect(hourInZone(Date.UTC(2026, 10, 28, 1, 30), SHANGHAI)).toBe(9);
  });

  it('accepts real zones and refuses made-up ones', () => {
    expect(isValidTimeZone(SHANGHAI)).toBe(true);
    expect(isValidTimeZone('UTC')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus')).toBe(false);
    expect(isValidTimeZone('')).toBe(false);
  });
});

describe('clock times and days as the hall shows them', () => {
  // 2026-05-31 17:30 UTC is already 1 June 01:30 in Shanghai.
  const now = Date.UTC(2026, 4, 31, 17, 30);
  it('reads the day and time on the hall clock', () => {
    expect(businessDay(now, SHANGHAI)).toBe('2026-06-01');
    expect(businessDay(now, 'UTC')).toBe('2026-05-31');
    expect(dateTime(now, SHANGHAI)).toBe('2026-06-01 01:30');
    expect(clockTime(Date.UTC(2026, 10, 28, 1, 5), SHANGHAI)).toBe('09:05');
  });

  it('falls back to local time for an unknown zone instead of throwing', () => {
    expect(clockTime(Date.UTC(2026, 10, 28, 1, 5), 'Not/AZone')).toMatch(/^\d{2}:\d{2}$/);
    expect(businessDay(now, 'Not/AZone')).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('does calendar arithmetic without time-zone drift', () => {
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addMonths('2026-08-31', -6)).toBe('2026-02-28');
    expect(addMonths('2026-01-15', 1)).toBe('2026-02-15');
  });

  it('offers today, this month and the last six months', () => {
    expect(quickRange('today', now, SHANGHAI)).toEqual({ from: '2026-06-01', to: '2026-06-01' });
    expect(quickRange('month', now, SHANGHAI)).toEqual({ from: '2026-06-01', to: '2026-06-01' });
    expect(quickRange('halfYear', Date.UTC(2026, 8, 30, 4), SHANGHAI)).toEqual({
      from: '2026-03-31',
      to: '2026-09-30',
    });
  });
});

describe('hall days as instants', () => {
  it('adds days across months and years', () => {
    expect(addDays('2026-05-06', -1)).toBe('2026-05-05');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-05-06', 0)).toBe('2026-05-06');
  });

  it('finds local midnight in the hall’s zone', () => {
    expect(startOfDay('2026-05-06', 'Asia/Shanghai')).toBe(Date.UTC(2026, 4, 5, 16, 0));
    expect(startOfDay('2026-05-06', 'UTC')).toBe(Date.UTC(2026, 4, 6));
    // Daylight saving time: Berlin is UTC+2 in summer, UTC+1 in winter.
    expect(startOfDay('2026-07-01', 'Europe/Berlin')).toBe(Date.UTC(2026, 5, 30, 22, 0));
    expect(startOfDay('2026-01-01', 'Europe/Berlin')).toBe(Date.UTC(2025, 11, 31, 23, 0));
  });

  it('writes local wall-clock times', () => {
    expect(dateTime(Date.UTC(2026, 4, 5, 16, 5), 'Asia/Shanghai')).toBe('2026-05-06 00:05');
  });
});

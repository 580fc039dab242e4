import { describe, expect, it } from 'vitest';
import { addDays, localDateTime, startOfDay } from './dayBounds';

describe('hall days as instants', () => {
  it('adds days across months and years', () => {
    expect(addDays('2026-05-06', -1)).toBe('2026-05-05');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
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
    expect(localDateTime(Date.UTC(2026, 4, 5, 16, 5), 'Asia/Shanghai')).toBe('2026-05-06 00:05');
  });
});

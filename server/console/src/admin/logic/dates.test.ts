import { describe, expect, it } from 'vitest';
import { addDays, addMonths, dateTime, dayIn, quickRange } from './dates';

describe('dates', () => {
  // 2026-05-31 17:30 UTC is already 1 June 01:30 in Shanghai.
  const now = Date.UTC(2026, 4, 31, 17, 30);
  it('reads the day and time on the hall clock', () => {
    expect(dayIn(now, 'Asia/Shanghai')).toBe('2026-06-01');
    expect(dayIn(now, 'UTC')).toBe('2026-05-31');
    expect(dateTime(now, 'Asia/Shanghai')).toBe('2026-06-01 01:30');
  });

  it('does calendar arithmetic without time-zone drift', () => {
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addMonths('2026-08-31', -6)).toBe('2026-02-28');
    expect(addMonths('2026-01-15', 1)).toBe('2026-02-15');
  });

  it('offers today, this month and the last six months', () => {
    expect(quickRange('today', now, 'Asia/Shanghai')).toEqual({ from: '2026-06-01', to: '2026-06-01' });
    expect(quickRange('month', now, 'Asia/Shanghai')).toEqual({ from: '2026-06-01', to: '2026-06-01' });
    expect(quickRange('halfYear', Date.UTC(2026, 8, 30, 4), 'Asia/Shanghai')).toEqual({
      from: '2026-03-31',
      to: '2026-09-30',
    });
  });
});

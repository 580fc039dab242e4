import { describe, expect, it } from 'vitest';
import { caseDueAt } from './caseDeadline';

const zone = 'Asia/Shanghai';
const at = (iso: string) => Date.parse(iso);

describe('差评 case deadline in working days', () => {
  it('counts Monday to Friday only, to the end of the last day, in the hall zone', () => {
    // Friday 2026-11-27 16:00 Shanghai: 5 working days → end of Friday 2026-12-04.
    expect(caseDueAt(at('2026-11-27T16:00:00+08:00'), 5, zone)).toBe(at('2026-12-05T00:00:00+08:00'));
    // Monday 09:00 → 1 working day → end of Tuesday.
    expect(caseDueAt(at('2026-11-30T09:00:00+08:00'), 1, zone)).toBe(at('2026-12-02T00:00:00+08:00'));
    // Saturday → 1 working day → end of Monday.
    expect(caseDueAt(at('2026-11-28T10:00:00+08:00'), 1, zone)).toBe(at('2026-12-01T00:00:00+08:00'));
  });

  it('takes the day from the hall clock, not UTC', () => {
    // 23:30 UTC Sunday is already Monday 07:30 in Shanghai: 1 working day → end of Tuesday.
    expect(caseDueAt(at('2026-11-29T23:30:00Z'), 1, zone)).toBe(at('2026-12-02T00:00:00+08:00'));
  });
});

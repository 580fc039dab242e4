// Ticket numbers: the business day in the hall's time zone, and the printed/called number.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_RULES } from './defaults';
import {
  businessDay,
  formatTicketNumber,
  hourInZone,
  isValidTimeZone,
  markerFor,
  parseTicketNumber,
} from './ticketNumber';

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

describe('formatTicketNumber', () => {
  it('pads to three digits: A023 for normal, A-L023 for a senior', () => {
    expect(formatTicketNumber('A', null, 23)).toBe('A023');
    expect(formatTicketNumber('A', 'L', 23)).toBe('A-L023');
    expect(formatTicketNumber('D', null, 1)).toBe('D001');
  });

  it('grows to four digits on a long day', () => {
    expect(formatTicketNumber('B', null, 1000)).toBe('B1000');
    expect(formatTicketNumber('B', 'C', 1234)).toBe('B-C1234');
  });

  it('keeps normal and priority numbers of the same sequence different', () => {
    expect(formatTicketNumber('A', 'L', 7)).not.toBe(formatTicketNumber('A', null, 7));
  });
});

describe('markerFor', () => {
  it('has no marker for normal tickets and the configured letter for others', () => {
    expect(markerFor('normal', DEFAULT_RULES.priorityClasses)).toBeNull();
    expect(markerFor('elderly', DEFAULT_RULES.priorityClasses)).toBe('L');
    expect(markerFor('disabled', DEFAULT_RULES.priorityClasses)).toBe('C');
    expect(markerFor('military', DEFAULT_RULES.priorityClasses)).toBe('J');
  });
});

describe('parseTicketNumber', () => {
  it('reads what staff type, in any case and with spaces around', () => {
    expect(parseTicketNumber('A023')).toEqual({ serviceCode: 'A', marker: null, sequence: 23 });
    expect(parseTicketNumber(' a-l023 ')).toEqual({ serviceCode: 'A', marker: 'L', sequence: 23 });
    expect(parseTicketNumber('B1000')).toEqual({ serviceCode: 'B', marker: null, sequence: 1000 });
  });

  it('refuses what is not a ticket number', () => {
    for (const text of ['', 'A', '023', 'AB023', 'A-023', 'A-LL023', 'A 023', 'A02x', '中023', 'A--L023']) {
      expect(parseTicketNumber(text)).toBeNull();
    }
  });

  it('round-trips every number the formatter prints', () => {
    const letter = fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ');
    fc.assert(
      fc.property(
        letter,
        fc.option(letter),
        fc.integer({ min: 1, max: 999_999 }),
        (code, marker, sequence) => {
          expect(parseTicketNumber(formatTicketNumber(code, marker, sequence))).toEqual({
            serviceCode: code,
            marker,
            sequence,
          });
        },
      ),
      { numRuns: 1000 },
    );
  });
});

// Ticket numbers: the printed and called number, and reading it back as staff type it.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_RULES } from './defaults';
import { formatTicketNumber, markerFor, parseTicketNumber } from './ticketNumber';

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

// Resident ID numbers (GB 11643): validity, the problem a visitor is told about, masking, age.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ageOn, checkCharacter, maskIdNumber, parseIdNumber } from './idNumber';

// ISO 7064 MOD 11-2 restated independently: the check value c makes (Σ digit·2^(18-i) + c) ≡ 1 (mod 11).
function independentCheck(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += Number(first17[i]) * (2 ** (17 - i) % 11);
  const c = (12 - (sum % 11)) % 11;
  return c === 10 ? 'X' : String(c);
}
const valid = (first17: string): string => first17 + independentCheck(first17);

describe('checkCharacter', () => {
  it('matches the published example numbers', () => {
    expect(checkCharacter('11010519491231002')).toBe('X');
    expect(checkCharacter('44052418800101001')).toBe('4');
  });

  it('agrees with MOD 11-2 for any 17 digits', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{17}$/), (digits) => {
        expect(checkCharacter(digits)).toBe(independentCheck(digits));
      }),
      { numRuns: 1000 },
    );
  });
});

describe('parseIdNumber', () => {
  it('accepts a valid number and keeps only the birth date and the masked form', () => {
    expect(parseIdNumber('11010519491231002X')).toEqual({
      ok: true,
      value: { birthDate: '1949-12-31', masked: '1101**********002X' },
    });
  });

  it('accepts a lower-case x and spaces around', () => {
    const result = parseIdNumber(' 11010519491231002x ');
    expect(result).toEqual({ ok: true, value: { birthDate: '1949-12-31', masked: '1101**********002X' } });
  });

  it('accepts every valid number with a real birth date', () => {
    const birth = fc.date({
      min: new Date(Date.UTC(1900, 0, 1)),
      max: new Date(Date.UTC(2030, 11, 31)),
      noInvalidDate: true,
    });
    fc.assert(
      fc.property(fc.stringMatching(/^\d{6}$/), birth, fc.stringMatching(/^\d{3}$/), (area, date, serial) => {
        const ymd = date.toISOString().slice(0, 10);
        const result = parseIdNumber(valid(area + ymd.replaceAll('-', '') + serial));
        expect(result.ok && result.value.birthDate).toBe(ymd);
      }),
      { numRuns: 1000 },
    );
  });

  it('says "format" for wrong length or characters', () => {
    for (const text of [
      '',
      '1101051949123100',
      '11010519491231002X1',
      '1101051949123100XX',
      '110105194912310X2X',
      '11010519491231002Y',
      '1101051949 231002X',
      '１１０１０５１９４９１２３１００２Ｘ',
    ]) {
      expect(parseIdNumber(text)).toEqual({ ok: false, problem: 'format' });
    }
  });

  it('says "birth_date" for a day that does not exist', () => {
    for (const date of ['19491301', '19490230', '20230229', '18991231', '19490000', '19491200']) {
      expect(parseIdNumber(valid(`110105${date}002`))).toEqual({ ok: false, problem: 'birth_date' });
    }
    expect(parseIdNumber(valid('11010520240229002')).ok).toBe(true);
  });

  it('says "check_character" when one digit is mistyped', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 16 }), fc.integer({ min: 1, max: 9 }), (position, delta) => {
        const good = '11010519491231002X';
        const digit = (Number(good[position]) + delta) % 10;
        const typo = good.slice(0, position) + digit + good.slice(position + 1);
        const result = parseIdNumber(typo);
        // A typo in the birth date may also make the date impossible; otherwise the check catches it.
        expect(result.ok).toBe(false);
        if (position < 6 || position >= 14) expect(result).toEqual({ ok: false, problem: 'check_character' });
      }),
      { numRuns: 300 },
    );
    expect(parseIdNumber('110105194912310021')).toEqual({ ok: false, problem: 'check_character' });
  });
});

describe('maskIdNumber', () => {
  it('keeps the first and last four characters only', () => {
    expect(maskIdNumber('440524188001010014')).toBe('4405**********0014');
    expect(maskIdNumber('440524188001010014')).toMatch(/^\d{4}\*{10}\d{3}[\dX]$/);
  });
});

describe('ageOn', () => {
  it('counts a year only on or after the birthday', () => {
    expect(ageOn('1966-03-15', '2026-03-14')).toBe(59);
    expect(ageOn('1966-03-15', '2026-03-15')).toBe(60);
    expect(ageOn('1966-03-15', '2026-12-31')).toBe(60);
    expect(ageOn('1966-12-31', '2027-01-01')).toBe(60);
    expect(ageOn('2026-11-30', '2026-11-30')).toBe(0);
  });

  it('has someone born on 29 February come of age on 1 March in ordinary years', () => {
    expect(ageOn('1964-02-29', '2024-02-28')).toBe(59);
    expect(ageOn('1964-02-29', '2024-02-29')).toBe(60);
    expect(ageOn('1964-02-29', '2023-02-28')).toBe(58);
    expect(ageOn('1964-02-29', '2023-03-01')).toBe(59);
  });

  it('grows by exactly one each birthday', () => {
    const day = fc.date({
      min: new Date(Date.UTC(1900, 0, 1)),
      max: new Date(Date.UTC(2100, 0, 1)),
      noInvalidDate: true,
    });
    fc.assert(
      fc.property(day, day, (a, b) => {
        const [birth, today] = a <= b ? [a, b] : [b, a];
        const iso = (d: Date): string => d.toISOString().slice(0, 10);
        const age = ageOn(iso(birth), iso(today));
        expect(age).toBeGreaterThanOrEqual(0);
        // The age-th birthday has passed and the next one has not.
        const birthday = (years: number): string =>
          `${String(birth.getUTCFullYear() + years).padStart(4, '0')}-${iso(birth).slice(5)}`;
        expect(birthday(age) <= iso(today)).toBe(true);
        expect(birthday(age + 1) > iso(today)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});

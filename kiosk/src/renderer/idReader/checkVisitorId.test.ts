import { describe, expect, it } from 'vitest';
import { checkCharacter } from '@hall/shared/idNumber';
import { checkVisitorId } from './checkVisitorId';

function idFor(birth: string): string {
  const first17 = `440502${birth}123`;
  return first17 + checkCharacter(first17);
}

describe('checkVisitorId', () => {
  it('finds a visitor aged 60 on their birthday elderly, and one day younger not', () => {
    const sixty = checkVisitorId({ kind: 'raw', number: idFor('19661128') }, '2026-11-28', 60);
    expect(sixty).toEqual({
      ok: true,
      masked: '4405**********123' + idFor('19661128').slice(-1),
      age: 60,
      elderly: true,
    });
    const young = checkVisitorId({ kind: 'raw', number: idFor('19661129') }, '2026-11-28', 60);
    expect(young).toMatchObject({ ok: true, age: 59, elderly: false });
  });

  it('respects the hall’s configured age', () => {
    expect(checkVisitorId({ kind: 'raw', number: idFor('19561128') }, '2026-11-28', 70)).toMatchObject({
      elderly: true,
    });
    expect(checkVisitorId({ kind: 'raw', number: idFor('19571128') }, '2026-11-28', 70)).toMatchObject({
      elderly: false,
    });
  });

  it('never returns more than the masked number', () => {
    const result = checkVisitorId({ kind: 'raw', number: idFor('19500101') }, '2026-11-28', 60);
    expect(JSON.stringify(result)).not.toContain('19500101');
  });

  it('rejects a wrong check character, an impossible date, a future birth and bad format', () => {
    const good = idFor('19500101');
    const wrongCheck = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
    expect(checkVisitorId({ kind: 'raw', number: wrongCheck }, '2026-11-28', 60)).toEqual({
      ok: false,
      problem: 'check_character',
    });
    expect(checkVisitorId({ kind: 'raw', number: idFor('19500231') }, '2026-11-28', 60)).toEqual({
      ok: false,
      problem: 'birth_date',
    });
    expect(checkVisitorId({ kind: 'raw', number: idFor('20300101') }, '2026-11-28', 60)).toEqual({
      ok: false,
      problem: 'birth_date',
    });
    expect(checkVisitorId({ kind: 'raw', number: '12345' }, '2026-11-28', 60)).toEqual({
      ok: false,
      problem: 'format',
    });
  });

  it('accepts a reading already checked by the host, and rejects a malformed one', () => {
    expect(
      checkVisitorId(
        { kind: 'checked', masked: '4405**********1234', birthDate: '1950-03-04' },
        '2026-11-28',
        60,
      ),
    ).toEqual({ ok: true, masked: '4405**********1234', age: 76, elderly: true });
    expect(
      checkVisitorId(
        { kind: 'checked', masked: '440502195003041234', birthDate: '1950-03-04' },
        '2026-11-28',
        60,
      ),
    ).toEqual({ ok: false, problem: 'format' });
    expect(checkVisitorId({ kind: 'invalid', problem: 'check_character' }, '2026-11-28', 60)).toEqual({
      ok: false,
      problem: 'check_character',
    });
  });
});

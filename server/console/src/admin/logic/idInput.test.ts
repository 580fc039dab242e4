import { describe, expect, it } from 'vitest';
import { checkCharacter } from '@hall/shared/idNumber';
import { maskedIdFromInput } from './idInput';

const valid = (first17: string) => first17 + checkCharacter(first17);

describe('maskedIdFromInput', () => {
  it('accepts an empty field', () => {
    expect(maskedIdFromInput('  ')).toEqual({ ok: true, masked: null });
  });
  it('masks a valid number so only the first and last four characters leave the page', () => {
    const id = valid('44090219450101123');
    expect(maskedIdFromInput(id)).toEqual({ ok: true, masked: `4409**********${id.slice(-4)}` });
  });
  it('refuses a wrong check character or birth date', () => {
    const id = valid('44090219450101123');
    const wrong = id.slice(0, 17) + (id[17] === '0' ? '1' : '0');
    expect(maskedIdFromInput(wrong)).toEqual({ ok: false });
    expect(maskedIdFromInput(valid('44090219451301123'))).toEqual({ ok: false });
    expect(maskedIdFromInput('12345')).toEqual({ ok: false });
  });
});

import { describe, expect, it } from 'vitest';
import { createFieldCipher, isSealed, keyIdOf, newKeyId, newKeySecret, type FieldKey } from './fieldCipher';

const key = (): FieldKey => ({ id: newKeyId(), secret: newKeySecret() });

describe('field cipher', () => {
  const k1 = key();
  const cipher = createFieldCipher([k1], k1.id);

  it('seals a value so it opens again and shows nothing of it', () => {
    const sealed = cipher.seal('home_visits.phone', '13812341234');
    expect(isSealed(sealed)).toBe(true);
    expect(sealed).not.toContain('1381234');
    expect(keyIdOf(sealed)).toBe(k1.id);
    expect(cipher.open('home_visits.phone', sealed)).toBe('13812341234');
    // A fresh IV each time: equal values do not give equal ciphertexts.
    expect(cipher.seal('home_visits.phone', '13812341234')).not.toBe(sealed);
  });

  it('keeps Chinese text intact', () => {
    const sealed = cipher.seal('home_visits.address', '茂南区油城五路 12 号 3 栋');
    expect(cipher.open('home_visits.address', sealed)).toBe('茂南区油城五路 12 号 3 栋');
  });

  it('refuses a value moved to another column, altered, or relabelled', () => {
    const sealed = cipher.seal('home_visits.phone', '13812341234');
    expect(() => cipher.open('home_visits.address', sealed)).toThrow(/altered or moved/);
    const body = sealed.split('.')[2]!;
    const flipped = body.slice(0, -2) + (body.at(-2) === 'A' ? 'B' : 'A') + body.at(-1);
    expect(() => cipher.open('home_visits.phone', `f1.${k1.id}.${flipped}`)).toThrow(/altered or moved/);
    const other = key();
    const both = createFieldCipher([k1, other], other.id);
    expect(() => both.open('home_visits.phone', `f1.${other.id}.${body}`)).toThrow(/altered or moved/);
    expect(() => cipher.open('home_visits.phone', 'plain text')).toThrow(/not a sealed value/);
  });

  it('opens values of every key in the ring and seals with the current one', () => {
    const k2 = key();
    const old = cipher.seal('t.c', 'old');
    const rotated = createFieldCipher([k1, k2], k2.id);
    expect(rotated.open('t.c', old)).toBe('old');
    expect(keyIdOf(rotated.seal('t.c', 'new'))).toBe(k2.id);
    const withoutOld = createFieldCipher([k2], k2.id);
    expect(() => withoutOld.open('t.c', old)).toThrow(/key file lacks/);
  });

  it('leaves absent and cleared values as they are', () => {
    expect(cipher.sealOptional('t.c', null)).toBeNull();
    expect(cipher.sealOptional('t.c', '')).toBe('');
    expect(cipher.openOptional('t.c', null)).toBeNull();
    expect(cipher.openOptional('t.c', '')).toBe('');
  });

  it('gives a stable blind index per key and kind, matchable across keys', () => {
    const a = cipher.blindIndex('phone', '13812341234');
    expect(a).toBe(cipher.blindIndex('phone', '13812341234'));
    expect(a).not.toBe(cipher.blindIndex('phone', '13812341235'));
    expect(a).not.toBe(cipher.blindIndex('id_number', '13812341234'));
    expect(a).not.toContain('1381234');
    expect(keyIdOf(a)).toBe(k1.id);
    const k2 = key();
    const rotated = createFieldCipher([k1, k2], k2.id);
    expect(rotated.blindIndex('phone', '13812341234')).not.toBe(a);
    expect(rotated.blindIndexCandidates('phone', '13812341234')).toContain(a);
  });

  it('refuses a ring without its current key or with a malformed key', () => {
    expect(() => createFieldCipher([k1], 'deadbeef')).toThrow(/not in the key ring/);
    expect(() => createFieldCipher([{ id: 'x', secret: newKeySecret() }], 'x')).toThrow(/bad key id/);
  });
});

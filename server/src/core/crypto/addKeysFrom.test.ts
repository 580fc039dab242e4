// `npm run keys -- add-from`: a hall moved into the city's database brings fields sealed with its
// own key file; its keys join the city's key file as retired keys, the city's current key stays.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { addKeysFrom, createKeyFile, readKeyFile, writeKeyFile } from './keyFile';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hall-add-keys-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const at = new Date('2026-11-30T10:00:00Z');

describe('adding a hall’s keys to the city’s key file', () => {
  it('adds the missing keys as retired, keeps the current one, and is idempotent', () => {
    const city = path.join(dir, 'city', 'keys.json');
    const hall = path.join(dir, 'hall', 'keys.json');
    const cityKeys = createKeyFile(city, at);
    const hallKeys = createKeyFile(hall, at);
    expect(addKeysFrom(city, hall, at)).toEqual([hallKeys.current]);
    const merged = readKeyFile(city)!;
    expect(merged.current).toBe(cityKeys.current);
    expect(merged.keys.map((k) => [k.id, k.retiredAt])).toEqual([
      [cityKeys.current, null],
      [hallKeys.current, at.toISOString()],
    ]);
    expect(merged.keys[1]!.secret).toBe(hallKeys.keys[0]!.secret);
    expect(addKeysFrom(city, hall, at)).toEqual([]);
    // A city without a key file yet takes the hall's as it is.
    const fresh = path.join(dir, 'fresh', 'keys.json');
    expect(addKeysFrom(fresh, hall, at)).toEqual([hallKeys.current]);
    expect(readKeyFile(fresh)).toEqual(readKeyFile(hall));
  });

  it('refuses a key id whose secret differs, changing nothing', () => {
    const city = path.join(dir, 'clash-city', 'keys.json');
    const other = path.join(dir, 'clash-other', 'keys.json');
    const cityKeys = createKeyFile(city, at);
    const forged = createKeyFile(other, at);
    writeKeyFile(other, {
      ...forged,
      current: cityKeys.current,
      keys: [{ ...forged.keys[0]!, id: cityKeys.current }],
    });
    const before = fs.readFileSync(city, 'utf8');
    expect(() => addKeysFrom(city, other, at)).toThrow(/differs between/);
    expect(fs.readFileSync(city, 'utf8')).toBe(before);
  });
});

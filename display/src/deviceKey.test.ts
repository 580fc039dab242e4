import { describe, expect, it } from 'vitest';
import { DEVICE_KEY_STORAGE, resolveDeviceKey } from './deviceKey';

function memoryStorage(initial: Record<string, string> = {}) {
  const data = new Map(Object.entries(initial));
  return {
    data,
    getItem: (k: string) => data.get(k) ?? null,
    setItem: (k: string, v: string) => void data.set(k, v),
  };
}

describe('resolveDeviceKey', () => {
  it('takes ?key= once, stores it and strips it from the address', async () => {
    const storage = memoryStorage();
    const replaced: string[] = [];
    const key = await resolveDeviceKey(
      'http://hall/display/window/3?key=abc123&voicelog=1#x',
      storage,
      (u) => replaced.push(u),
      null,
    );
    expect(key).toBe('abc123');
    expect(storage.data.get(DEVICE_KEY_STORAGE)).toBe('abc123');
    expect(replaced).toEqual(['/display/window/3?voicelog=1#x']);
  });

  it('uses the host key, then the remembered key', async () => {
    const storage = memoryStorage({ [DEVICE_KEY_STORAGE]: 'remembered' });
    const host = { getConfig: async () => ({ deviceKey: 'from-host' }) };
    expect(await resolveDeviceKey('http://hall/display/', storage, () => undefined, host)).toBe('from-host');
    const broken = { getConfig: async () => Promise.reject(new Error('no config')) };
    expect(await resolveDeviceKey('http://hall/display/', storage, () => undefined, broken)).toBe(
      'remembered',
    );
    expect(await resolveDeviceKey('http://hall/display/', memoryStorage(), () => undefined, null)).toBeNull();
  });
});

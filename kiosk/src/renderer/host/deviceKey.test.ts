import { describe, expect, it } from 'vitest';
import { DEVICE_KEY_STORAGE, takeDeviceKey } from './deviceKey';

function memoryStorage(initial: Record<string, string> = {}) {
  const data = new Map(Object.entries(initial));
  return {
    data,
    getItem: (k: string) => data.get(k) ?? null,
    setItem: (k: string, v: string) => void data.set(k, v),
  };
}

describe('takeDeviceKey', () => {
  it('takes ?key= once, stores it and removes it from the address bar (keeping other parameters)', () => {
    const storage = memoryStorage();
    const replaced: string[] = [];
    const key = takeDeviceKey(
      { href: 'http://hall.local:3000/kiosk/?key=abc123&lang=en#x', replace: (u) => replaced.push(u) },
      storage,
    );
    expect(key).toBe('abc123');
    expect(storage.data.get(DEVICE_KEY_STORAGE)).toBe('abc123');
    expect(replaced).toEqual(['/kiosk/?lang=en#x']);
  });

  it('uses the stored key afterwards without touching the address', () => {
    const storage = memoryStorage({ [DEVICE_KEY_STORAGE]: 'kept' });
    const replaced: string[] = [];
    expect(
      takeDeviceKey({ href: 'http://hall.local/kiosk/', replace: (u) => replaced.push(u) }, storage),
    ).toBe('kept');
    expect(replaced).toEqual([]);
  });

  it('a new key in the address replaces the stored one; no key at all gives null', () => {
    const storage = memoryStorage({ [DEVICE_KEY_STORAGE]: 'old' });
    expect(takeDeviceKey({ href: 'http://h/kiosk/?key=new', replace: () => undefined }, storage)).toBe('new');
    expect(takeDeviceKey({ href: 'http://h/kiosk/', replace: () => undefined }, memoryStorage())).toBeNull();
  });
});

// The production entry keeps the process clock in the halls' zone only when they share one.
import { afterEach, describe, expect, it } from 'vitest';
import { adoptProcessZone, hourInZone } from '@hall/shared/hallTime';
import { keepProcessClockIn } from './processClock';

const savedTz = process.env.TZ;
afterEach(() => {
  adoptProcessZone(null);
  if (savedTz === undefined) delete process.env.TZ;
  else process.env.TZ = savedTz;
});

describe('keepProcessClockIn', () => {
  it('sets the process zone when every hall shares one', () => {
    expect(keepProcessClockIn(['Asia/Kathmandu', 'Asia/Kathmandu'])).toBe('Asia/Kathmandu');
    expect(process.env.TZ).toBe('Asia/Kathmandu');
    const noonUtc = Date.UTC(2026, 5, 1, 12, 0);
    // Date now runs on the hall's clock (+05:45), and the hall's calendar reads from it.
    expect(new Date(noonUtc).getHours()).toBe(17);
    expect(new Date(noonUtc).getMinutes()).toBe(45);
    expect(hourInZone(noonUtc, 'Asia/Kathmandu')).toBe(17);
  });

  it('leaves the process clock alone when the halls span zones', () => {
    process.env.TZ = 'UTC';
    expect(keepProcessClockIn(['Asia/Shanghai', 'Asia/Urumqi'])).toBeNull();
    expect(process.env.TZ).toBe('UTC');
    expect(new Date(Date.UTC(2026, 5, 1, 12, 0)).getHours()).toBe(12);
  });
});

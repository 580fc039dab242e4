import { describe, expect, it } from 'vitest';
import { createLoginLimiter, DEFAULT_LOGIN_LIMITS, type LoginLimiter } from './loginLimiter';

const T0 = 1_000_000;

function guess(limiter: LoginLimiter, user: string, address: string, now: number): number {
  const begun = limiter.begin(user, address, now);
  if (!begun.ok) return begun.retryAfterSeconds;
  begun.attempt.failed(now);
  return 0;
}

describe('createLoginLimiter', () => {
  it('counts attempts in flight: a parallel burst is refused past the limit before any answer', () => {
    const limiter = createLoginLimiter();
    const begun = Array.from({ length: 12 }, () => limiter.begin('staff', '10.0.0.1', T0));
    expect(begun.filter((b) => b.ok)).toHaveLength(DEFAULT_LOGIN_LIMITS.perAccountAddress);
    // Sixty different usernames from one address: the address limit holds them too.
    const spray = Array.from({ length: 60 }, (_, i) => limiter.begin(`user${i}`, '10.0.0.2', T0));
    expect(spray.filter((b) => b.ok)).toHaveLength(DEFAULT_LOGIN_LIMITS.perAddress);
  });

  it('locks an account only for the address that guessed, so strangers cannot lock people out', () => {
    const limiter = createLoginLimiter();
    for (let i = 0; i < 5; i += 1) expect(guess(limiter, 'admin', '10.0.0.66', T0)).toBe(0);
    expect(limiter.begin('admin', '10.0.0.66', T0 + 1)).toMatchObject({ ok: false });
    expect(limiter.begin('ADMIN', '10.0.0.66', T0 + 1)).toMatchObject({ ok: false });
    expect(limiter.begin('admin', '10.0.0.7', T0 + 1)).toMatchObject({ ok: true });
  });

  it('doubles each further lock, up to the cap', () => {
    const limiter = createLoginLimiter();
    let now = T0;
    const waits: number[] = [];
    for (let round = 0; round < 7; round += 1) {
      for (let i = 0; i < 5; i += 1) guess(limiter, 'staff', '10.0.0.9', now);
      const refused = limiter.begin('staff', '10.0.0.9', now);
      if (refused.ok) throw new Error('not locked');
      waits.push(refused.retryAfterSeconds);
      now += refused.retryAfterSeconds * 1000;
    }
    expect(waits).toEqual([60, 120, 240, 480, 900, 900, 900]);
  });

  it('starts over after a right password, and forgets idle keys', () => {
    const limiter = createLoginLimiter();
    for (let i = 0; i < 4; i += 1) guess(limiter, 'staff', '10.0.0.3', T0);
    const right = limiter.begin('staff', '10.0.0.3', T0);
    if (!right.ok) throw new Error('refused');
    right.attempt.succeeded();
    for (let i = 0; i < 4; i += 1) expect(guess(limiter, 'staff', '10.0.0.3', T0)).toBe(0);
    expect(limiter.size()).toBeGreaterThan(0);
    limiter.begin('someone', '10.0.0.4', T0 + DEFAULT_LOGIN_LIMITS.forgetAfterMs + 60_001);
    // Only the two entries of the newest attempt are left.
    expect(limiter.size()).toBe(2);
  });

  it('keeps memory bounded however many usernames and addresses are tried', () => {
    const limiter = createLoginLimiter({ ...DEFAULT_LOGIN_LIMITS, maxEntries: 1000 });
    for (let i = 0; i < 50_000; i += 1)
      guess(limiter, `u${i}`, `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`, T0);
    expect(limiter.size()).toBeLessThanOrEqual(1000);
  });

  it('lists locks and lets an admin lift them, for the account and the address that locked it', () => {
    const limiter = createLoginLimiter();
    for (let i = 0; i < 5; i += 1) guess(limiter, 'zhang', '10.0.0.5', T0);
    for (let i = 0; i < 20; i += 1) guess(limiter, `x${i}`, '10.0.0.6', T0);
    expect(limiter.locks(T0)).toEqual(
      expect.arrayContaining([
        { username: 'zhang', address: '10.0.0.5', lockedUntil: T0 + 60_000, locks: 1 },
        { username: null, address: '10.0.0.6', lockedUntil: T0 + 60_000, locks: 1 },
      ]),
    );
    expect(limiter.unlockAccount('Zhang', T0)).toBe(1);
    expect(limiter.begin('zhang', '10.0.0.5', T0)).toMatchObject({ ok: true });
    expect(limiter.unlockAddress('10.0.0.6')).toBe(1);
    expect(limiter.begin('anyone', '10.0.0.6', T0)).toMatchObject({ ok: true });
  });
});

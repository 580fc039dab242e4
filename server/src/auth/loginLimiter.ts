// Slows down password guessing: after `maxFailures` failed sign-ins for one username (or from one
// address) within the window, further attempts are refused until the window has passed.
export interface LoginLimiter {
  /** Seconds to wait, or 0 when an attempt is allowed. */
  retryAfter(keys: string[], now: number): number;
  recordFailure(keys: string[], now: number): void;
  reset(keys: string[]): void;
}

export function createLoginLimiter(maxFailures = 5, windowMs = 5 * 60_000): LoginLimiter {
  const failures = new Map<string, number[]>();
  const recent = (key: string, now: number) => (failures.get(key) ?? []).filter((at) => now - at < windowMs);
  return {
    retryAfter(keys, now) {
      let wait = 0;
      for (const key of keys) {
        const times = recent(key, now);
        failures.set(key, times);
        if (times.length >= maxFailures)
          wait = Math.max(wait, Math.ceil((times[0]! + windowMs - now) / 1000));
      }
      return wait;
    },
    recordFailure(keys, now) {
      for (const key of keys) failures.set(key, [...recent(key, now), now]);
    },
    reset(keys) {
      for (const key of keys) failures.delete(key);
    },
  };
}

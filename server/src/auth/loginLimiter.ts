// Slows password guessing without handing strangers a way to lock people out.
//
// Two counters per attempt, both taken synchronously BEFORE the (asynchronous) password check, so
// guesses sent in parallel are counted as they arrive, not after they were all let through:
//   - account-and-address ('acct:<user>@<address>'): a few failures lock that account for that
//     address only. Someone guessing at another PC cannot stop the real person signing in at theirs.
//   - address ('addr:<address>'): more failures over any accounts lock the address (password
//     spraying: one guess each for many usernames).
// Each further lock of the same key lasts twice as long, up to a cap. An admin can lift locks.
// Memory is bounded: entries are forgotten once idle, and there are never more than `maxEntries`
// (the least recently used idle entry gives way first).

export interface LoginLimits {
  /** Failures for one account from one address before it is locked there. */
  perAccountAddress: number;
  /** Failures from one address (any accounts) before the address is locked. */
  perAddress: number;
  /** The first lock; each further lock of the same key doubles, up to `maxLockMs`. */
  baseLockMs: number;
  maxLockMs: number;
  /** Failures older than this (and a key idle this long after its lock) are forgotten. */
  forgetAfterMs: number;
  /** Hard bound on the entries kept. */
  maxEntries: number;
}

export const DEFAULT_LOGIN_LIMITS: LoginLimits = {
  perAccountAddress: 5,
  perAddress: 20,
  baseLockMs: 60_000,
  maxLockMs: 15 * 60_000,
  forgetAfterMs: 15 * 60_000,
  maxEntries: 10_000,
};

interface Entry {
  failures: number;
  inFlight: number;
  /** Locks so far; the next lock lasts baseLockMs × 2^locks. */
  locks: number;
  lockedUntil: number;
  lastAt: number;
}

export interface SignInLock {
  /** null for a lock on the whole address. */
  username: string | null;
  address: string;
  lockedUntil: number;
  /** How many times this key has been locked in a row (1 = first lock). */
  locks: number;
}

export interface LoginAttempt {
  /** Wrong password (or unknown user): counts towards the locks. */
  failed(now: number): void;
  /** Right password: the account's counter for this address starts over. */
  succeeded(): void;
}

export type BeginResult = { ok: true; attempt: LoginAttempt } | { ok: false; retryAfterSeconds: number };

export interface LoginLimiter {
  /** Reserve an attempt (counted at once), or say how long to wait. */
  begin(username: string, address: string, now: number): BeginResult;
  /** Current locks (for the admin console). */
  locks(now: number): SignInLock[];
  /** Lift the locks of an account (on every address) and of the addresses that locked it. */
  unlockAccount(username: string, now: number): number;
  /** Lift the lock of an address. */
  unlockAddress(address: string): number;
  /** Entries held now (for tests of the memory bound). */
  size(): number;
}

const accountKey = (username: string, address: string) => `acct:${username.toLowerCase()}@${address}`;
const addressKey = (address: string) => `addr:${address}`;

export function createLoginLimiter(limits: LoginLimits = DEFAULT_LOGIN_LIMITS): LoginLimiter {
  const entries = new Map<string, Entry>();
  let sweepAt = 0;

  // Idle counts from the end of the last lock, so the doubling survives the lock it follows.
  const idle = (e: Entry, now: number) =>
    e.inFlight === 0 && now - Math.max(e.lastAt, e.lockedUntil) >= limits.forgetAfterMs;

  function sweep(now: number): void {
    for (const [key, e] of entries) if (idle(e, now)) entries.delete(key);
  }

  /** Makes room for one more entry: idle ones first, then the least recently used not in flight. */
  function makeRoom(now: number): void {
    if (entries.size < limits.maxEntries) return;
    sweep(now);
    for (const [key, e] of entries) {
      if (entries.size < limits.maxEntries) return;
      if (e.inFlight === 0) entries.delete(key);
    }
  }

  function entry(key: string, now: number): Entry {
    let e = entries.get(key);
    if (e && idle(e, now)) {
      entries.delete(key);
      e = undefined;
    }
    if (!e) {
      makeRoom(now);
      e = { failures: 0, inFlight: 0, locks: 0, lockedUntil: 0, lastAt: now };
    } else {
      entries.delete(key); // re-inserted below: Map order is least recently used first
    }
    entries.set(key, e);
    return e;
  }

  function waitSeconds(e: Entry | undefined, max: number, now: number): number {
    if (!e) return 0;
    if (e.lockedUntil > now) return Math.ceil((e.lockedUntil - now) / 1000);
    // Attempts in flight count: a burst sent at once is refused past the limit.
    if (e.failures + e.inFlight >= max) return Math.ceil(limits.baseLockMs / 1000);
    return 0;
  }

  function fail(e: Entry, max: number, now: number): void {
    e.inFlight = Math.max(0, e.inFlight - 1);
    e.lastAt = now;
    e.failures += 1;
    if (e.failures >= max) {
      e.lockedUntil = now + Math.min(limits.baseLockMs * 2 ** e.locks, limits.maxLockMs);
      e.locks += 1;
      e.failures = 0;
    }
  }

  return {
    begin(username, address, now) {
      // A sweep now and then keeps idle entries from piling up between bursts.
      if (now >= sweepAt) {
        sweep(now);
        sweepAt = now + 60_000;
      }
      const aKey = accountKey(username, address);
      const dKey = addressKey(address);
      const wait = Math.max(
        waitSeconds(entries.get(dKey), limits.perAddress, now),
        waitSeconds(entries.get(aKey), limits.perAccountAddress, now),
      );
      if (wait > 0) return { ok: false, retryAfterSeconds: wait };
      const byAddress = entry(dKey, now);
      const byAccount = entry(aKey, now);
      byAddress.inFlight += 1;
      byAccount.inFlight += 1;
      byAddress.lastAt = now;
      byAccount.lastAt = now;
      let settled = false;
      return {
        ok: true,
        attempt: {
          failed(at) {
            if (settled) return;
            settled = true;
            fail(byAddress, limits.perAddress, at);
            fail(byAccount, limits.perAccountAddress, at);
          },
          succeeded() {
            if (settled) return;
            settled = true;
            byAddress.inFlight = Math.max(0, byAddress.inFlight - 1);
            entries.delete(aKey);
          },
        },
      };
    },

    locks(now) {
      const result: SignInLock[] = [];
      for (const [key, e] of entries) {
        if (e.lockedUntil <= now) continue;
        if (key.startsWith('addr:')) {
          result.push({ username: null, address: key.slice(5), lockedUntil: e.lockedUntil, locks: e.locks });
        } else {
          const rest = key.slice(5);
          const at = rest.lastIndexOf('@');
          result.push({
            username: rest.slice(0, at),
            address: rest.slice(at + 1),
            lockedUntil: e.lockedUntil,
            locks: e.locks,
          });
        }
      }
      return result.sort((a, b) => b.lockedUntil - a.lockedUntil);
    },

    unlockAccount(username, now) {
      const prefix = `acct:${username.toLowerCase()}@`;
      let lifted = 0;
      for (const [key, e] of [...entries]) {
        if (!key.startsWith(prefix)) continue;
        // The address this account was guessed from may be locked too: lift that as well, or the
        // person still could not sign in there.
        const address = key.slice(prefix.length);
        const byAddress = entries.get(addressKey(address));
        if (byAddress && byAddress.lockedUntil > now) {
          entries.delete(addressKey(address));
          lifted += 1;
        }
        if (e.lockedUntil > now) lifted += 1;
        entries.delete(key);
      }
      return lifted;
    },

    unlockAddress(address) {
      return entries.delete(addressKey(address)) ? 1 : 0;
    },

    size: () => entries.size,
  };
}

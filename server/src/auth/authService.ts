// Sign-in for staff and admins, session checks (sessions expire after the hall's idle time), and
// device-key checks for kiosks and displays.
import { DomainError } from '@hall/shared/contracts/errors';
import type { Device, SessionInfo, StaffMember } from '@hall/shared/contracts/entities';
import type { SignInLockView } from '@hall/shared/contracts/admin';
import type { Repositories } from '../repositories';
import type { LoginLimiter } from './loginLimiter';
import { randomToken, sha256, verifyPassword } from '../core/secrets';
import { isStorageError } from '../core/errors';

/** Writing last_seen_at on every command would cost a write per click; once a minute is enough. */
const TOUCH_EVERY_MS = 60_000;

export function createAuthService(repos: Repositories, limiter: LoginLimiter, clock: () => number) {
  function idleLimitMs(hallId: number): number {
    return repos.halls.rules(hallId).staffIdleMinutes * 60_000;
  }

  return {
    /**
     * The attempt is counted before the (asynchronous) password check, so parallel guesses are
     * limited as they arrive; see loginLimiter.ts for who is locked out of what.
     */
    async login(username: string, password: string, address: string): Promise<SessionInfo> {
      const begun = limiter.begin(username, address, clock());
      if (!begun.ok) throw new DomainError('RATE_LIMITED', { seconds: begun.retryAfterSeconds });
      const account = repos.staff.findByUsername(username);
      let valid = false;
      try {
        // Verify even for unknown users so timing does not reveal which usernames exist.
        valid =
          (await verifyPassword(password, account?.passwordHash ?? 'scrypt$16384$8$1$AAAA$AAAA')) &&
          account !== null;
      } finally {
        if (valid) begun.attempt.succeeded();
        else begun.attempt.failed(clock());
      }
      if (!valid || !account) throw new DomainError('BAD_CREDENTIALS');
      if (account.disabled) throw new DomainError('ACCOUNT_DISABLED');
      const now = clock();
      const token = randomToken();
      repos.staff.createSession(sha256(token), account.id, account.hallId, now);
      const { passwordHash: _hash, ...staff } = account;
      return { token, expiresAt: now + idleLimitMs(account.hallId), staff };
    },

    logout(token: string): void {
      repos.staff.deleteSession(sha256(token));
    },

    /** The staff member behind a session token, refreshing its idle timer; throws when invalid or expired. */
    checkSession(tokenHash: string): StaffMember {
      const session = repos.staff.findSession(tokenHash);
      if (!session) throw new DomainError('SESSION_EXPIRED');
      const now = clock();
      if (now - session.last_seen_at > idleLimitMs(session.hall_id)) {
        repos.staff.deleteSession(tokenHash);
        throw new DomainError('SESSION_EXPIRED');
      }
      const staff = repos.staff.find(session.staff_id);
      if (!staff || staff.disabled) {
        repos.staff.deleteSession(tokenHash);
        throw new DomainError('ACCOUNT_DISABLED');
      }
      // Refreshing the idle timer is a write; a full or read-only disk must not sign staff out.
      if (now - session.last_seen_at > TOUCH_EVERY_MS) {
        try {
          repos.staff.touchSession(tokenHash, now);
        } catch (error) {
          if (!isStorageError(error)) throw error;
        }
      }
      return staff;
    },

    /** Entries the sign-in limiter holds (bounded; the fault suite checks it). */
    signInLimiterEntries(): number {
      return limiter.size();
    },

    /** Sign-in locks of this hall's accounts and of addresses (admin console). */
    signInLocks(hallId: number): SignInLockView[] {
      const now = clock();
      const names = new Map(repos.staff.list(hallId).map((m) => [m.username.toLowerCase(), m]));
      return limiter
        .locks(now)
        .filter((lock) => lock.username === null || names.has(lock.username))
        .map((lock) => {
          const member = lock.username === null ? null : (names.get(lock.username) ?? null);
          return {
            staffId: member?.id ?? null,
            staffName: member?.name ?? null,
            username: member?.username ?? null,
            address: lock.address,
            lockedUntil: lock.lockedUntil,
            locks: lock.locks,
          };
        });
    },

    /** Lifts the sign-in locks of one of this hall's accounts, or of one address. */
    unlockSignIn(hallId: number, target: { staffId: number | null; address: string | null }): number {
      if (target.staffId !== null) {
        const member = repos.staff.find(target.staffId);
        if (!member || member.hallId !== hallId) throw new DomainError('NOT_FOUND', { what: 'staff' });
        return limiter.unlockAccount(member.username, clock());
      }
      return target.address === null ? 0 : limiter.unlockAddress(target.address);
    },

    checkDevice(key: string): Device {
      const device = repos.devices.findByKeyHash(sha256(key));
      if (!device) throw new DomainError('UNAUTHENTICATED');
      if (device.revoked) throw new DomainError('DEVICE_REVOKED');
      return device;
    },
  };
}
export type AuthService = ReturnType<typeof createAuthService>;

// Sign-in for staff and admins, session checks (sessions expire after the hall's idle time), and
// device-key checks for kiosks and displays.
import { DomainError } from '@hall/shared/contracts/errors';
import type { Device, SessionInfo, StaffMember } from '@hall/shared/contracts/entities';
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

  const inFlightLogins = new Map<string, Promise<SessionInfo>>();

  async function checkLogin(username: string, password: string, address: string): Promise<SessionInfo> {
    const now = clock();
    const keys = [`user:${username.toLowerCase()}`, `addr:${address}`];
    const wait = limiter.retryAfter(keys, now);
    if (wait > 0) throw new DomainError('RATE_LIMITED', { seconds: wait });
    const account = repos.staff.findByUsername(username);
    // Verify even for unknown users so timing does not reveal which usernames exist.
    const valid =
      (await verifyPassword(password, account?.passwordHash ?? 'scrypt$16384$8$1$AAAA$AAAA')) &&
      account !== null;
    if (!valid || !account) {
      limiter.recordFailure(keys, clock());
      throw new DomainError('BAD_CREDENTIALS');
    }
    if (account.disabled) throw new DomainError('ACCOUNT_DISABLED');
    limiter.reset(keys);
    const token = randomToken();
    repos.staff.createSession(sha256(token), account.id, account.hallId, now);
    const { passwordHash: _hash, ...staff } = account;
    return { token, expiresAt: now + idleLimitMs(account.hallId), staff };
  }

  return {
    /**
     * Attempts for one username run one after another: the password check is asynchronous, and
     * guesses sent in parallel must each see the failures recorded before them.
     */
    login(username: string, password: string, address: string): Promise<SessionInfo> {
      const key = username.toLowerCase();
      const previous = inFlightLogins.get(key) ?? Promise.resolve();
      const attempt = previous.catch(() => undefined).then(() => checkLogin(username, password, address));
      inFlightLogins.set(key, attempt);
      void attempt
        .catch(() => undefined)
        .then(() => {
          if (inFlightLogins.get(key) === attempt) inFlightLogins.delete(key);
        });
      return attempt;
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

    checkDevice(key: string): Device {
      const device = repos.devices.findByKeyHash(sha256(key));
      if (!device) throw new DomainError('UNAUTHENTICATED');
      if (device.revoked) throw new DomainError('DEVICE_REVOKED');
      return device;
    },
  };
}
export type AuthService = ReturnType<typeof createAuthService>;

// Authentication at the Socket.IO handshake, by role: kiosk, display and evaluator devices by key, staff and
// admins by session token (their role comes from the account, never from the client), and the
// public ticket-status page by the ticket's unguessable token. Refusals carry an ErrorCode as the
// connect_error message.
import { z } from 'zod';
import { DomainError, type ErrorCode } from '@hall/shared/contracts/errors';
import type { SocketData } from '@hall/shared/contracts/events';
import type { Repositories } from '../repositories';
import type { AuthService } from './authService';
import { sha256 } from '../core/secrets';
import { isStorageError } from '../core/errors';
import type { AppSocket } from '../core/socketTypes';

const handshakeSchema = z.discriminatedUnion('role', [
  z.object({ role: z.enum(['kiosk', 'display', 'evaluator']), deviceKey: z.string().min(16).max(128) }),
  z.object({ role: z.enum(['staff', 'admin', 'city', 'desk']), sessionToken: z.string().min(16).max(128) }),
  z.object({ role: z.literal('ticket'), statusToken: z.string().min(16).max(128) }),
]);

export function createSocketAuthorizer(repos: Repositories, auth: AuthService) {
  function authenticate(rawAuth: unknown): SocketData {
    const parsed = handshakeSchema.safeParse(rawAuth);
    if (!parsed.success) throw new DomainError('UNAUTHENTICATED');
    const hs = parsed.data;
    if ('deviceKey' in hs) {
      const device = auth.checkDevice(hs.deviceKey);
      if (device.kind !== hs.role) throw new DomainError('FORBIDDEN');
      return {
        role: device.kind,
        hallId: device.hallId,
        deviceId: device.id,
        staffId: null,
        sessionTokenHash: null,
        ticketId: null,
        statusToken: null,
      };
    }
    if ('statusToken' in hs) {
      const ticket = repos.tickets.findByStatusToken(hs.statusToken);
      if (!ticket) throw new DomainError('UNAUTHENTICATED');
      return {
        role: 'ticket',
        hallId: ticket.hallId,
        deviceId: null,
        staffId: null,
        sessionTokenHash: null,
        ticketId: ticket.id,
        statusToken: hs.statusToken,
      };
    }
    const tokenHash = sha256(hs.sessionToken);
    const staff = auth.checkSession(tokenHash);
    return {
      role: staff.role,
      hallId: staff.hallId,
      deviceId: null,
      staffId: staff.id,
      sessionTokenHash: tokenHash,
      ticketId: null,
      statusToken: null,
    };
  }

  return {
    /** Socket.IO middleware. */
    middleware(socket: AppSocket, next: (err?: Error) => void): void {
      try {
        socket.data = authenticate(socket.handshake.auth);
        next();
      } catch (error) {
        // The database is unreachable: say so (the kiosk shows its paused screen and retries),
        // rather than blame the device's key.
        const code =
          error instanceof DomainError
            ? error.code
            : isStorageError(error)
              ? 'STORAGE_FAILURE'
              : 'UNAUTHENTICATED';
        next(new Error(code));
      }
    },

    /** Before every command: the session may have expired or the device been revoked since connect. */
    recheck(socket: AppSocket): void {
      const data = socket.data;
      if (data.sessionTokenHash) {
        const staff = auth.checkSession(data.sessionTokenHash);
        if (staff.role !== data.role) throw new DomainError('SESSION_EXPIRED');
      } else if (data.deviceId) {
        const device = repos.devices.find(data.hallId, data.deviceId);
        if (!device || device.revoked) throw new DomainError('DEVICE_REVOKED');
      }
    },

    cutOff(socket: AppSocket, code: ErrorCode): void {
      const reason =
        code === 'DEVICE_REVOKED'
          ? 'DEVICE_REVOKED'
          : code === 'ACCOUNT_DISABLED'
            ? 'ACCOUNT_DISABLED'
            : 'SESSION_EXPIRED';
      socket.emit('session:ended', { code: reason });
      // Let the acknowledgement and the notice flush before the transport closes.
      setTimeout(() => socket.disconnect(true), 50);
    },
  };
}
export type SocketAuthorizer = ReturnType<typeof createSocketAuthorizer>;

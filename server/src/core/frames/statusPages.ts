// Ticket-status pages (the QR code on every ticket): sockets watching one ticket share one room,
// and the ticket's public status is computed once per refresh for all of them, only for halls
// that changed, and sent only when it differs from what the room last got. A status page is public
// (anyone with the link), so how many may watch one ticket, and how many one address may open, is
// capped: thousands of sockets on one token once slowed the whole hall.
import type { TicketStatus } from '@hall/shared/contracts/entities';
import type { ErrorCode } from '@hall/shared/contracts/errors';
import type { AppServer, AppSocket } from '../socketTypes';
import type { Logger } from '../logger';
import { statusRoom } from './audiences';

export interface StatusPageLimits {
  /** Status sockets watching one ticket (a family's phones and a few reloads). */
  perTicket: number;
  /** Status sockets from one address (a guest Wi-Fi puts many visitors behind one). */
  perAddress: number;
}

export const DEFAULT_STATUS_LIMITS: StatusPageLimits = { perTicket: 10, perAddress: 200 };

/** Status pages show people ahead and an estimate in minutes: a quarter second is live enough. */
export const STATUS_REFRESH_MS = 250;

export interface StatusPagesDeps {
  io: AppServer;
  logger: Logger;
  limits: StatusPageLimits;
  refreshMs: number;
  /** The status of the newest ticket carrying this token, or null when there is none. */
  statusOf(hallId: number, statusToken: string): { status: TicketStatus; final: boolean } | null;
}

interface Watched {
  hallId: number;
  sockets: number;
  last: string;
  /** Done or cancelled: the status cannot change any more. */
  final: boolean;
}

export function createStatusPages(deps: StatusPagesDeps) {
  const watched = new Map<string, Watched>();
  const byAddress = new Map<string, number>();
  const dirty = new Set<number>();
  let timer: NodeJS.Timeout | null = null;
  let computed = 0;

  const addressOf = (socket: AppSocket) => socket.handshake.address || 'unknown';

  function send(token: string, w: Watched): void {
    const current = deps.statusOf(w.hallId, token);
    computed += 1;
    if (!current) return;
    w.final = current.final;
    const json = JSON.stringify(current.status);
    if (json === w.last) return;
    w.last = json;
    // Each process refreshes the status pages connected to it (from every process's changes).
    deps.io.local.to(statusRoom(token)).emit('ticket:status', current.status);
  }

  function refresh(): void {
    timer = null;
    const halls = new Set(dirty);
    dirty.clear();
    for (const [token, w] of watched) {
      if (!halls.has(w.hallId) || w.final) continue;
      try {
        send(token, w);
      } catch (error) {
        deps.logger.error({ err: error, hallId: w.hallId }, 'status page refresh failed');
      }
    }
  }

  return {
    /** At the handshake: may one more status page open for this ticket, from this address? */
    admit(socket: AppSocket, statusToken: string): ErrorCode | null {
      if ((watched.get(statusToken)?.sockets ?? 0) >= deps.limits.perTicket) return 'TOO_MANY_CONNECTIONS';
      if ((byAddress.get(addressOf(socket)) ?? 0) >= deps.limits.perAddress) return 'TOO_MANY_CONNECTIONS';
      return null;
    },

    /** A status page connected: it joins its ticket's room and gets the status at once. */
    connected(socket: AppSocket, hallId: number, statusToken: string): boolean {
      // Re-checked here: handshakes that passed admit() together may have filled the cap.
      if (this.admit(socket, statusToken)) return false;
      const address = addressOf(socket);
      byAddress.set(address, (byAddress.get(address) ?? 0) + 1);
      let w = watched.get(statusToken);
      if (!w) watched.set(statusToken, (w = { hallId, sockets: 0, last: '', final: false }));
      w.sockets += 1;
      void socket.join(statusRoom(statusToken));
      socket.once('disconnect', () => {
        const left = (byAddress.get(address) ?? 1) - 1;
        if (left > 0) byAddress.set(address, left);
        else byAddress.delete(address);
        w.sockets -= 1;
        if (w.sockets === 0) watched.delete(statusToken);
      });
      const first = w.last ? (JSON.parse(w.last) as TicketStatus) : null;
      if (first) socket.emit('ticket:status', first);
      else send(statusToken, w);
      return true;
    },

    /** Something in the hall changed: its watched tickets are recomputed at the next refresh. */
    hallChanged(hallId: number): void {
      dirty.add(hallId);
      if (!timer) {
        timer = setTimeout(refresh, deps.refreshMs);
        timer.unref();
      }
    },

    close(): void {
      if (timer) clearTimeout(timer);
      timer = null;
      dirty.clear();
    },

    /** How many statuses were computed, and how many tickets are watched (tests and the bench). */
    stats(): { computed: number; watchedTickets: number } {
      return { computed, watchedTickets: watched.size };
    },
  };
}
export type StatusPages = ReturnType<typeof createStatusPages>;

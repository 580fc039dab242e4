// What a display or console does with the hall: take the snapshot, apply versioned deltas in
// order, and ask hall:sync on a gap or after a reconnect. The fault tests compare this mirror with
// a fresh hall:sync to prove a screen that lived through the fault shows the server's state.
import { io } from 'socket.io-client';
import type { HallSnapshot, HallWindow, TicketView } from '@hall/shared/contracts/entities';
import type { HandshakeAuth } from '@hall/shared/contracts/events';
import { emitAck, type TestSocket } from '../../support/clients';

const ACTIVE = new Set(['waiting', 'called', 'serving', 'no_show']);
/** The server keeps this many recent calls in a snapshot (server/src/services/hallQueries.ts). */
const RECENT_CALLS = 12;

export interface HallMirror {
  socket: TestSocket;
  /** What it mirrors: a display is sent only what displays draw. */
  role: 'display' | 'console';
  /** null until the first snapshot. */
  state(): HallSnapshot | null;
  /** Snapshots received on (re)connect: grows by one after every reconnect. */
  snapshotsReceived(): number;
  resyncs(): number;
  /** Resolves once a snapshot beyond `count` has arrived (i.e. after a reconnect). */
  waitForSnapshot(count: number, timeoutMs?: number): Promise<void>;
  close(): void;
}

/** A socket that reconnects by itself quickly (screens must come back without a person). */
export function reconnectingSocket(url: string, auth: HandshakeAuth): TestSocket {
  return io(url, {
    auth,
    transports: ['websocket'],
    forceNew: true,
    reconnection: true,
    reconnectionDelay: 100,
    reconnectionDelayMax: 400,
    randomizationFactor: 0,
  });
}

function upsertTicket(list: TicketView[], ticket: TicketView): TicketView[] {
  const rest = list.filter((t) => t.id !== ticket.id);
  return ACTIVE.has(ticket.state) ? [...rest, ticket].sort((a, b) => a.id - b.id) : rest;
}

function upsertWindow(list: HallWindow[], window: HallWindow): HallWindow[] {
  return list.map((w) => (w.id === window.id ? window : w));
}

export function mirrorHall(socket: TestSocket, role: 'display' | 'console'): HallMirror {
  let current: HallSnapshot | null = null;
  let snapshots = 0;
  let resyncs = 0;
  let syncing = false;
  const waiters: (() => void)[] = [];

  const replace = (snapshot: HallSnapshot) => {
    current = { ...snapshot, activeTickets: [...snapshot.activeTickets].sort((a, b) => a.id - b.id) };
  };

  function resync(): void {
    if (syncing) return;
    syncing = true;
    resyncs += 1;
    emitAck<HallSnapshot>(socket, 'hall:sync')
      .then((r) => {
        if (r.ok) replace(r.data);
      })
      .catch(() => undefined)
      .finally(() => {
        syncing = false;
      });
  }

  /** Applies a frame when it continues what the mirror has (its base); otherwise asks for a snapshot. */
  socket.on('hall:snapshot', (snapshot) => {
    replace(snapshot);
    snapshots += 1;
    waiters.splice(0).forEach((wake) => wake());
  });
  socket.on('hall:changed', (frame) => {
    if (syncing || !current) return;
    if (frame.version <= current.version) return;
    if (frame.base > current.version) return resync();
    let next: HallSnapshot = current;
    for (const d of frame.deltas) {
      if (d.version <= current.version) continue;
      if (d.type === 'window:updated') next = { ...next, windows: upsertWindow(next.windows, d.window) };
      else next = { ...next, activeTickets: upsertTicket(next.activeTickets, d.ticket) };
      if (d.type === 'ticket:called')
        next = { ...next, recentCalls: [d.call, ...next.recentCalls].slice(0, RECENT_CALLS) };
    }
    current = { ...next, version: frame.version };
  });

  return {
    socket,
    role,
    state: () => current,
    snapshotsReceived: () => snapshots,
    resyncs: () => resyncs,
    async waitForSnapshot(count, timeoutMs = 15_000) {
      const until = Date.now() + timeoutMs;
      while (snapshots <= count) {
        if (Date.now() > until) throw new Error(`no snapshot after #${count} within ${timeoutMs} ms`);
        await new Promise<void>((wake) => {
          waiters.push(wake);
          setTimeout(wake, 100);
        });
      }
    },
    close: () => socket.close(),
  };
}

/**
 * The parts of a snapshot a screen draws from, in a form that compares exactly. A display is not
 * sent what it does not draw (a ticket going from called to serving, the ticket a window holds),
 * so for a display those are compared as it draws them.
 */
export function drawn(s: HallSnapshot, role: 'display' | 'console' = 'console') {
  const display = role === 'display';
  return {
    // A display's version moves only with the frames it is sent: it lags the hall's while the
    // last changes were ones it does not draw.
    version: display ? null : s.version,
    windows: display ? s.windows.map(({ currentTicketId: _c, normalStreak: _n, ...w }) => w) : s.windows,
    activeTickets: [...s.activeTickets]
      .sort((a, b) => a.id - b.id)
      .map((t) =>
        display
          ? {
              id: t.id,
              number: t.number,
              serviceId: t.serviceId,
              windowId: t.windowId,
              atWindow: t.state === 'called' || t.state === 'serving',
              state: t.state === 'serving' ? 'called' : t.state,
            }
          : t,
      ),
    // A call has one identity and one time: the live frame and every later snapshot agree.
    recentCalls: s.recentCalls.map((c) => ({
      id: c.id,
      at: c.at,
      ticketId: c.ticketId,
      windowId: c.windowId,
      number: c.number,
      recall: c.recall,
    })),
    notices: s.notices,
    services: s.services,
  };
}

/** Waits until the mirror is idle and equal to a fresh hall:sync (or fails with both shown). */
export async function expectMirrorsServer(mirror: HallMirror, timeoutMs = 5000): Promise<HallSnapshot> {
  const role = mirror.role;
  const until = Date.now() + timeoutMs;
  for (;;) {
    const fresh = await emitAck<HallSnapshot>(mirror.socket, 'hall:sync');
    if (!fresh.ok) throw new Error(`hall:sync failed: ${fresh.error.code}`);
    const mine = mirror.state();
    if (mine && JSON.stringify(drawn(mine, role)) === JSON.stringify(drawn(fresh.data, role)))
      return fresh.data;
    if (Date.now() > until) {
      throw new Error(
        `mirror differs from server:\n${JSON.stringify(mine && drawn(mine, role))}\n${JSON.stringify(drawn(fresh.data, role))}`,
      );
    }
    await new Promise((wake) => setTimeout(wake, 100));
  }
}

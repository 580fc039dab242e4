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

export function mirrorHall(socket: TestSocket): HallMirror {
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

  /** Applies a delta only when it is the very next version; otherwise asks for a snapshot. */
  function delta(version: number, apply: (s: HallSnapshot) => HallSnapshot): void {
    if (syncing || !current) return;
    if (version <= current.version) return;
    if (version !== current.version + 1) return resync();
    current = { ...apply(current), version };
  }

  socket.on('hall:snapshot', (snapshot) => {
    replace(snapshot);
    snapshots += 1;
    waiters.splice(0).forEach((wake) => wake());
  });
  socket.on('ticket:issued', (e) =>
    delta(e.version, (s) => ({ ...s, activeTickets: upsertTicket(s.activeTickets, e.ticket) })),
  );
  socket.on('ticket:updated', (e) =>
    delta(e.version, (s) => ({ ...s, activeTickets: upsertTicket(s.activeTickets, e.ticket) })),
  );
  socket.on('ticket:called', (e) =>
    delta(e.version, (s) => ({
      ...s,
      activeTickets: upsertTicket(s.activeTickets, e.ticket),
      recentCalls: [e.call, ...s.recentCalls].slice(0, RECENT_CALLS),
    })),
  );
  socket.on('window:updated', (e) =>
    delta(e.version, (s) => ({ ...s, windows: upsertWindow(s.windows, e.window) })),
  );

  return {
    socket,
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

/** The parts of a snapshot a screen draws from, in a form that compares exactly. */
export function drawn(s: HallSnapshot) {
  return {
    version: s.version,
    windows: s.windows,
    activeTickets: [...s.activeTickets].sort((a, b) => a.id - b.id),
    // `at` of a call is taken twice in one transaction (broadcast and event row): compare who and where.
    recentCalls: s.recentCalls.map((c) => ({
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
  const until = Date.now() + timeoutMs;
  for (;;) {
    const fresh = await emitAck<HallSnapshot>(mirror.socket, 'hall:sync');
    if (!fresh.ok) throw new Error(`hall:sync failed: ${fresh.error.code}`);
    const mine = mirror.state();
    if (mine && JSON.stringify(drawn(mine)) === JSON.stringify(drawn(fresh.data))) return fresh.data;
    if (Date.now() > until) {
      throw new Error(
        `mirror differs from server:\n${JSON.stringify(mine && drawn(mine))}\n${JSON.stringify(drawn(fresh.data))}`,
      );
    }
    await new Promise((wake) => setTimeout(wake, 100));
  }
}

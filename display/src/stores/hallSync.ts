// Keeps a hall snapshot current from versioned broadcasts (DESIGN §3): deltas are applied strictly
// in version order; a gap means something was missed, so the caller must ask `hall:sync` and
// deltas are buffered until the fresh snapshot arrives. Pure (no socket, no Vue) so it is tested
// on its own.
import type { CallRecord, HallSnapshot, HallWindow, TicketView } from '@shared/contracts/entities';

export type HallDelta =
  | { type: 'ticket:issued'; version: number; ticket: TicketView }
  | { type: 'ticket:called'; version: number; ticket: TicketView; call: CallRecord }
  | { type: 'ticket:updated'; version: number; ticket: TicketView }
  | { type: 'window:updated'; version: number; window: HallWindow };

export interface SyncOutcome {
  /** Calls this screen has not seen before, oldest first (to show and to announce). */
  newCalls: CallRecord[];
  /** A version gap: the caller must emit `hall:sync` and pass the answer to receiveSnapshot. */
  needSync: boolean;
}

/** How many calls the screen remembers (the newest plus the missed-call list). */
export const RECENT_CALL_LIMIT = 12;
/** After a reconnect, calls made while we were away are announced if they are at most this old. */
export const MISSED_CALL_ANNOUNCE_MS = 2 * 60_000;

const ACTIVE_STATES = new Set(['waiting', 'called', 'serving']);

export const callKey = (call: Pick<CallRecord, 'ticketId' | 'at'>): string => `${call.ticketId}@${call.at}`;

function newestFirst(calls: CallRecord[]): CallRecord[] {
  const seen = new Set<string>();
  return [...calls]
    .sort((a, b) => b.at - a.at)
    .filter((c) => {
      const key = callKey(c);
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .slice(0, RECENT_CALL_LIMIT);
}

function withTicket(tickets: TicketView[], ticket: TicketView): TicketView[] {
  const others = tickets.filter((t) => t.id !== ticket.id);
  return ACTIVE_STATES.has(ticket.state) ? [...others, ticket] : others;
}

function withWindow(windows: HallWindow[], window: HallWindow): HallWindow[] {
  const found = windows.some((w) => w.id === window.id);
  const next = found ? windows.map((w) => (w.id === window.id ? window : w)) : [...windows, window];
  return next.sort((a, b) => a.number - b.number);
}

/** Applies one delta, returning a new snapshot (inputs are never mutated). */
export function applyDelta(snapshot: HallSnapshot, delta: HallDelta): HallSnapshot {
  const next: HallSnapshot = { ...snapshot, version: delta.version };
  switch (delta.type) {
    case 'ticket:issued':
    case 'ticket:updated':
      next.activeTickets = withTicket(snapshot.activeTickets, delta.ticket);
      break;
    case 'ticket:called':
      next.activeTickets = withTicket(snapshot.activeTickets, delta.ticket);
      next.recentCalls = newestFirst([delta.call, ...snapshot.recentCalls]);
      break;
    case 'window:updated':
      next.windows = withWindow(snapshot.windows, delta.window);
      break;
  }
  return next;
}

export class HallSync {
  private current: HallSnapshot | null = null;
  private syncing = false;
  private buffer: HallDelta[] = [];
  private readonly knownCalls = new Set<string>();

  get snapshot(): HallSnapshot | null {
    return this.current;
  }

  get awaitingSync(): boolean {
    return this.syncing;
  }

  /** A fresh snapshot (on connect, after hall:sync, or after an admin change) replaces everything. */
  receiveSnapshot(snapshot: HallSnapshot): SyncOutcome {
    const first = this.current === null;
    this.current = { ...snapshot, recentCalls: newestFirst(snapshot.recentCalls) };
    this.syncing = false;

    // The first snapshot is history: show it, do not announce it. Later snapshots may carry calls
    // made while this screen was offline; recent ones are announced so nobody misses their turn.
    const unseen = this.current.recentCalls.filter((c) => !this.knownCalls.has(callKey(c)));
    const newCalls = first
      ? []
      : unseen
          .filter((c) => c.at >= snapshot.serverTime - MISSED_CALL_ANNOUNCE_MS)
          .sort((a, b) => a.at - b.at);
    for (const c of unseen) this.knownCalls.add(callKey(c));
    this.pruneKnownCalls();

    const buffered = this.buffer.sort((a, b) => a.version - b.version);
    this.buffer = [];
    const outcome: SyncOutcome = { newCalls, needSync: false };
    for (const delta of buffered) {
      const replayed = this.receiveDelta(delta);
      outcome.newCalls.push(...replayed.newCalls);
      outcome.needSync ||= replayed.needSync;
    }
    return outcome;
  }

  receiveDelta(delta: HallDelta): SyncOutcome {
    const none: SyncOutcome = { newCalls: [], needSync: false };
    if (!this.current || this.syncing) {
      this.buffer.push(delta);
      return none;
    }
    if (delta.version <= this.current.version) return none; // already contained in what we have
    if (delta.version !== this.current.version + 1) {
      this.syncing = true;
      this.buffer.push(delta);
      return { newCalls: [], needSync: true };
    }
    this.current = applyDelta(this.current, delta);
    if (delta.type === 'ticket:called' && !this.knownCalls.has(callKey(delta.call))) {
      this.knownCalls.add(callKey(delta.call));
      return { newCalls: [delta.call], needSync: false };
    }
    return none;
  }

  /** Forget the wait for a sync that failed, so the next delta or reconnect can try again. */
  syncFailed(): void {
    this.syncing = false;
  }

  private pruneKnownCalls(): void {
    if (this.knownCalls.size <= 500) return;
    const keep = new Set(this.current?.recentCalls.map(callKey));
    for (const key of this.knownCalls) if (!keep.has(key)) this.knownCalls.delete(key);
  }
}

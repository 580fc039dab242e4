// Applying the server's versioned hall broadcasts to a HallSnapshot (DESIGN §3), shared by every
// renderer. Each broadcast raises the hall version by exactly 1: the next version is applied, an
// older or repeated one is already contained in what we have, and a skipped one means a lost
// message, so the caller must ask `hall:sync` instead of guessing. Pure: no Vue, no socket.
import type { CallRecord, HallSnapshot, HallWindow, TicketState, TicketView } from './contracts/entities';

/** One versioned broadcast, tagged with its event name (the payloads are those of ServerToClientEvents). */
export type HallDelta =
  | { type: 'ticket:issued'; version: number; ticket: TicketView }
  | { type: 'ticket:called'; version: number; ticket: TicketView; call: CallRecord }
  | { type: 'ticket:updated'; version: number; ticket: TicketView }
  | { type: 'window:updated'; version: number; window: HallWindow };

export type VersionVerdict = 'apply' | 'stale' | 'gap';

export type HallDeltaResult =
  { kind: 'applied'; snapshot: HallSnapshot } | { kind: 'stale' } | { kind: 'gap' };

export interface HallDeltaOptions {
  /** How many calls a renderer keeps in recentCalls (the display shows fewer than the console). */
  recentCallLimit: number;
}

/** The server's own recent-call count; renderers without a reason to differ keep as many. */
export const DEFAULT_RECENT_CALL_LIMIT = 12;

/**
 * The states the renderers keep in activeTickets when a delta arrives. NOTE: the server's snapshot
 * also carries no_show tickets (server/src/repositories/tickets.ts); the renderers have always
 * dropped them on a delta, and this refactor keeps that behaviour unchanged.
 */
export const ACTIVE_TICKET_STATES: ReadonlySet<TicketState> = new Set<TicketState>([
  'waiting',
  'called',
  'serving',
]);

export function judgeVersion(current: number | null, incoming: number): VersionVerdict {
  if (current === null) return 'gap'; // nothing to apply a delta to: a snapshot is needed
  if (incoming <= current) return 'stale';
  return incoming === current + 1 ? 'apply' : 'gap';
}

export const callKey = (call: Pick<CallRecord, 'ticketId' | 'at'>): string => `${call.ticketId}@${call.at}`;

/** Newest first, each call once (a recall is a new call: it has its own time), at most `limit`. */
export function newestCallsFirst(calls: readonly CallRecord[], limit: number): CallRecord[] {
  const seen = new Set<string>();
  return [...calls]
    .sort((a, b) => b.at - a.at)
    .filter((c) => {
      const key = callKey(c);
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .slice(0, limit);
}

export function withTicket(tickets: readonly TicketView[], ticket: TicketView): TicketView[] {
  const others = tickets.filter((t) => t.id !== ticket.id);
  return ACTIVE_TICKET_STATES.has(ticket.state) ? [...others, ticket] : others;
}

/** Replaces the window with the same id (or adds it), in window-number order like the server sends. */
export function withWindow(windows: readonly HallWindow[], window: HallWindow): HallWindow[] {
  const found = windows.some((w) => w.id === window.id);
  const next = found ? windows.map((w) => (w.id === window.id ? window : w)) : [...windows, window];
  return next.sort((a, b) => a.number - b.number);
}

/** Applies one delta without looking at its version; returns a new snapshot (inputs never mutated). */
export function applyDelta(
  snapshot: HallSnapshot,
  delta: HallDelta,
  options: HallDeltaOptions,
): HallSnapshot {
  const next: HallSnapshot = { ...snapshot, version: delta.version };
  switch (delta.type) {
    case 'ticket:issued':
    case 'ticket:updated':
      next.activeTickets = withTicket(snapshot.activeTickets, delta.ticket);
      break;
    case 'ticket:called':
      next.activeTickets = withTicket(snapshot.activeTickets, delta.ticket);
      next.recentCalls = newestCallsFirst([delta.call, ...snapshot.recentCalls], options.recentCallLimit);
      break;
    case 'window:updated':
      next.windows = withWindow(snapshot.windows, delta.window);
      break;
  }
  return next;
}

/**
 * Applies a delta when it is the next version. `stale`: ignore it. `gap` (a version was skipped,
 * or there is no snapshot yet): the caller asks `hall:sync`; what it does meanwhile is its choice.
 */
export function applyHallDelta(
  snapshot: HallSnapshot | null,
  delta: HallDelta,
  options: HallDeltaOptions,
): HallDeltaResult {
  const verdict = judgeVersion(snapshot?.version ?? null, delta.version);
  if (verdict === 'stale') return { kind: 'stale' };
  if (verdict === 'gap' || snapshot === null) return { kind: 'gap' };
  return { kind: 'applied', snapshot: applyDelta(snapshot, delta, options) };
}

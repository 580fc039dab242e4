// Versioned hall deltas (DESIGN §3): each broadcast raises the hall version by exactly 1, so a gap
// means a missed message and the client must ask for a fresh snapshot instead of guessing.
import type { HallSnapshot, HallWindow, TicketView, CallRecord } from '@shared/contracts/entities';

export type DeltaVerdict = 'apply' | 'stale' | 'gap';

export function judgeVersion(current: number | null, incoming: number): DeltaVerdict {
  if (current === null) return 'gap';
  if (incoming <= current) return 'stale';
  return incoming === current + 1 ? 'apply' : 'gap';
}

/** States a snapshot keeps in activeTickets; anything else has left the hall's live view. */
const ACTIVE_STATES = new Set(['waiting', 'called', 'serving']);

export function withTicket(snapshot: HallSnapshot, ticket: TicketView, version: number): HallSnapshot {
  const others = snapshot.activeTickets.filter((t) => t.id !== ticket.id);
  const activeTickets = ACTIVE_STATES.has(ticket.state) ? [...others, ticket] : others;
  return { ...snapshot, version, activeTickets };
}

export function withWindow(snapshot: HallSnapshot, window: HallWindow, version: number): HallSnapshot {
  const exists = snapshot.windows.some((w) => w.id === window.id);
  const windows = exists
    ? snapshot.windows.map((w) => (w.id === window.id ? window : w))
    : [...snapshot.windows, window].sort((a, b) => a.number - b.number);
  return { ...snapshot, version, windows };
}

/** Newest first, bounded so a long day does not grow the list without end. */
export function withCall(snapshot: HallSnapshot, call: CallRecord, limit = 20): HallSnapshot {
  return { ...snapshot, recentCalls: [call, ...snapshot.recentCalls].slice(0, limit) };
}

// Applying the server's hall frames (contracts/frames.ts) to a HallSnapshot, shared by every
// renderer. A frame says which version it builds on (`base`, the room's previous frame) and which
// it brings the screen to: a screen at or past `base` applies the deltas it does not have yet; one
// behind `base` missed a frame and must ask `hall:sync` instead of guessing; a frame no newer than
// the screen is already contained in what it has. Pure: no Vue, no socket.
import type { CallRecord, HallSnapshot, HallWindow, TicketState, TicketView } from './contracts/entities';
import type { HallDelta, HallFrame } from './contracts/frames';

export type { HallDelta, HallFrame } from './contracts/frames';

export type VersionVerdict = 'apply' | 'stale' | 'gap';

export type HallFrameResult =
  { kind: 'applied'; snapshot: HallSnapshot; applied: HallDelta[] } | { kind: 'stale' } | { kind: 'gap' };

export interface HallDeltaOptions {
  /** How many calls a renderer keeps in recentCalls (the display shows fewer than the console). */
  recentCallLimit: number;
}

/** The server's own recent-call count; renderers without a reason to differ keep as many. */
export const DEFAULT_RECENT_CALL_LIMIT = 12;

/**
 * The states the renderers keep in activeTickets when a delta arrives. NOTE: the server's snapshot
 * also carries no_show tickets (for the consoles' requeue list); the renderers have always dropped
 * them on a delta, and the frame pipeline keeps that behaviour unchanged.
 */
export const ACTIVE_TICKET_STATES: ReadonlySet<TicketState> = new Set<TicketState>([
  'waiting',
  'called',
  'serving',
]);

export function judgeFrame(
  current: number | null,
  frame: Pick<HallFrame, 'version' | 'base'>,
): VersionVerdict {
  if (current === null) return 'gap'; // nothing to apply a frame to: a snapshot is needed
  if (frame.version <= current) return 'stale';
  return frame.base <= current ? 'apply' : 'gap';
}

/** A call's identity: the same in the frame that announced it and in every later snapshot. */
export const callKey = (call: Pick<CallRecord, 'id'>): string => `call#${call.id}`;

/** Newest first, each call once (a recall is a new call: it has its own id), at most `limit`. */
export function newestCallsFirst(calls: readonly CallRecord[], limit: number): CallRecord[] {
  const seen = new Set<string>();
  return [...calls]
    .sort((a, b) => b.at - a.at || b.id - a.id)
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
 * Applies a frame when it continues what the screen has. `stale`: ignore it. `gap` (a frame was
 * missed, or there is no snapshot yet): the caller asks `hall:sync`. `applied` lists the deltas
 * that were new to this screen, in order (a call among them is a call to show and announce).
 */
export function applyHallFrame(
  snapshot: HallSnapshot | null,
  frame: HallFrame,
  options: HallDeltaOptions,
): HallFrameResult {
  const verdict = judgeFrame(snapshot?.version ?? null, frame);
  if (verdict === 'stale') return { kind: 'stale' };
  if (verdict === 'gap' || snapshot === null) return { kind: 'gap' };
  const applied = frame.deltas.filter((d) => d.version > snapshot.version);
  let next = snapshot;
  for (const delta of applied) next = applyDelta(next, delta, options);
  return { kind: 'applied', snapshot: { ...next, version: frame.version }, applied };
}

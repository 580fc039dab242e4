// Keeps a screen's hall snapshot current from the server's frames (DESIGN §3), for every screen
// that draws the hall (displays and consoles). Applying a frame and judging its version is
// shared/hallDeltas.ts; this adds what a live screen needs on top: frames that arrive while a
// `hall:sync` is in flight are buffered and replayed on the fresh snapshot, and each call is
// reported once, by its identity, including calls made while the screen was offline, so a
// display announces every call exactly once across reconnects, resyncs and server restarts.
// Pure (no socket, no Vue) so it is tested on its own; followHall.ts wires it to a connection.
import type { CallRecord, HallSnapshot } from '../contracts/entities';
import type { HallDelta, HallFrame } from '../contracts/frames';
import { applyHallFrame, callKey, newestCallsFirst } from '../hallDeltas';

export interface FeedOutcome {
  /** The deltas this screen had not seen, in order (a console follows its own ticket with them). */
  applied: HallDelta[];
  /** Calls this screen has not seen before, oldest first (to show and to announce). */
  newCalls: CallRecord[];
  /** A frame was missed: the caller must ask `hall:sync` and pass the answer to receiveSnapshot. */
  needSync: boolean;
  /** A snapshot (on connect, after a sync or an admin change) replaced what the screen had. */
  snapshot: boolean;
}

export interface HallFeedOptions {
  /** How many calls the screen keeps (a display shows fewer than a console lists). */
  recentCallLimit: number;
  /** After a reconnect, calls made meanwhile are reported as new if at most this old. */
  announceMissedWithinMs: number;
}

/** How many call identities are remembered before the oldest are forgotten. */
const KNOWN_CALLS_KEPT = 500;

const nothing = (): FeedOutcome => ({ applied: [], newCalls: [], needSync: false, snapshot: false });

export class HallFeed {
  private current: HallSnapshot | null = null;
  private syncing = false;
  private buffer: HallFrame[] = [];
  private readonly knownCalls = new Set<string>();

  constructor(private readonly options: HallFeedOptions) {}

  get snapshot(): HallSnapshot | null {
    return this.current;
  }

  get awaitingSync(): boolean {
    return this.syncing;
  }

  /** A fresh snapshot replaces everything; buffered frames newer than it are replayed on it. */
  receiveSnapshot(snapshot: HallSnapshot): FeedOutcome {
    const first = this.current === null;
    this.current = {
      ...snapshot,
      recentCalls: newestCallsFirst(snapshot.recentCalls, this.options.recentCallLimit),
    };
    this.syncing = false;

    // The first snapshot is history: show it, do not announce it. Later snapshots may carry calls
    // made while this screen was offline; recent ones are announced so nobody misses their turn.
    const unseen = this.current.recentCalls.filter((c) => !this.knownCalls.has(callKey(c)));
    const newCalls = first
      ? []
      : unseen
          .filter((c) => c.at >= snapshot.serverTime - this.options.announceMissedWithinMs)
          .sort((a, b) => a.at - b.at || a.id - b.id);
    for (const c of unseen) this.knownCalls.add(callKey(c));
    this.forgetOldCalls();

    const outcome: FeedOutcome = { ...nothing(), newCalls, snapshot: true };
    const buffered = this.buffer.sort((a, b) => a.version - b.version);
    this.buffer = [];
    for (const frame of buffered) {
      const replayed = this.receiveFrame(frame);
      outcome.applied.push(...replayed.applied);
      outcome.newCalls.push(...replayed.newCalls);
      outcome.needSync ||= replayed.needSync;
    }
    return outcome;
  }

  receiveFrame(frame: HallFrame): FeedOutcome {
    if (!this.current || this.syncing) {
      this.buffer.push(frame);
      return nothing();
    }
    const result = applyHallFrame(this.current, frame, { recentCallLimit: this.options.recentCallLimit });
    if (result.kind === 'stale') return nothing(); // already contained in what we have
    if (result.kind === 'gap') {
      // Keep it: the snapshot we ask for may be older than this frame, which is then replayed.
      this.syncing = true;
      this.buffer.push(frame);
      return { ...nothing(), needSync: true };
    }
    this.current = result.snapshot;
    const newCalls: CallRecord[] = [];
    for (const delta of result.applied) {
      if (delta.type !== 'ticket:called' || this.knownCalls.has(callKey(delta.call))) continue;
      this.knownCalls.add(callKey(delta.call));
      newCalls.push(delta.call);
    }
    return { ...nothing(), applied: result.applied, newCalls };
  }

  /** Forget the wait for a sync that failed, so the next frame or reconnect can try again. */
  syncFailed(): void {
    this.syncing = false;
  }

  private forgetOldCalls(): void {
    if (this.knownCalls.size <= KNOWN_CALLS_KEPT) return;
    const keep = new Set(this.current?.recentCalls.map(callKey));
    for (const key of this.knownCalls) if (!keep.has(key)) this.knownCalls.delete(key);
  }
}

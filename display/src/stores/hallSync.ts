// Keeps the display's hall snapshot current from versioned broadcasts (DESIGN §3). Applying a
// delta and judging its version is shared (@shared/hallDeltas); what only a display does is here:
// deltas that arrive while a `hall:sync` is in flight are buffered and replayed on the fresh
// snapshot, and each call is reported once for announcing, including calls missed while offline.
// Pure (no socket, no Vue) so it is tested on its own.
import type { CallRecord, HallSnapshot } from '@hall/shared/contracts/entities';
import { applyHallDelta, callKey, newestCallsFirst, type HallDelta } from '@hall/shared/hallDeltas';

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

const DELTA_OPTIONS = { recentCallLimit: RECENT_CALL_LIMIT };

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
    this.current = { ...snapshot, recentCalls: newestCallsFirst(snapshot.recentCalls, RECENT_CALL_LIMIT) };
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
    const result = applyHallDelta(this.current, delta, DELTA_OPTIONS);
    if (result.kind === 'stale') return none; // already contained in what we have
    if (result.kind === 'gap') {
      // Keep it: the snapshot we ask for may be older than this delta, which is then replayed.
      this.syncing = true;
      this.buffer.push(delta);
      return { newCalls: [], needSync: true };
    }
    this.current = result.snapshot;
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

import { describe, expect, it } from 'vitest';
import type { HallDelta } from '@hall/shared/hallDeltas';
import { HallSync } from './hallSync';
import { callOf, snapshot, ticket } from '../testing/fixtures';

const called = (version: number, id: number, number: string, windowNumber: number, at: number): HallDelta => {
  const t = ticket(id, number, { state: 'called', windowId: windowNumber, calledAt: at });
  return { type: 'ticket:called', version, ticket: t, call: callOf(t, windowNumber, at) };
};

describe('HallSync', () => {
  it('does not announce the history in the first snapshot, but announces each live call once', () => {
    const sync = new HallSync();
    const old = ticket(1, 'A001');
    expect(sync.receiveSnapshot(snapshot({ recentCalls: [callOf(old, 1, 900)] })).newCalls).toEqual([]);
    const live = sync.receiveDelta(called(11, 2, 'A002', 3, 2000));
    expect(live.newCalls.map((c) => c.number)).toEqual(['A002']);
    // the same broadcast twice (e.g. replayed) is not announced twice
    expect(sync.receiveDelta(called(11, 2, 'A002', 3, 2000)).newCalls).toEqual([]);
  });

  it('asks for a sync on a version gap, buffers, and replays what the snapshot lacks', () => {
    const sync = new HallSync();
    sync.receiveSnapshot(snapshot({ version: 10 }));
    const gap = sync.receiveDelta(called(12, 2, 'A002', 3, 2000));
    expect(gap.needSync).toBe(true);
    expect(sync.awaitingSync).toBe(true);
    // a later delta arrives while the sync is in flight
    expect(sync.receiveDelta(called(14, 4, 'A004', 5, 4000)).needSync).toBe(false);

    const t2 = ticket(2, 'A002', { state: 'called' });
    const t3 = ticket(3, 'A003', { state: 'called' });
    const fresh = snapshot({
      version: 13,
      serverTime: 4500,
      activeTickets: [t2, t3],
      recentCalls: [callOf(t2, 3, 2000), callOf(t3, 4, 3000)],
    });
    const outcome = sync.receiveSnapshot(fresh);
    // A002 arrived out of order (never shown), A003 only in the snapshot, A004 only in the buffer:
    // each is announced exactly once, in call order
    expect(outcome.newCalls.map((c) => c.number)).toEqual(['A002', 'A003', 'A004']);
    expect(outcome.needSync).toBe(false);
    expect(sync.snapshot?.version).toBe(14);
    expect(sync.snapshot?.recentCalls.map((c) => c.number)).toEqual(['A004', 'A003', 'A002']);
  });

  it('after a reconnect announces calls missed while offline, but not old ones', () => {
    const sync = new HallSync();
    sync.receiveSnapshot(snapshot({ version: 10, serverTime: 1_000_000 }));
    const recent = ticket(5, 'B005');
    const ancient = ticket(6, 'B006');
    const after = sync.receiveSnapshot(
      snapshot({
        version: 1,
        serverTime: 2_000_000,
        recentCalls: [callOf(recent, 2, 1_990_000), callOf(ancient, 2, 1_000_500)],
      }),
    );
    expect(after.newCalls.map((c) => c.number)).toEqual(['B005']);
    // a server restart may reset versions; the new snapshot is the base from now on
    expect(sync.receiveDelta(called(2, 7, 'B007', 2, 2_000_100)).newCalls.map((c) => c.number)).toEqual([
      'B007',
    ]);
  });

  it('ignores deltas already contained in the snapshot', () => {
    const sync = new HallSync();
    sync.receiveSnapshot(snapshot({ version: 20 }));
    expect(sync.receiveDelta(called(19, 1, 'A001', 1, 10))).toEqual({ newCalls: [], needSync: false });
    expect(sync.snapshot?.recentCalls).toEqual([]);
  });
});

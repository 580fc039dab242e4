// The feed every hall screen keeps its snapshot with: frames applied in order, a missed frame
// resynced, frames during a sync replayed, and each call reported once by its identity — never
// again after a reconnect, a resync or a server restart, even when a snapshot's copy of the call
// differs in a detail.
import { describe, expect, it } from 'vitest';
import type { HallDelta, HallFrame } from '../contracts/frames';
import { HallFeed } from './hallFeed';
import { callOf, snapshot, ticket } from './testing/hallFixtures';

const options = { recentCallLimit: 12, announceMissedWithinMs: 2 * 60_000 };

const called = (version: number, id: number, number: string, windowNumber: number, at: number): HallDelta => {
  const t = ticket(id, number, { state: 'called', windowId: windowNumber, calledAt: at });
  return { type: 'ticket:called', version, ticket: t, call: callOf(t, windowNumber, at) };
};
const frame = (base: number, ...deltas: HallDelta[]): HallFrame => ({
  base,
  version: deltas[deltas.length - 1]!.version,
  deltas,
});

describe('HallFeed', () => {
  it('does not announce the history in the first snapshot, but announces each live call once', () => {
    const feed = new HallFeed(options);
    const old = ticket(1, 'A001');
    expect(feed.receiveSnapshot(snapshot({ recentCalls: [callOf(old, 1, 900)] })).newCalls).toEqual([]);
    const live = feed.receiveFrame(frame(10, called(11, 2, 'A002', 3, 2000)));
    expect(live.newCalls.map((c) => c.number)).toEqual(['A002']);
    // the same frame twice (e.g. replayed) is not announced twice
    expect(feed.receiveFrame(frame(10, called(11, 2, 'A002', 3, 2000))).newCalls).toEqual([]);
  });

  it('applies a frame whose room skipped versions it does not draw, and reports what was new', () => {
    const feed = new HallFeed(options);
    feed.receiveSnapshot(snapshot({ version: 10 }));
    const issued: HallDelta = { type: 'ticket:issued', version: 13, ticket: ticket(4, 'A004') };
    const outcome = feed.receiveFrame(frame(10, issued, called(15, 4, 'A004', 3, 5000)));
    expect(outcome.needSync).toBe(false);
    expect(outcome.applied.map((d) => d.version)).toEqual([13, 15]);
    expect(feed.snapshot?.version).toBe(15);
  });

  it('asks for a sync when a frame was missed, buffers, and replays what the snapshot lacks', () => {
    const feed = new HallFeed(options);
    feed.receiveSnapshot(snapshot({ version: 10 }));
    const gap = feed.receiveFrame(frame(11, called(12, 2, 'A002', 3, 2000)));
    expect(gap.needSync).toBe(true);
    expect(feed.awaitingSync).toBe(true);
    // a later frame arrives while the sync is in flight
    expect(feed.receiveFrame(frame(13, called(14, 4, 'A004', 5, 4000))).needSync).toBe(false);

    const t2 = ticket(2, 'A002', { state: 'called' });
    const t3 = ticket(3, 'A003', { state: 'called' });
    const fresh = snapshot({
      version: 13,
      serverTime: 4500,
      activeTickets: [t2, t3],
      recentCalls: [callOf(t2, 3, 2000), callOf(t3, 4, 3000)],
    });
    const outcome = feed.receiveSnapshot(fresh);
    // A002 arrived out of order (never shown), A003 only in the snapshot, A004 only in the buffer:
    // each is announced exactly once, in call order
    expect(outcome.newCalls.map((c) => c.number)).toEqual(['A002', 'A003', 'A004']);
    expect(outcome.needSync).toBe(false);
    expect(feed.snapshot?.version).toBe(14);
    expect(feed.snapshot?.recentCalls.map((c) => c.number)).toEqual(['A004', 'A003', 'A002']);
  });

  it('after a reconnect announces calls missed while offline, but not old ones', () => {
    const feed = new HallFeed(options);
    feed.receiveSnapshot(snapshot({ version: 10, serverTime: 1_000_000 }));
    const recent = ticket(5, 'B005');
    const ancient = ticket(6, 'B006');
    const after = feed.receiveSnapshot(
      snapshot({
        version: 1,
        serverTime: 2_000_000,
        recentCalls: [callOf(recent, 2, 1_990_000), callOf(ancient, 2, 1_000_500)],
      }),
    );
    expect(after.newCalls.map((c) => c.number)).toEqual(['B005']);
    // a restored database may go back in versions; the new snapshot is the base from now on
    const next = feed.receiveFrame(frame(1, called(2, 7, 'B007', 2, 2_000_100)));
    expect(next.newCalls.map((c) => c.number)).toEqual(['B007']);
  });

  it('never announces a call it has shown again, across reconnects, resyncs and restarts', () => {
    const feed = new HallFeed(options);
    feed.receiveSnapshot(snapshot({ version: 10, serverTime: 1_000_000 }));
    const t = ticket(8, 'A008', { state: 'called', windowId: 3 });
    const live = callOf(t, 3, 1_000_100, false, 77);
    const shown = feed.receiveFrame(frame(10, { type: 'ticket:called', version: 11, ticket: t, call: live }));
    expect(shown.newCalls).toHaveLength(1);
    // Reconnect, resync, server restart: every later snapshot carries the call with its identity.
    // Even a copy that differs in its time (as two clock reads once made it) is the same call.
    for (const copy of [live, { ...live, at: live.at - 1 }, { ...live }]) {
      const again = feed.receiveSnapshot(
        snapshot({ version: 11, serverTime: 1_000_200, recentCalls: [copy] }),
      );
      expect(again.newCalls).toEqual([]);
    }
    // A recall is a new call: a new identity, announced.
    const recall = callOf(t, 3, 1_000_300, true, 78);
    const recalled = feed.receiveFrame(
      frame(11, { type: 'ticket:called', version: 12, ticket: t, call: recall }),
    );
    expect(recalled.newCalls.map((c) => c.recall)).toEqual([true]);
  });

  it('ignores frames already contained in the snapshot', () => {
    const feed = new HallFeed(options);
    feed.receiveSnapshot(snapshot({ version: 20 }));
    expect(feed.receiveFrame(frame(18, called(19, 1, 'A001', 1, 10)))).toMatchObject({
      newCalls: [],
      needSync: false,
      applied: [],
    });
    expect(feed.snapshot?.recentCalls).toEqual([]);
  });
});

// A screen following the hall over a connection: a missed frame makes it ask hall:sync and take
// the answer; frames that arrive meanwhile are not lost.
import { describe, expect, it } from 'vitest';
import type { HallSnapshot } from '../contracts/entities';
import type { HallFrame } from '../contracts/frames';
import { openHallConnection } from './hallConnection';
import { followHall } from './followHall';
import { FakeSocket } from './testing/fakeSocket';
import { snapshot, ticket } from './testing/hallFixtures';

const issued = (version: number, id: number): HallFrame => ({
  base: version - 1,
  version,
  deltas: [{ type: 'ticket:issued', version, ticket: ticket(id, `A00${id}`) }],
});

describe('followHall', () => {
  it('resyncs on a version gap and keeps what arrived meanwhile', async () => {
    const fake = new FakeSocket();
    const link = openHallConnection({
      auth: { role: 'display', deviceKey: 'k'.repeat(32) },
      socket: fake.asSocket(),
    });
    fake.fire('connect');
    let answer: (snapshot: HallSnapshot) => void = () => undefined;
    fake.answer = () => new Promise((resolve) => (answer = (s) => resolve({ ok: true, data: s })));
    const seen: (HallSnapshot | null)[] = [];
    const follower = followHall(link, { recentCallLimit: 12, announceMissedWithinMs: 0 }, (s) =>
      seen.push(s),
    );

    fake.fire('hall:snapshot', snapshot({ version: 10 }));
    fake.fire('hall:changed', issued(11, 1));
    expect(follower.snapshot?.activeTickets.map((t) => t.id)).toEqual([1]);
    // Frame 12 was lost: 13 shows the gap.
    fake.fire('hall:changed', issued(13, 3));
    await Promise.resolve();
    expect(fake.sent('hall:sync')).toHaveLength(1);
    fake.fire('hall:changed', issued(14, 4));
    answer(
      snapshot({ version: 13, activeTickets: [ticket(1, 'A001'), ticket(2, 'A002'), ticket(3, 'A003')] }),
    );
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(follower.snapshot?.version).toBe(14);
    expect(follower.snapshot?.activeTickets.map((t) => t.id)).toEqual([1, 2, 3, 4]);
    follower.stop();
    expect(fake.listenerCount('hall:changed')).toBe(0);
    expect(seen.length).toBeGreaterThan(0);
  });
});

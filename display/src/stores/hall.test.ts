import { beforeEach, describe, expect, it } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import type { HallSnapshot } from '@hall/shared/contracts/entities';
import type { HallFrame } from '@hall/shared/contracts/frames';
import { FakeSocket } from '@hall/shared/client/testing/fakeSocket';
import { callOf, snapshot, ticket } from '@hall/shared/client/testing/hallFixtures';
import { useHallStore } from './hall';

function calledFrame(
  version: number,
  id: number,
  number: string,
  windowNumber: number,
  at: number,
): HallFrame {
  const t = ticket(id, number, { state: 'called', windowId: windowNumber, calledAt: at });
  return {
    base: version - 1,
    version,
    deltas: [{ type: 'ticket:called', version, ticket: t, call: callOf(t, windowNumber, at) }],
  };
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('hall store', () => {
  let fake: FakeSocket;
  beforeEach(() => {
    setActivePinia(createPinia());
    fake = new FakeSocket();
  });

  it('goes online with the snapshot, announces live calls, and syncs on a version gap', async () => {
    const store = useHallStore();
    const heard: string[] = [];
    store.onNewCall((c) => heard.push(c.number));
    let answerSync: (s: HallSnapshot) => void = () => undefined;
    fake.answer = (event) =>
      event === 'hall:sync'
        ? new Promise((resolve) => (answerSync = (s) => resolve({ ok: true, data: s })))
        : new Promise(() => undefined);
    store.start({ role: 'display', deviceKey: 'k' }, fake.asSocket());
    expect(store.connection).toBe('connecting');

    fake.fire('connect');
    fake.fire('hall:snapshot', snapshot({ version: 10, activeTickets: [ticket(1, 'A001')] }));
    expect(store.connection).toBe('online');
    expect(store.waitingByService?.get(1)).toBe(1);

    fake.fire('hall:changed', calledFrame(11, 1, 'A001', 3, 2000));
    expect(heard).toEqual(['A001']);
    expect(store.latestCall?.number).toBe('A001');
    expect(store.waitingByService?.get(1)).toBe(0);

    // frame 12 was lost: ask for a snapshot, show nothing out of order meanwhile
    fake.fire('hall:changed', calledFrame(13, 3, 'A003', 4, 4000));
    await flush();
    expect(fake.sent('hall:sync')).toHaveLength(1);
    expect(store.latestCall?.number).toBe('A001');

    const t2 = ticket(2, 'A002', { state: 'called' });
    answerSync(
      snapshot({
        version: 12,
        serverTime: 4500,
        recentCalls: [callOf(t2, 5, 3000), callOf(ticket(1, 'A001'), 3, 2000)],
      }),
    );
    await flush();
    expect(store.snapshot?.version).toBe(13);
    expect(heard).toEqual(['A001', 'A002', 'A003']);
    expect(store.latestCall?.number).toBe('A003');
  });

  it('keeps the last calls when the connection drops, marked stale, with unknown counts', () => {
    const store = useHallStore();
    store.start({ role: 'display', deviceKey: 'k' }, fake.asSocket());
    fake.fire('connect');
    fake.fire('hall:snapshot', snapshot({ version: 1 }));
    fake.fire('hall:changed', calledFrame(2, 1, 'A001', 3, 2000));

    fake.fire('disconnect', 'transport close');
    expect(store.connection).toBe('offline');
    expect(store.stale).toBe(true);
    expect(store.waitingByService).toBeNull();
    expect(store.latestCall?.number).toBe('A001');

    fake.fire('connect');
    expect(store.stale).toBe(true); // not until the fresh snapshot has arrived
    fake.fire('hall:snapshot', snapshot({ version: 5, recentCalls: [] }));
    expect(store.stale).toBe(false);
  });

  it('reports a refused device key and stops pretending to reconnect', () => {
    const store = useHallStore();
    store.start({ role: 'display', deviceKey: 'bad' }, fake.asSocket());
    fake.active = false;
    fake.fire('connect_error', new Error('UNAUTHENTICATED'));
    expect(store.connection).toBe('refused');
    expect(store.refusal).toBe('UNAUTHENTICATED');
  });
});

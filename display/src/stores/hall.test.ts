import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import type { HallSnapshot } from '@hall/shared/contracts/entities';
import type { Result } from '@hall/shared/contracts/errors';
import { callOf, snapshot, ticket } from '../testing/fixtures';

type Handler = (...args: unknown[]) => void;

/** Just enough of a socket.io client socket for the store. */
class FakeSocket {
  active = true;
  readonly handlers = new Map<string, Handler[]>();
  readonly anyHandlers: Handler[] = [];
  readonly syncRequests: ((err: Error | null, result: Result<HallSnapshot>) => void)[] = [];
  on(event: string, handler: Handler): this {
    this.handlers.set(event, [...(this.handlers.get(event) ?? []), handler]);
    return this;
  }
  prependAny(handler: Handler): this {
    this.anyHandlers.push(handler);
    return this;
  }
  timeout(): {
    emit: (event: string, ack: (err: Error | null, result: Result<HallSnapshot>) => void) => void;
  } {
    return {
      emit: (event, ack) => {
        if (event === 'hall:sync') this.syncRequests.push(ack);
      },
    };
  }
  /** The server sends `event`. */
  receive(event: string, ...args: unknown[]): void {
    for (const h of this.anyHandlers) h(event, ...args);
    for (const h of this.handlers.get(event) ?? []) h(...args);
  }
}

let fake: FakeSocket;
vi.mock('../socket', () => ({
  openSocket: () => fake,
  closeSocket: () => undefined,
  isFatalConnectError: (s: FakeSocket) => !s.active,
}));

const { useHallStore } = await import('./hall');

function calledEvent(version: number, id: number, number: string, windowNumber: number, at: number) {
  const t = ticket(id, number, { state: 'called', windowId: windowNumber, calledAt: at });
  return { version, ticket: t, call: callOf(t, windowNumber, at) };
}

describe('hall store', () => {
  beforeEach(() => {
    setActivePinia(createPinia());
    fake = new FakeSocket();
  });

  it('goes online with the snapshot, announces live calls, and syncs on a version gap', () => {
    const store = useHallStore();
    const heard: string[] = [];
    store.onNewCall((c) => heard.push(c.number));
    store.start({ role: 'display', deviceKey: 'k' });
    expect(store.connection).toBe('connecting');

    fake.receive('connect');
    fake.receive('hall:snapshot', snapshot({ version: 10, activeTickets: [ticket(1, 'A001')] }));
    expect(store.connection).toBe('online');
    expect(store.waitingByService?.get(1)).toBe(1);

    fake.receive('ticket:called', calledEvent(11, 1, 'A001', 3, 2000));
    expect(heard).toEqual(['A001']);
    expect(store.latestCall?.number).toBe('A001');
    expect(store.waitingByService?.get(1)).toBe(0);

    // version 12 was lost: ask for a snapshot, show nothing out of order meanwhile
    fake.receive('ticket:called', calledEvent(13, 3, 'A003', 4, 4000));
    expect(fake.syncRequests).toHaveLength(1);
    expect(store.latestCall?.number).toBe('A001');

    const t2 = ticket(2, 'A002', { state: 'called' });
    fake.syncRequests[0]!(null, {
      ok: true,
      data: snapshot({
        version: 12,
        serverTime: 4500,
        recentCalls: [callOf(t2, 5, 3000), callOf(ticket(1, 'A001'), 3, 2000)],
      }),
    });
    expect(store.snapshot?.version).toBe(13);
    expect(heard).toEqual(['A001', 'A002', 'A003']);
    expect(store.latestCall?.number).toBe('A003');
  });

  it('keeps the last calls when the connection drops, marked stale, with unknown counts', () => {
    const store = useHallStore();
    store.start({ role: 'display', deviceKey: 'k' });
    fake.receive('hall:snapshot', snapshot({ version: 1 }));
    fake.receive('ticket:called', calledEvent(2, 1, 'A001', 3, 2000));

    fake.receive('disconnect', 'transport close');
    expect(store.connection).toBe('offline');
    expect(store.stale).toBe(true);
    expect(store.waitingByService).toBeNull();
    expect(store.latestCall?.number).toBe('A001');

    fake.receive('connect');
    expect(store.stale).toBe(true); // not until the fresh snapshot has arrived
    fake.receive('hall:snapshot', snapshot({ version: 5, recentCalls: [] }));
    expect(store.stale).toBe(false);
  });

  it('reports a refused device key and stops pretending to reconnect', () => {
    const store = useHallStore();
    store.start({ role: 'display', deviceKey: 'bad' });
    fake.active = false;
    fake.receive('connect_error', new Error('UNAUTHENTICATED'));
    expect(store.connection).toBe('refused');
    expect(store.refusal).toBe('UNAUTHENTICATED');
  });
});

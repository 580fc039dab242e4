import { beforeEach, describe, expect, it } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import { useHallStore } from './hall';
import { FakeSocket, demoSnapshot, ticketView } from '../testing/fakeHall';

describe('hall store', () => {
  beforeEach(() => setActivePinia(createPinia()));

  function connected() {
    const hall = useHallStore();
    const socket = new FakeSocket();
    socket.answer = async (event) => (event === 'hall:sync' ? { ok: true, data: demoSnapshot(10) } : null);
    hall.attach(socket.asSocket());
    socket.fire('connect');
    socket.fire('hall:snapshot', demoSnapshot(1));
    return { hall, socket };
  }

  it('is ready only once connected with a snapshot', () => {
    const hall = useHallStore();
    const socket = new FakeSocket();
    hall.attach(socket.asSocket());
    expect(hall.ready).toBe(false);
    socket.fire('connect');
    expect(hall.ready).toBe(false);
    socket.fire('hall:snapshot', demoSnapshot(1));
    expect(hall.ready).toBe(true);
    expect(hall.sessionCount).toBe(1);
  });

  it('applies consecutive versions and counts waiting tickets per service', () => {
    const { hall, socket } = connected();
    socket.fire('ticket:issued', { version: 2, ticket: ticketView({ id: 5, serviceId: 1 }) });
    socket.fire('ticket:issued', { version: 3, ticket: ticketView({ id: 6, serviceId: 1 }) });
    expect(hall.waitingCount(1)).toBe(2);
    socket.fire('ticket:updated', { version: 4, ticket: ticketView({ id: 5, serviceId: 1, state: 'done' }) });
    expect(hall.waitingCount(1)).toBe(1);
    expect(hall.snapshot?.version).toBe(4);
  });

  it('asks for a fresh snapshot on a version gap and ignores old versions', async () => {
    const { hall, socket } = connected();
    socket.fire('ticket:issued', { version: 1, ticket: ticketView({ id: 9 }) });
    expect(hall.waitingCount(1)).toBe(0);
    expect(socket.emits.filter((e) => e.event === 'hall:sync')).toHaveLength(0);
    socket.fire('ticket:issued', { version: 3, ticket: ticketView({ id: 9 }) });
    expect(socket.emits.filter((e) => e.event === 'hall:sync')).toHaveLength(1);
    await Promise.resolve();
    await Promise.resolve();
    expect(hall.snapshot?.version).toBe(10);
  });

  it('pauses on disconnect and on a refused key, and binds each handler once', () => {
    const { hall, socket } = connected();
    socket.fire('disconnect', 'transport close');
    expect(hall.ready).toBe(false);
    expect(hall.connection).toBe('offline');
    socket.active = false;
    socket.fire('connect_error', new Error('DEVICE_REVOKED'));
    expect(hall.connection).toBe('refused');
    expect(hall.refusalCode).toBe('DEVICE_REVOKED');
    expect(socket.listenerCount('ticket:issued')).toBe(1);
    hall.disconnect();
    expect(socket.listenerCount('ticket:issued')).toBe(0);
  });

  it('without a device key it does not connect at all', () => {
    const hall = useHallStore();
    hall.connect('', null);
    expect(hall.connection).toBe('no_key');
    expect(hall.currentSocket()).toBeNull();
  });
});

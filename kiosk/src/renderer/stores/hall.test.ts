import { beforeEach, describe, expect, it } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import { useHallStore } from './hall';
import { FakeSocket, demoSnapshot, queueOf } from '../testing/fakeHall';

describe('hall store', () => {
  beforeEach(() => setActivePinia(createPinia()));

  function connected() {
    const hall = useHallStore();
    const socket = new FakeSocket();
    hall.open('', 'kiosk-key', socket.asSocket());
    socket.fire('connect');
    socket.fire('kiosk:snapshot', demoSnapshot(1));
    return { hall, socket };
  }

  it('is ready only once connected with a snapshot', () => {
    const hall = useHallStore();
    const socket = new FakeSocket();
    hall.open('', 'kiosk-key', socket.asSocket());
    expect(hall.ready).toBe(false);
    socket.fire('connect');
    expect(hall.ready).toBe(false);
    socket.fire('kiosk:snapshot', demoSnapshot(1));
    expect(hall.ready).toBe(true);
    expect(hall.sessionCount).toBe(1);
  });

  it('takes the waiting counts from each count frame, never from anyone’s ticket', () => {
    const { hall, socket } = connected();
    socket.fire('kiosk:queue', { version: 2, queue: queueOf({ 1: 1 }) });
    socket.fire('kiosk:queue', { version: 3, queue: queueOf({ 1: 2 }) });
    expect(hall.waitingCount(1)).toBe(2);
    socket.fire('kiosk:queue', { version: 4, queue: queueOf({ 1: 1 }) });
    expect(hall.waitingCount(1)).toBe(1);
    expect(hall.snapshot?.version).toBe(4);
  });

  it('ignores a count frame older than its snapshot; each newer one is whole, so none needs a sync', () => {
    const { hall, socket } = connected();
    socket.fire('kiosk:snapshot', { ...demoSnapshot(10), queue: queueOf({ 1: 3 }) });
    socket.fire('kiosk:queue', { version: 9, queue: queueOf({ 1: 1 }) });
    expect(hall.waitingCount(1)).toBe(3);
    // Frames 11 and 12 never came: 13 carries every count anyway.
    socket.fire('kiosk:queue', { version: 13, queue: queueOf({ 1: 5, 2: 1 }) });
    expect(hall.waitingCount(1)).toBe(5);
    expect(hall.waitingCount(2)).toBe(1);
    expect(socket.emits).toEqual([]);
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
    expect(socket.listenerCount('kiosk:queue')).toBe(1);
    hall.disconnect();
    expect(socket.listenerCount('kiosk:queue')).toBe(0);
  });

  it('without a device key it does not connect at all', async () => {
    const hall = useHallStore();
    hall.connect('', null);
    expect(hall.connection).toBe('no_key');
    expect(await hall.command('kiosk:sync')).toMatchObject({ ok: false, error: { code: 'OFFLINE' } });
  });
});

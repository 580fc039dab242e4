// The alarms store binds to the console's connection, follows a swap to a new one, reads the device
// list on every (re)connect and forgets everything when unbound.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import type { Device, PrinterFault } from '@hall/shared/contracts/entities';
import { openHallConnection } from '@hall/shared/client/hallConnection';
import { FakeSocket } from '@hall/shared/client/testing/fakeSocket';

const request = vi.fn();
vi.mock('../../net/link', () => ({
  command: (event: string) => request(event),
  currentLink: () => null,
}));

const { useAlarmsStore } = await import('./alarms');

/** A console connection over a fake socket, already connected unless told otherwise. */
function fakeLink(connected = true) {
  const fake = new FakeSocket();
  const link = openHallConnection({
    auth: { role: 'staff', sessionToken: 's'.repeat(32) },
    socket: fake.asSocket(),
  });
  if (connected) fake.fire('connect');
  return {
    socket: link,
    fire: (event: string, payload?: unknown) => fake.fire(event, payload),
    /** Reconnect: the transport drops and comes back. */
    reconnect: () => {
      fake.fire('disconnect', 'transport close');
      fake.fire('connect');
    },
    listening: () => fake.listenerCount('storage:faulted') + fake.listenerCount('printer:faulted'),
  };
}

const paperOut: PrinterFault = { code: 'paper_out', message: 'no paper', at: 1000, ticketNumber: null };
const kiosk = (id: number, printerFault: PrinterFault | null): Device => ({
  id,
  hallId: 1,
  kind: 'kiosk',
  name: `Kiosk ${id}`,
  revoked: false,
  lastSeenAt: null,
  online: true,
  printer: null,
  printerFault,
});

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

beforeEach(() => {
  setActivePinia(createPinia());
  request.mockReset();
  request.mockResolvedValue({ ok: true, data: [] });
});

describe('alarms store', () => {
  it('shows a storage fault until the server clears it', () => {
    const alarms = useAlarmsStore();
    const { socket, fire } = fakeLink();
    alarms.bind(socket);
    expect(alarms.active).toBe(false);
    fire('storage:faulted', { fault: { code: 'SQLITE_READONLY', command: 'ticket:issue', at: 1 } });
    expect(alarms.active).toBe(true);
    expect(alarms.storage?.code).toBe('SQLITE_READONLY');
    fire('storage:faulted', { fault: null });
    expect(alarms.storage).toBeNull();
    expect(alarms.active).toBe(false);
  });

  it('starts from the device list and follows printer:faulted', async () => {
    request.mockResolvedValue({ ok: true, data: [kiosk(1, paperOut), kiosk(2, null)] });
    const alarms = useAlarmsStore();
    const { socket, fire } = fakeLink();
    alarms.bind(socket);
    await flush();
    expect(request).toHaveBeenCalledWith('admin:deviceList');
    expect(alarms.printers.map((p) => p.deviceName)).toEqual(['Kiosk 1']);
    fire('printer:faulted', { deviceId: 2, deviceName: 'Kiosk 2', fault: paperOut });
    fire('printer:faulted', { deviceId: 1, deviceName: 'Kiosk 1', fault: null });
    expect(alarms.printers.map((p) => p.deviceName)).toEqual(['Kiosk 2']);
  });

  it('waits for the connection before reading, and reads again after a reconnect', async () => {
    const alarms = useAlarmsStore();
    const { socket, fire } = fakeLink(false);
    alarms.bind(socket);
    expect(request).not.toHaveBeenCalled();
    request.mockResolvedValue({ ok: true, data: [kiosk(3, paperOut)] });
    fire('connect');
    await flush();
    expect(alarms.printers.map((p) => p.deviceId)).toEqual([3]);
    // Cleared while this console was offline: the next connect's list drops it.
    request.mockResolvedValue({ ok: true, data: [kiosk(3, null)] });
    fire('disconnect', 'transport close');
    fire('connect');
    await flush();
    expect(alarms.printers).toEqual([]);
  });

  it('keeps its alarms when the device list cannot be read', async () => {
    const alarms = useAlarmsStore();
    const { socket, fire, reconnect } = fakeLink();
    alarms.bind(socket);
    await flush();
    fire('printer:faulted', { deviceId: 4, deviceName: 'Kiosk 4', fault: paperOut });
    request.mockResolvedValue({ ok: false, error: { code: 'OFFLINE' } });
    reconnect();
    await flush();
    expect(alarms.printers.map((p) => p.deviceId)).toEqual([4]);
  });

  it('moves to a new connection and leaves the old one alone; unbind forgets everything', () => {
    const alarms = useAlarmsStore();
    const first = fakeLink();
    const second = fakeLink();
    alarms.bind(first.socket);
    first.fire('storage:faulted', { fault: { code: 'SQLITE_FULL', command: 'ticket:issue', at: 1 } });
    alarms.bind(second.socket);
    expect(first.listening()).toBe(0);
    expect(alarms.storage).toBeNull();
    first.fire('storage:faulted', { fault: { code: 'SQLITE_FULL', command: 'ticket:issue', at: 2 } });
    expect(alarms.storage).toBeNull();
    second.fire('storage:faulted', { fault: { code: 'SQLITE_FULL', command: 'ticket:issue', at: 3 } });
    expect(alarms.storage?.at).toBe(3);
    alarms.unbind();
    expect(second.listening()).toBe(0);
    expect(alarms.active).toBe(false);
  });
});

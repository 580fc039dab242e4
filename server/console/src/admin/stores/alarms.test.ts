// The alarms store binds to the console's socket, follows a socket swap, reads the device list on
// every (re)connect and forgets everything when unbound.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import type { Device, PrinterFault } from '@hall/shared/contracts/entities';
import type { ConsoleSocket } from '../../socket/connection';

const request = vi.fn();
vi.mock('../../socket/connection', () => ({
  request: (event: string) => request(event),
  currentSocket: () => null,
}));

const { useAlarmsStore } = await import('./alarms');

type Handler = (payload?: unknown) => void;
function fakeSocket(connected = true) {
  const handlers = new Map<string, Handler>();
  const socket = {
    connected,
    on: (event: string, handler: Handler) => void handlers.set(event, handler),
    off: (event: string, handler: Handler) => {
      if (handlers.get(event) === handler) handlers.delete(event);
    },
  };
  return {
    socket: socket as unknown as ConsoleSocket,
    fire: (event: string, payload?: unknown) => handlers.get(event)?.(payload),
    handlers,
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
    const { socket, fire } = fakeSocket();
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
    const { socket, fire } = fakeSocket();
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
    const { socket, fire } = fakeSocket(false);
    alarms.bind(socket);
    expect(request).not.toHaveBeenCalled();
    request.mockResolvedValue({ ok: true, data: [kiosk(3, paperOut)] });
    fire('connect');
    await flush();
    expect(alarms.printers.map((p) => p.deviceId)).toEqual([3]);
    // Cleared while this console was offline: the next connect's list drops it.
    request.mockResolvedValue({ ok: true, data: [kiosk(3, null)] });
    fire('connect');
    await flush();
    expect(alarms.printers).toEqual([]);
  });

  it('keeps its alarms when the device list cannot be read', async () => {
    const alarms = useAlarmsStore();
    const { socket, fire } = fakeSocket();
    alarms.bind(socket);
    await flush();
    fire('printer:faulted', { deviceId: 4, deviceName: 'Kiosk 4', fault: paperOut });
    request.mockResolvedValue({ ok: false, error: { code: 'OFFLINE' } });
    fire('connect');
    await flush();
    expect(alarms.printers.map((p) => p.deviceId)).toEqual([4]);
  });

  it('moves to a new socket and leaves the old one alone; unbind forgets everything', () => {
    const alarms = useAlarmsStore();
    const first = fakeSocket();
    const second = fakeSocket();
    alarms.bind(first.socket);
    first.fire('storage:faulted', { fault: { code: 'SQLITE_FULL', command: 'ticket:issue', at: 1 } });
    alarms.bind(second.socket);
    expect(first.handlers.size).toBe(0);
    expect(alarms.storage).toBeNull();
    first.fire('storage:faulted', { fault: { code: 'SQLITE_FULL', command: 'ticket:issue', at: 2 } });
    expect(alarms.storage).toBeNull();
    second.fire('storage:faulted', { fault: { code: 'SQLITE_FULL', command: 'ticket:issue', at: 3 } });
    expect(alarms.storage?.at).toBe(3);
    alarms.unbind();
    expect(second.handlers.size).toBe(0);
    expect(alarms.active).toBe(false);
  });
});

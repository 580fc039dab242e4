import { describe, expect, it } from 'vitest';
import type { Device, PrinterFault } from '@hall/shared/contracts/entities';
import { applyDeviceList, applyPrinterFault, applyStorageFault, noAlarms } from './alarms';

const paperOut: PrinterFault = { code: 'paper_out', message: 'no paper', at: 1000, ticketNumber: 'A001' };
const offline: PrinterFault = { code: 'offline', message: 'unplugged', at: 2000, ticketNumber: null };

const device = (id: number, name: string, printerFault: PrinterFault | null, revoked = false): Device => ({
  id,
  hallId: 1,
  kind: 'kiosk',
  name,
  revoked,
  lastSeenAt: null,
  online: true,
  printer: null,
  printerFault,
});

describe('storage alarm', () => {
  it('is raised by a fault and cleared by the server’s null', () => {
    const fault = { code: 'SQLITE_READONLY', command: 'ticket:issue', at: 5 };
    const raised = applyStorageFault(noAlarms(), { fault });
    expect(raised.storage).toEqual(fault);
    expect(applyStorageFault(raised, { fault: null }).storage).toBeNull();
  });

  it('a later fault replaces the earlier one and leaves printer alarms alone', () => {
    let state = applyPrinterFault(noAlarms(), { deviceId: 3, deviceName: 'K3', fault: paperOut });
    state = applyStorageFault(state, { fault: { code: 'SQLITE_FULL', command: 'ticket:issue', at: 1 } });
    state = applyStorageFault(state, {
      fault: { code: 'SQLITE_READONLY', command: 'counter:callNext', at: 2 },
    });
    expect(state.storage?.code).toBe('SQLITE_READONLY');
    expect(state.printers).toHaveLength(1);
  });
});

describe('printer alarms', () => {
  it('one per kiosk: a new fault replaces that kiosk’s old one, null removes it', () => {
    let state = applyPrinterFault(noAlarms(), { deviceId: 2, deviceName: 'K2', fault: paperOut });
    state = applyPrinterFault(state, { deviceId: 1, deviceName: 'K1', fault: paperOut });
    state = applyPrinterFault(state, { deviceId: 2, deviceName: 'K2', fault: offline });
    expect(state.printers.map((p) => [p.deviceId, p.fault.code])).toEqual([
      [1, 'paper_out'],
      [2, 'offline'],
    ]);
    state = applyPrinterFault(state, { deviceId: 1, deviceName: 'K1', fault: null });
    expect(state.printers.map((p) => p.deviceId)).toEqual([2]);
  });

  it('a clear for a kiosk without an alarm changes nothing', () => {
    const state = applyPrinterFault(noAlarms(), { deviceId: 9, deviceName: 'K9', fault: null });
    expect(state).toEqual(noAlarms());
  });

  it('the device list gives the faults that are active now, except on revoked devices', () => {
    const before = applyPrinterFault(noAlarms(), { deviceId: 7, deviceName: 'gone', fault: paperOut });
    const state = applyDeviceList(before, [
      device(4, 'Kiosk 4', offline),
      device(2, 'Kiosk 2', paperOut),
      device(3, 'Kiosk 3', null),
      device(5, 'Old kiosk', paperOut, true),
    ]);
    expect(state.printers).toEqual([
      { deviceId: 2, deviceName: 'Kiosk 2', fault: paperOut },
      { deviceId: 4, deviceName: 'Kiosk 4', fault: offline },
    ]);
  });
});

// The alarms every admin page must show until the server says they are over: the database refusing
// writes (tickets cannot be saved) and a kiosk whose printer failed (visitors get no paper ticket).
// Pure state changes, so the socket store stays a thin shell around them.
import type { Device, PrinterFault } from '@hall/shared/contracts/entities';
import type { ServerToClientEvents } from '@hall/shared/contracts/events';

export type StorageFaultEvent = Parameters<ServerToClientEvents['storage:faulted']>[0];
export type PrinterFaultEvent = Parameters<ServerToClientEvents['printer:faulted']>[0];

export interface StorageAlarm {
  /** SQLite's code, e.g. SQLITE_FULL or SQLITE_READONLY: what technical support needs first. */
  code: string;
  /** The command whose write failed. */
  command: string;
  at: number;
}

export interface PrinterAlarm {
  deviceId: number;
  deviceName: string;
  fault: PrinterFault;
}

export interface AlarmState {
  storage: StorageAlarm | null;
  /** One per faulted kiosk, in device order. */
  printers: PrinterAlarm[];
}

export const noAlarms = (): AlarmState => ({ storage: null, printers: [] });

/** `fault: null` is the server saying a write succeeded again. */
export function applyStorageFault(state: AlarmState, event: StorageFaultEvent): AlarmState {
  return { ...state, storage: event.fault ? { ...event.fault } : null };
}

/** Adds, updates or (on `fault: null`) removes one kiosk's printer alarm. */
export function applyPrinterFault(state: AlarmState, event: PrinterFaultEvent): AlarmState {
  const others = state.printers.filter((p) => p.deviceId !== event.deviceId);
  if (!event.fault) return { ...state, printers: others };
  const alarm: PrinterAlarm = { deviceId: event.deviceId, deviceName: event.deviceName, fault: event.fault };
  return { ...state, printers: [...others, alarm].sort((a, b) => a.deviceId - b.deviceId) };
}

/** The printer alarms as the device list has them (on opening the console and after a reconnect). */
export function applyDeviceList(state: AlarmState, devices: readonly Device[]): AlarmState {
  const printers = devices
    // A revoked kiosk is out of service: its last fault is history, not an alarm.
    .flatMap((d) =>
      !d.revoked && d.printerFault ? [{ deviceId: d.id, deviceName: d.name, fault: d.printerFault }] : [],
    )
    .sort((a, b) => a.deviceId - b.deviceId);
  return { ...state, printers };
}

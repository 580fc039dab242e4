// A kiosk's printer fault (paper out, offline) is stored on the device, logged as an event, and
// told to the hall's admins at once; so is the all-clear.
import type { Device, PrinterFault } from '@hall/shared/contracts/entities';
import type { Repositories } from '../repositories';
import { adminRoom } from '../core/frames/audiences';
import type { AppServer } from '../core/socketTypes';

export type PrinterFaultNotifier = (device: Device, fault: PrinterFault | null) => void;

export function createPrinterFaultNotifier(io: AppServer, repos: Repositories): PrinterFaultNotifier {
  return (device, fault) => {
    const previous = device.printerFault;
    // A kiosk reports after every print: a printer that was fine and still is changes nothing
    // (no write, no fsync per ticket).
    if (!fault && !previous) return;
    repos.devices.setPrinterFault(device.id, fault);
    if (fault) {
      repos.events.append({
        hallId: device.hallId,
        ticketId: null,
        type: 'printer_fault',
        at: fault.at,
        windowId: null,
        staffId: null,
        deviceId: device.id,
        payload: { ...fault },
      });
    }
    io.to(adminRoom(device.hallId)).emit('printer:faulted', {
      deviceId: device.id,
      deviceName: device.name,
      fault,
    });
  };
}

// The printers the front desk may print on: the server's own (DEFAULT_PRINTER: the virtual printer
// or a network printer) and every device printer the server prints to (browser kiosks' printers).
// A device printer's fault is the device's, shown to the admins as for kiosks; the server's own
// printer's last fault is kept here, in memory (it is a setting of this process, not a row).
import type { DeskPrinter } from '@hall/shared/contracts/admin';
import type { Device, PrinterFault, PrinterSettings } from '@hall/shared/contracts/entities';
import { DomainError } from '@hall/shared/contracts/errors';
import type { Repositories } from '../repositories';

export const DEFAULT_PRINTER_ID = 'default';

export interface ChosenPrinter {
  /** null: the server's own printer. */
  settings: PrinterSettings | null;
  device: Device | null;
}

export function createDeskPrinters(repos: Repositories) {
  const defaultFaults = new Map<number, PrinterFault | null>();
  const deviceId = (printerId: string): number | null =>
    printerId.startsWith('device:') ? Number(printerId.slice('device:'.length)) : null;

  return {
    list(hallId: number): DeskPrinter[] {
      const devices = repos.devices.list(hallId).filter((d) => !d.revoked && d.printer !== null);
      return [
        { id: DEFAULT_PRINTER_ID, name: '', fault: defaultFaults.get(hallId) ?? null },
        ...devices.map((d) => ({ id: `device:${d.id}`, name: d.name, fault: d.printerFault })),
      ];
    },

    /** The printer behind an id of `list` (PRINTER_NOT_FOUND for anything else). */
    choose(hallId: number, printerId: string): ChosenPrinter {
      if (printerId === DEFAULT_PRINTER_ID) return { settings: null, device: null };
      const id = deviceId(printerId);
      const device = id === null ? null : repos.devices.find(hallId, id);
      if (!device || device.revoked || !device.printer) throw new DomainError('PRINTER_NOT_FOUND');
      return { settings: device.printer, device };
    },

    defaultPrinted(hallId: number, fault: PrinterFault | null): void {
      defaultFaults.set(hallId, fault);
    },
  };
}
export type DeskPrinters = ReturnType<typeof createDeskPrinters>;

// The server's printer for browser kiosks: the same ticket layout and ESC/POS code as the Electron
// kiosk, sent to the device's configured printer or to the virtual printer under the data folder.
import type { PrinterSettings } from '@hall/shared/contracts/entities';
import { ticketPrintDataFrom } from '@hall/shared/ticketPrintData';
import { printTicket } from '@hall/printing/printTicket';
import type { ServerPrinter } from './serverPrinter';
import { printerTargetProblem } from './printerPolicy';

export interface ServerPrinterOptions {
  timeoutMs?: number;
  /** PRINTER_ALLOW_LOOPBACK: print to targets on this machine's own addresses. */
  allowLoopback?: boolean;
}

export function createServerPrinter(
  dataDir: string,
  fallback: PrinterSettings,
  options: ServerPrinterOptions = {},
): ServerPrinter {
  const { timeoutMs = 8000, allowLoopback = false } = options;
  return async (settings, issued, context) => {
    const chosen = settings ?? fallback;
    // Checked again at print time: a device row written before this rule existed is refused too.
    const problem = printerTargetProblem(chosen.interface, allowLoopback);
    if (problem) return { ok: false, fault: { code: 'error', message: problem } };
    return printTicket(chosen, ticketPrintDataFrom(issued, context), { dataDir, timeoutMs });
  };
}

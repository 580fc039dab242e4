// The server's printer for browser kiosks: the same ticket layout and ESC/POS code as the Electron
// kiosk, sent to the device's configured printer or to the virtual printer under the data folder.
import type { PrinterSettings } from '@hall/shared/contracts/entities';
import { ticketPrintDataFrom } from '@hall/shared/ticketPrintData';
import { printTicket } from '@hall/printing/printTicket';
import type { ServerPrinter } from './serverPrinter';

export function createServerPrinter(
  dataDir: string,
  fallback: PrinterSettings,
  timeoutMs = 8000,
): ServerPrinter {
  return (settings, issued, context) =>
    printTicket(settings ?? fallback, ticketPrintDataFrom(issued, context), { dataDir, timeoutMs });
}

// The server prints for kiosks that run in a plain browser (no local printer): on the device's
// configured network printer, or on the virtual printer that writes files under the data folder.
import type { IssuedTicket, PrinterSettings } from '@hall/shared/contracts/entities';
import type { TicketPrintContext } from '@hall/shared/ticketPrintData';

export type PrintOutcome =
  | { ok: true }
  | { ok: false; fault: { code: 'offline' | 'paper_out' | 'timeout' | 'error'; message: string } };

export type ServerPrinter = (
  settings: PrinterSettings | null,
  issued: IssuedTicket,
  context: TicketPrintContext,
) => Promise<PrintOutcome>;

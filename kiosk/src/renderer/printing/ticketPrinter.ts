// Where a ticket is printed. Electron: the local thermal printer through the preload, and the
// outcome is reported to the server (admins see printer faults). Browser: the server prints on its
// configured or virtual printer. Either way a failed print never re-issues: reprint reuses the ticket.
import type { IssuedTicket } from '@hall/shared/contracts/entities';
import type { KioskSnapshot } from '@hall/shared/contracts/frames';
import type { Result } from '@hall/shared/contracts/errors';
import type { PrinterStatusInput } from '@hall/shared/contracts/schemas';
import type { KioskHostApi } from '../host/hostTypes';
import { toPrintData } from './printData';

/** What a visitor is told about a failed print: a plain category, never the technical detail
 * (that goes to the admin console through the server). */
export type PrintFaultKind = 'paper_out' | 'offline' | 'timeout' | 'error';
export type PrintResult = { ok: true } | { ok: false; kind: PrintFaultKind };

export interface TicketPrinter {
  readonly local: boolean;
  print(issued: IssuedTicket, snapshot: KioskSnapshot | null): Promise<PrintResult>;
}

/** The two commands printing sends, through the kiosk's connection (the hall store). */
export interface PrintCommands {
  online(): boolean;
  printOnServer(ticketId: number): Promise<Result<{ printed: boolean }>>;
  reportPrinter(status: PrinterStatusInput): Promise<unknown>;
}

const NOT_CONNECTED: PrintResult = { ok: false, kind: 'offline' };
const TIMED_OUT: PrintResult = { ok: false, kind: 'timeout' };

export function hostPrinter(host: KioskHostApi, commands: PrintCommands, origin: string): TicketPrinter {
  return {
    local: true,
    async print(issued, snapshot) {
      const outcome = await host.print(toPrintData(issued, snapshot, origin));
      // Best effort: the visitor's screen does not wait for the report.
      void commands.reportPrinter(
        outcome.ok
          ? { ok: true, code: null, message: '', ticketNumber: issued.ticket.number }
          : {
              ok: false,
              code: outcome.fault.code,
              message: outcome.fault.message.slice(0, 300),
              ticketNumber: issued.ticket.number,
            },
      );
      return outcome.ok ? { ok: true } : { ok: false, kind: outcome.fault.code };
    },
  };
}

export function serverPrinter(commands: PrintCommands): TicketPrinter {
  return {
    local: false,
    async print(issued) {
      if (!commands.online()) return NOT_CONNECTED;
      const result = await commands.printOnServer(issued.ticket.id);
      if (!result.ok) return result.error.code === 'NO_RESPONSE' ? TIMED_OUT : { ok: false, kind: 'error' };
      return result.data.printed ? { ok: true } : { ok: false, kind: 'error' };
    },
  };
}

// Where a ticket is printed. Electron: the local thermal printer through the preload, and the
// outcome is reported to the server (admins see printer faults). Browser: the server prints on its
// configured or virtual printer. Either way a failed print never re-issues: reprint reuses the ticket.
import type { HallSnapshot, IssuedTicket } from '@hall/shared/contracts/entities';
import type { KioskHostApi } from '../host/hostTypes';
import type { KioskSocket } from '../net/socket';
import { toPrintData } from './printData';

/** What a visitor is told about a failed print: a plain category, never the technical detail
 * (that goes to the admin console through the server). */
export type PrintFaultKind = 'paper_out' | 'offline' | 'timeout' | 'error';
export type PrintResult = { ok: true } | { ok: false; kind: PrintFaultKind };

export interface TicketPrinter {
  readonly local: boolean;
  print(issued: IssuedTicket, snapshot: HallSnapshot | null): Promise<PrintResult>;
}

const PRINT_TIMEOUT_MS = 20_000;
const NOT_CONNECTED: PrintResult = { ok: false, kind: 'offline' };
const TIMED_OUT: PrintResult = { ok: false, kind: 'timeout' };

export function hostPrinter(
  host: KioskHostApi,
  socket: () => KioskSocket | null,
  origin: string,
): TicketPrinter {
  return {
    local: true,
    async print(issued, snapshot) {
      const outcome = await host.print(toPrintData(issued, snapshot, origin));
      // Best effort: the visitor's screen does not wait for the report.
      socket()?.emit(
        'printer:status',
        outcome.ok
          ? { ok: true, code: null, message: '', ticketNumber: issued.ticket.number }
          : {
              ok: false,
              code: outcome.fault.code,
              message: outcome.fault.message.slice(0, 300),
              ticketNumber: issued.ticket.number,
            },
        () => undefined,
      );
      return outcome.ok ? { ok: true } : { ok: false, kind: outcome.fault.code };
    },
  };
}

export function serverPrinter(socket: () => KioskSocket | null): TicketPrinter {
  return {
    local: false,
    async print(issued) {
      const target = socket();
      if (!target?.connected) return NOT_CONNECTED;
      try {
        const result = await target
          .timeout(PRINT_TIMEOUT_MS)
          .emitWithAck('ticket:print', { ticketId: issued.ticket.id });
        if (!result.ok) return { ok: false, kind: 'error' };
        return result.data.printed ? { ok: true } : { ok: false, kind: 'error' };
      } catch {
        return TIMED_OUT;
      }
    },
  };
}

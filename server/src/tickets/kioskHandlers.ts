// Kiosk commands: issue a ticket, ask the server to print it (browser kiosks without a local
// printer), and report the local printer's state so the admin console can show faults.
import { DomainError } from '@hall/shared/contracts/errors';
import { issueTicketSchema, printTicketSchema, printerStatusSchema } from '@hall/shared/contracts/schemas';
import type { PrinterFault } from '@hall/shared/contracts/entities';
import type { Repositories } from '../repositories';
import type { HallQueries } from '../hall/hallQueries';
import type { IssueService } from './issueService';
import type { ServerPrinter } from '../printing/serverPrinter';
import type { CommandRegistrar } from '../core/command';
import type { AppSocket } from '../core/socketTypes';
import type { PrinterFaultNotifier } from '../devices/printerFaults';
import { statusOriginOf } from '../printing/statusOrigin';

export interface KioskDeps {
  repos: Repositories;
  queries: HallQueries;
  issue: IssueService;
  printer: ServerPrinter;
  notifyPrinterFault: PrinterFaultNotifier;
  clock: () => number;
}

export function registerKioskHandlers(
  socket: AppSocket,
  on: CommandRegistrar,
  deps: KioskDeps,
  publicUrl: string | null,
) {
  const actor = () => ({ hallId: socket.data.hallId, staffId: null, deviceId: socket.data.deviceId });

  on.command('ticket:issue', issueTicketSchema, (cmd) => deps.issue.issue(actor(), cmd));

  on.command('ticket:print', printTicketSchema, async ({ ticketId }) => {
    const ticket = deps.repos.tickets.find(socket.data.hallId, ticketId);
    // A kiosk may print only its own tickets: the status token on the paper is a capability.
    if (!ticket || ticket.sourceDeviceId !== socket.data.deviceId) throw new DomainError('TICKET_NOT_FOUND');
    const device = deps.repos.devices.find(socket.data.hallId, socket.data.deviceId!)!;
    const hall = deps.repos.halls.find(ticket.hallId)!;
    const issued = deps.queries.issued(ticket);
    const outcome = await deps.printer(device.printer, issued, {
      statusOrigin: statusOriginOf(socket, publicUrl),
      timeZone: hall.timezone,
      priorityClasses: deps.repos.halls.rules(hall.id).priorityClasses,
    });
    const fault: PrinterFault | null = outcome.ok
      ? null
      : { ...outcome.fault, at: deps.clock(), ticketNumber: ticket.number };
    deps.notifyPrinterFault(device, fault);
    if (fault) throw new DomainError('PRINTER_FAULT', { detail: fault.message });
    return { printed: true };
  });

  on.command('printer:status', printerStatusSchema, (status) => {
    const device = deps.repos.devices.find(socket.data.hallId, socket.data.deviceId!)!;
    const fault: PrinterFault | null = status.ok
      ? null
      : {
          code: status.code ?? 'error',
          message: status.message,
          at: deps.clock(),
          ticketNumber: status.ticketNumber,
        };
    deps.notifyPrinterFault(device, fault);
    return null;
  });
}

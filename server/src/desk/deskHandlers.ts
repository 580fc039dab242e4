// The front desk (导办台, issue 15): a guide issues a ticket for a visitor who cannot use the kiosk,
// with the kiosk's choices (service, green channel, other priority classes, proxy and relationship,
// an ID number checked and masked in the page), then prints it on one of the server's printers or
// reads the number out to be written down. Tickets are issued as `desk` (the report counts them).
import { DomainError } from '@hall/shared/contracts/errors';
import { deskPrintSchema, issueTicketSchema } from '@hall/shared/contracts/schemas';
import type { PrinterFault } from '@hall/shared/contracts/entities';
import type { Repositories } from '../repositories';
import type { HallQueries } from '../hall/hallQueries';
import type { IssueService } from '../tickets/issueService';
import type { ServerPrinter } from '../printing/serverPrinter';
import type { CommandRegistrar } from '../core/command';
import type { AppSocket } from '../core/socketTypes';
import type { PrinterFaultNotifier } from '../devices/printerFaults';
import { statusOriginOf } from '../printing/statusOrigin';
import type { DeskPrinters } from './deskPrinters';

export interface DeskDeps {
  repos: Repositories;
  queries: HallQueries;
  issue: IssueService;
  printer: ServerPrinter;
  printers: DeskPrinters;
  notifyPrinterFault: PrinterFaultNotifier;
  clock: () => number;
  publicUrl: string | null;
}

export function registerDeskHandlers(socket: AppSocket, on: CommandRegistrar, deps: DeskDeps): void {
  const actor = () => ({ hallId: socket.data.hallId, staffId: socket.data.staffId, deviceId: null });

  on.command('desk:issue', issueTicketSchema, (cmd) => deps.issue.issue(actor(), cmd, 'desk'));

  on.query('desk:printers', () => deps.printers.list(socket.data.hallId));

  on.command('desk:print', deskPrintSchema, async ({ ticketId, printerId }) => {
    const { hallId } = socket.data;
    const ticket = deps.repos.tickets.find(hallId, ticketId);
    // The desk prints the tickets the desk issued: the status token on the paper is a capability.
    if (!ticket || ticket.source !== 'desk') throw new DomainError('TICKET_NOT_FOUND');
    const chosen = deps.printers.choose(hallId, printerId);
    const hall = deps.repos.halls.find(hallId)!;
    const outcome = await deps.printer(chosen.settings, deps.queries.issued(ticket), {
      statusOrigin: statusOriginOf(socket, deps.publicUrl),
      timeZone: hall.timezone,
      priorityClasses: deps.repos.halls.rules(hallId).priorityClasses,
    });
    const fault: PrinterFault | null = outcome.ok
      ? null
      : { ...outcome.fault, at: deps.clock(), ticketNumber: ticket.number };
    if (chosen.device) deps.notifyPrinterFault(chosen.device, fault);
    else deps.printers.defaultPrinted(hallId, fault);
    if (fault) throw new DomainError('PRINTER_FAULT', { detail: fault.message });
    return { printed: true };
  });
}

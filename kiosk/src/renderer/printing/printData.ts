// The printed ticket's content from what the server acknowledged (the server's figures, never
// our own estimates).
import type { IssuedTicket } from '@hall/shared/contracts/entities';
import type { KioskSnapshot } from '@hall/shared/contracts/frames';
import { appointmentSlotText, type TicketPrintData } from '@hall/shared/ticketPrintData';

export function statusUrl(origin: string, statusPath: string): string {
  return new URL(statusPath, origin.endsWith('/') ? origin : `${origin}/`).toString();
}

export function toPrintData(
  issued: IssuedTicket,
  snapshot: KioskSnapshot | null,
  origin: string,
): TicketPrintData {
  const priority = snapshot?.rules.priorityClasses.find((c) => c.id === issued.ticket.priorityClass) ?? null;
  return {
    hallName: issued.hallName,
    serviceNameZh: issued.serviceNameZh,
    serviceNameEn: issued.serviceNameEn,
    number: issued.ticket.number,
    priorityClass: issued.ticket.priorityClass,
    priorityNameZh: priority?.nameZh ?? null,
    priorityNameEn: priority?.nameEn ?? null,
    proxy: issued.ticket.proxy,
    peopleAhead: issued.peopleAhead,
    estimatedWaitMinutes: issued.estimatedWaitMinutes,
    outlook: issued.outlook,
    issuedAt: issued.ticket.issuedAt,
    timeZone: snapshot?.hall.timezone ?? 'Asia/Shanghai',
    statusUrl: statusUrl(origin, issued.statusPath),
    footer: issued.footer,
    windowsToWatch: issued.windowsToWatch,
    appointmentSlot: appointmentSlotText(issued.ticket, snapshot?.hall.timezone ?? 'Asia/Shanghai'),
  };
}

// What a printed ticket carries (the facts, not the layout): built from the server's ticket:issue
// answer by the kiosk and by the server. The layout on paper is @hall/printing's ticketLayout.
import { NORMAL_CLASS, type IssuedTicket, type PriorityClass, type QueueOutlook } from './contracts/entities';
import { clockTime } from './hallTime';

export interface TicketPrintData {
  hallName: string;
  serviceNameZh: string;
  serviceNameEn: string;
  number: string;
  priorityClass: string;
  /** Name of the priority class, e.g. '残疾人'; null for normal tickets. */
  priorityNameZh: string | null;
  /** English name of the priority class, e.g. 'Disabled'; optional. */
  priorityNameEn?: string | null;
  proxy: boolean;
  peopleAhead: number;
  estimatedWaitMinutes: number;
  /** Whether a window that serves the ticket is open (else the estimate is not "soon"). */
  outlook: QueueOutlook;
  /** Epoch milliseconds. */
  issuedAt: number;
  /** IANA zone of the hall, e.g. 'Asia/Shanghai'. */
  timeZone: string;
  /** Absolute URL of the ticket's live status page (encoded in the QR code). */
  statusUrl: string;
  footer: string;
  windowsToWatch: number[];
  /** Appointment tickets: the booked slot on the hall's clock, '09:00–09:30'. */
  appointmentSlot?: string | null;
}

/** The booked slot of an appointment ticket as printed and shown, '09:00–09:30'; null for walk-ins. */
export function appointmentSlotText(
  ticket: { slotStart?: number | null; slotEnd?: number | null },
  timeZone: string,
): string | null {
  if (ticket.slotStart == null || ticket.slotEnd == null) return null;
  return `${clockTime(ticket.slotStart, timeZone)}–${clockTime(ticket.slotEnd, timeZone)}`;
}

export interface TicketPrintContext {
  /** Origin the visitor's phone can reach, e.g. 'http://192.168.1.10:8080'; the QR code points there. */
  statusOrigin: string;
  /** The hall's IANA time zone (Hall.timezone). */
  timeZone: string;
  priorityClasses: readonly PriorityClass[];
}

/** What the server's ticket:issue answer becomes on paper (used by the kiosk and by the server). */
export function ticketPrintDataFrom(issued: IssuedTicket, context: TicketPrintContext): TicketPrintData {
  const { ticket } = issued;
  const priority = context.priorityClasses.find((c) => c.id === ticket.priorityClass);
  return {
    hallName: issued.hallName,
    serviceNameZh: issued.serviceNameZh,
    serviceNameEn: issued.serviceNameEn,
    number: ticket.number,
    priorityClass: ticket.priorityClass,
    priorityNameZh: ticket.priorityClass === NORMAL_CLASS ? null : (priority?.nameZh ?? null),
    priorityNameEn: ticket.priorityClass === NORMAL_CLASS ? null : (priority?.nameEn ?? null),
    proxy: ticket.proxy,
    peopleAhead: issued.peopleAhead,
    estimatedWaitMinutes: issued.estimatedWaitMinutes,
    outlook: issued.outlook,
    issuedAt: ticket.issuedAt,
    timeZone: context.timeZone,
    statusUrl: new URL(issued.statusPath, context.statusOrigin).href,
    footer: issued.footer,
    windowsToWatch: issued.windowsToWatch,
    appointmentSlot: appointmentSlotText(ticket, context.timeZone),
  };
}

// Queue entries ("legs") from ticket rows and their events. A visitor is one chain of tickets linked
// by transfers: a transfer closes one ticket and opens a waiting leg for another service, on the same
// business day. A leg waits from entering the queue (issue, or the transfer into it) to its first
// call (recalls do not restart it); a served leg's service runs from "start serving" to "done".
import type { ReportCallRow, ReportDoneRow, ReportTicketRow } from '../reportInput';

export interface Leg {
  ticket: ReportTicketRow;
  /** The visitor's first ticket (not a transfer leg). */
  isTicket: boolean;
  firstCall: ReportCallRow | null;
  waitMs: number | null;
  serviceMs: number | null;
  /** Done by a relative: proxy ticket or proxy finish mark. */
  proxy: boolean;
  assistedPayment: boolean;
  /** Whether the window was an elderly window when the leg was finished, when the event recorded it. */
  elderlyWindowRecorded: boolean | null;
}

/** `tickets` must hold every ticket of the days covered, so a transfer leg finds its parent. */
export function deriveLegs(
  tickets: readonly ReportTicketRow[],
  calls: readonly ReportCallRow[],
  dones: readonly ReportDoneRow[],
): Leg[] {
  const ticketById = new Map(tickets.map((t) => [t.id, t]));
  const firstCallOf = new Map<number, ReportCallRow>();
  for (const call of calls) {
    const seen = firstCallOf.get(call.ticketId);
    if (!seen || call.at < seen.at) firstCallOf.set(call.ticketId, call);
  }
  const doneOf = new Map(dones.map((d) => [d.ticketId, d]));
  return tickets.map((ticket) => {
    const isTicket = ticket.transferredFromId === null;
    const parent = isTicket ? undefined : ticketById.get(ticket.transferredFromId!);
    // A transfer leg enters its queue when the previous leg was closed by the transfer.
    const enteredAt = isTicket ? ticket.issuedAt : (parent?.finishedAt ?? ticket.issuedAt);
    const firstCall = firstCallOf.get(ticket.id) ?? null;
    const done = ticket.state === 'done';
    return {
      ticket,
      isTicket,
      firstCall,
      waitMs: firstCall ? Math.max(0, firstCall.at - enteredAt) : null,
      serviceMs:
        done && ticket.servingAt !== null && ticket.finishedAt !== null
          ? ticket.finishedAt - ticket.servingAt
          : null,
      proxy: ticket.proxy || ticket.marks?.proxy === true,
      assistedPayment: ticket.marks?.assistedPayment === true,
      elderlyWindowRecorded: doneOf.get(ticket.id)?.elderlyWindow ?? null,
    };
  });
}

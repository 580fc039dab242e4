// Small pure helpers for what the screens show.
import type { CallRecord, HallWindow, TicketView } from '@hall/shared/contracts/entities';

/** The ticket a window has called or is serving now (the newest, if data is briefly inconsistent). */
export function currentTicketAt(window: HallWindow, tickets: readonly TicketView[]): TicketView | null {
  const here = tickets.filter(
    (t) => t.windowId === window.id && (t.state === 'called' || t.state === 'serving'),
  );
  if (here.length === 0) return null;
  return here.reduce((a, b) => ((b.calledAt ?? 0) > (a.calledAt ?? 0) ? b : a));
}

/** The missed-call list: the calls after the newest, without repeating a number shown above it. */
export function missedCalls(recent: readonly CallRecord[], limit: number): CallRecord[] {
  const [newest, ...rest] = recent;
  const seen = new Set(newest ? [newest.ticketId] : []);
  const out: CallRecord[] = [];
  for (const call of rest) {
    if (seen.has(call.ticketId)) continue;
    seen.add(call.ticketId);
    out.push(call);
    if (out.length === limit) break;
  }
  return out;
}

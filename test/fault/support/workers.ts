// Load generators for the fault tests: a kiosk issuing tickets and window staff working through
// the queue, each remembering which states every ticket may be in given the acknowledgements it
// got (an unacknowledged command may or may not have been saved when the fault hit).
import type { IssuedTicket, TicketState, TicketView } from '@hall/shared/contracts/entities';
import type { Result } from '@hall/shared/contracts/errors';
import { emitAck, newRequestId, type TestSocket } from '../../support/clients';

export interface Ledger {
  /** Allowed states per acknowledged ticket id. */
  allowed: Map<number, Set<TicketState>>;
  /** Issue requests never acknowledged (retry them with the same id after recovery). */
  unackedIssues: Set<string>;
  /** Windows whose call-next went out without an answer: one waiting ticket may now be called there. */
  lostCalls: Set<number>;
  acked: number;
}

export const newLedger = (): Ledger => ({
  allowed: new Map(),
  unackedIssues: new Set(),
  lostCalls: new Set(),
  acked: 0,
});

const pause = (ms: number) => new Promise((wake) => setTimeout(wake, ms));

/** Runs `command`, recording the states the ticket may be in whatever happens to the answer. */
async function tracked(
  ledger: Ledger,
  ticket: TicketView,
  to: TicketState,
  command: () => Promise<Result<TicketView>>,
): Promise<TicketView | 'lost'> {
  const from = ticket.state;
  ledger.allowed.set(ticket.id, new Set([from, to]));
  let result: Result<TicketView>;
  try {
    result = await command();
  } catch {
    return 'lost';
  }
  ledger.acked += 1;
  if (!result.ok) throw new Error(`${to} refused for ticket ${ticket.id}: ${result.error.code}`);
  ledger.allowed.set(ticket.id, new Set([to]));
  return result.data;
}

/** Issues tickets (several in flight at once) until `stop()` is true or the socket fails. */
export async function issueLoop(
  kiosk: TestSocket,
  serviceIds: number[],
  ledger: Ledger,
  stop: () => boolean,
): Promise<void> {
  let i = 0;
  const lane = async () => {
    while (!stop()) {
      const requestId = newRequestId();
      const serviceId = serviceIds[i++ % serviceIds.length]!;
      ledger.unackedIssues.add(requestId);
      let r: Result<IssuedTicket>;
      try {
        r = await emitAck<IssuedTicket>(kiosk, 'ticket:issue', {
          requestId,
          serviceId,
          priorityClass: i % 4 ? 'normal' : 'elderly',
        });
      } catch {
        return;
      }
      ledger.unackedIssues.delete(requestId);
      ledger.acked += 1;
      if (!r.ok) throw new Error(`issue refused: ${r.error.code}`);
      // A window may have called this ticket in the same group commit, and that answer (on another
      // socket) may have been read first: the ticket's later state stands.
      if (!ledger.allowed.has(r.data.ticket.id)) ledger.allowed.set(r.data.ticket.id, new Set(['waiting']));
      await pause(5);
    }
  };
  await Promise.all([lane(), lane(), lane()]);
}

/** A window working the queue: call, then start and finish, or mark a no-show. */
export async function counterLoop(
  staff: TestSocket,
  windowId: number,
  ledger: Ledger,
  stop: () => boolean,
): Promise<void> {
  let current: TicketView | null;
  try {
    const now = await emitAck<{ ticket: TicketView | null }>(staff, 'counter:current');
    current = now.ok ? now.data.ticket : null;
    // A window may hold a ticket whose call was never answered before the fault: now it is known.
    if (current) ledger.allowed.set(current.id, new Set([current.state]));
  } catch {
    return;
  }
  let turn = 0;
  while (!stop()) {
    turn += 1;
    let next: TicketView | null | 'lost';
    if (!current) {
      let r: Result<TicketView>;
      try {
        r = await emitAck<TicketView>(staff, 'counter:callNext');
      } catch {
        ledger.lostCalls.add(windowId);
        return;
      }
      ledger.acked += 1;
      if (!r.ok) {
        if (r.error.code !== 'QUEUE_EMPTY') throw new Error(`call-next refused: ${r.error.code}`);
        await pause(20);
        continue;
      }
      ledger.allowed.set(r.data.id, new Set(['called']));
      next = r.data;
    } else if (current.state === 'called' && turn % 4 === 0) {
      next = await tracked(ledger, current, 'no_show', () =>
        emitAck(staff, 'counter:noShow', { ticketId: current!.id }),
      );
      if (next !== 'lost') next = null;
    } else if (current.state === 'called') {
      next = await tracked(ledger, current, 'serving', () =>
        emitAck(staff, 'counter:start', { ticketId: current!.id }),
      );
    } else {
      next = await tracked(ledger, current, 'done', () =>
        emitAck(staff, 'counter:finish', { ticketId: current!.id }),
      );
      if (next !== 'lost') next = null;
    }
    if (next === 'lost') return;
    current = next;
  }
}

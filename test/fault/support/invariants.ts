// Checks straight on the SQLite file that the queue is in a legal state: no ticket at two windows,
// no called ticket without its window, numbering with no gap or duplicate, and every ticket's
// event history a legal walk through the state machine ending in the state the row shows.
import type Database from 'better-sqlite3';
import type { TicketState } from '@hall/shared/contracts/entities';
import { transition, type TicketAction } from '@hall/shared/queue/stateMachine';

const ACTION_BY_EVENT: Record<string, TicketAction> = {
  called: 'call',
  called_specific: 'call',
  recalled: 'recall',
  serving: 'start',
  done: 'finish',
  no_show: 'noShow',
  requeued: 'requeue',
  transferred: 'transfer',
  cancelled: 'cancel',
};

const STATES = ['waiting', 'called', 'serving', 'done', 'no_show', 'transferred', 'cancelled'];

function rows<T>(db: Database.Database, sql: string): T[] {
  return db.prepare(sql).all() as T[];
}

function windowProblems(db: Database.Database): string[] {
  const problems: string[] = [];
  for (const r of rows<{ id: number; n: number }>(
    db,
    'SELECT current_ticket_id AS id, COUNT(*) AS n FROM windows WHERE current_ticket_id IS NOT NULL GROUP BY current_ticket_id HAVING n > 1',
  )) {
    problems.push(`ticket ${r.id} is current at ${r.n} windows`);
  }
  for (const r of rows<{ id: number; state: string }>(
    db,
    "SELECT id, state FROM tickets WHERE state IN ('called','serving') AND window_id IS NULL",
  )) {
    problems.push(`ticket ${r.id} is ${r.state} without a window`);
  }
  for (const r of rows<{ id: number; w: number; current: number | null }>(
    db,
    `SELECT t.id, w.number AS w, w.current_ticket_id AS current FROM tickets t JOIN windows w ON w.id = t.window_id
      WHERE t.state IN ('called','serving') AND (w.current_ticket_id IS NULL OR w.current_ticket_id != t.id)`,
  )) {
    problems.push(`ticket ${r.id} is called at window ${r.w}, whose current ticket is ${r.current}`);
  }
  return problems;
}

function numberingProblems(db: Database.Database): string[] {
  const problems: string[] = [];
  // Transferred copies keep their original number, so only first issues form the sequence.
  const groups = rows<{ service_id: number; business_day: string; seqs: string; last: number | null }>(
    db,
    `SELECT t.service_id, t.business_day, GROUP_CONCAT(t.sequence) AS seqs,
            (SELECT last_sequence FROM ticket_sequences s
              WHERE s.hall_id = t.hall_id AND s.service_id = t.service_id AND s.business_day = t.business_day) AS last
       FROM tickets t WHERE t.source != 'transfer' GROUP BY t.hall_id, t.service_id, t.business_day`,
  );
  for (const g of groups) {
    const seqs = g.seqs
      .split(',')
      .map(Number)
      .sort((a, b) => a - b);
    const expected = seqs.map((_, i) => i + 1);
    if (seqs.join() !== expected.join())
      problems.push(`service ${g.service_id} ${g.business_day}: sequences ${seqs.join()}`);
    if (g.last !== seqs.length)
      problems.push(`service ${g.service_id}: counter ${g.last}, tickets ${seqs.length}`);
  }
  return problems;
}

function historyProblems(db: Database.Database): string[] {
  const problems: string[] = [];
  const tickets = rows<{ id: number; state: string; source: string }>(
    db,
    'SELECT id, state, source FROM tickets',
  );
  const events = rows<{ ticket_id: number; type: string }>(
    db,
    'SELECT ticket_id, type FROM events WHERE ticket_id IS NOT NULL ORDER BY id',
  );
  const byTicket = new Map<number, string[]>();
  for (const e of events) byTicket.set(e.ticket_id, [...(byTicket.get(e.ticket_id) ?? []), e.type]);
  for (const t of tickets) {
    if (!STATES.includes(t.state)) problems.push(`ticket ${t.id} in unknown state ${t.state}`);
    const history = byTicket.get(t.id) ?? [];
    // A transfer creates the new waiting ticket without an 'issued' event of its own.
    if (t.source !== 'transfer' && history[0] !== 'issued')
      problems.push(`ticket ${t.id} has no issued event`);
    let state: TicketState = 'waiting';
    for (const type of history) {
      if (type === 'issued') continue;
      const action = ACTION_BY_EVENT[type];
      if (!action) continue;
      const step = transition(state, action);
      if (!step.ok) {
        problems.push(`ticket ${t.id}: illegal ${type} from ${state}`);
        break;
      }
      state = step.to;
    }
    if (state !== t.state) problems.push(`ticket ${t.id}: events end in ${state}, row says ${t.state}`);
  }
  return problems;
}

/** Every broken invariant, as readable lines; an empty list means the queue is legal. */
export function queueProblems(db: Database.Database): string[] {
  return [...windowProblems(db), ...numberingProblems(db), ...historyProblems(db)];
}

export interface StoredTicketRow {
  id: number;
  service_id: number;
  sequence: number;
  number: string;
  state: TicketState;
  window_id: number | null;
  request_id: string | null;
  status_token: string;
}

export function allTickets(db: Database.Database): StoredTicketRow[] {
  return rows<StoredTicketRow>(
    db,
    'SELECT id, service_id, sequence, number, state, window_id, request_id, status_token FROM tickets ORDER BY id',
  );
}

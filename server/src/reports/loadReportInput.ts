// Reads the rows a report needs from SQLite: the tickets of the business days in range, their
// `called` and `done` events, completed home visits, and the names to label groups with.
import type { FinishMarks, TicketState } from '@hall/shared/contracts/entities';
import { DomainError } from '@hall/shared/contracts/errors';
import type { Repositories } from '../repositories';
import type {
  ReportCallRow,
  ReportDoneRow,
  ReportHomeVisitRow,
  ReportInput,
  ReportTicketRow,
} from './reportInput';

export interface ReportQuery {
  from: string;
  to: string;
  hallId: number | null;
}

/** A year of a busy hall is a few hundred thousand rows: fine in memory, and bounded here. */
const MAX_DAYS = 366;

function isRealDay(day: string): boolean {
  const date = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === day;
}

export function checkRange(query: ReportQuery): void {
  if (!isRealDay(query.from) || !isRealDay(query.to)) {
    throw new DomainError('VALIDATION_FAILED', { detail: 'from/to: not a calendar day' });
  }
  if (query.from > query.to) throw new DomainError('VALIDATION_FAILED', { detail: 'from is after to' });
  const days = (Date.parse(`${query.to}T00:00:00Z`) - Date.parse(`${query.from}T00:00:00Z`)) / 86_400_000 + 1;
  if (days > MAX_DAYS) throw new DomainError('VALIDATION_FAILED', { detail: `range over ${MAX_DAYS} days` });
}

interface TicketSqlRow {
  id: number;
  hall_id: number;
  service_id: number;
  business_day: string;
  priority_class: string;
  proxy: number;
  state: string;
  issued_at: number;
  serving_at: number | null;
  finished_at: number | null;
  window_id: number | null;
  staff_id: number | null;
  marks_json: string | null;
  transferred_from_id: number | null;
}

interface EventSqlRow {
  ticket_id: number;
  type: string;
  at: number;
  window_id: number | null;
  staff_id: number | null;
  payload_json: string;
}

interface VisitSqlRow {
  id: number;
  hall_id: number;
  service_id: number;
  completed_at: number;
  document_delivered: number;
  assisted_payment: number;
}

export function loadReportInput(repos: Repositories, query: ReportQuery): ReportInput {
  checkRange(query);
  const halls =
    query.hallId === null ? repos.halls.list() : [repos.halls.find(query.hallId)].filter((h) => h !== null);
  if (halls.length === 0 && query.hallId !== null) throw new DomainError('HALL_NOT_FOUND');
  const { db } = repos;
  const ticketStmt = db.prepare<[number, string, string], TicketSqlRow>(
    `SELECT id, hall_id, service_id, business_day, priority_class, proxy, state, issued_at, serving_at, finished_at,
            window_id, staff_id, marks_json, transferred_from_id
       FROM tickets WHERE hall_id = ? AND business_day BETWEEN ? AND ?`,
  );
  const eventStmt = db.prepare<[number, string, string], EventSqlRow>(
    `SELECT e.ticket_id, e.type, e.at, e.window_id, e.staff_id, e.payload_json
       FROM events e JOIN tickets t ON t.id = e.ticket_id
      WHERE t.hall_id = ? AND t.business_day BETWEEN ? AND ? AND e.type IN ('called', 'called_specific', 'done')`,
  );
  const visitStmt = db.prepare<[number], VisitSqlRow>(
    `SELECT id, hall_id, service_id, completed_at, document_delivered, assisted_payment
       FROM home_visits WHERE hall_id = ? AND status = 'done' AND completed_at IS NOT NULL`,
  );

  const input: ReportInput = {
    from: query.from,
    to: query.to,
    hallId: query.hallId,
    halls: [],
    services: [],
    windows: [],
    staff: [],
    tickets: [],
    calls: [],
    dones: [],
    homeVisits: [],
  };
  for (const hall of halls) {
    input.halls.push({
      id: hall.id,
      name: hall.name,
      timezone: hall.timezone,
      priorityClasses: repos.halls.rules(hall.id).priorityClasses,
    });
    input.services.push(...repos.services.list(hall.id));
    input.windows.push(...repos.windows.list(hall.id));
    input.staff.push(...repos.staff.list(hall.id).map((s) => ({ id: s.id, name: s.name })));
    for (const r of ticketStmt.all(hall.id, query.from, query.to)) input.tickets.push(toTicketRow(r));
    for (const e of eventStmt.all(hall.id, query.from, query.to)) {
      if (e.type === 'done') input.dones.push(toDoneRow(e));
      else input.calls.push(toCallRow(e));
    }
    for (const v of visitStmt.all(hall.id)) input.homeVisits.push(toVisitRow(v));
  }
  return input;
}

const toTicketRow = (r: TicketSqlRow): ReportTicketRow => ({
  id: r.id,
  hallId: r.hall_id,
  serviceId: r.service_id,
  businessDay: r.business_day,
  priorityClass: r.priority_class,
  proxy: r.proxy === 1,
  state: r.state as TicketState,
  issuedAt: r.issued_at,
  servingAt: r.serving_at,
  finishedAt: r.finished_at,
  windowId: r.window_id,
  staffId: r.staff_id,
  marks: r.marks_json ? (JSON.parse(r.marks_json) as FinishMarks) : null,
  transferredFromId: r.transferred_from_id,
});

const toCallRow = (e: EventSqlRow): ReportCallRow => ({
  ticketId: e.ticket_id,
  at: e.at,
  windowId: e.window_id,
  staffId: e.staff_id,
});

function toDoneRow(e: EventSqlRow): ReportDoneRow {
  const payload = JSON.parse(e.payload_json) as { elderlyWindow?: unknown };
  return {
    ticketId: e.ticket_id,
    windowId: e.window_id,
    elderlyWindow: typeof payload.elderlyWindow === 'boolean' ? payload.elderlyWindow : null,
  };
}

const toVisitRow = (v: VisitSqlRow): ReportHomeVisitRow => ({
  id: v.id,
  hallId: v.hall_id,
  serviceId: v.service_id,
  completedAt: v.completed_at,
  documentDelivered: v.document_delivered === 1,
  assistedPayment: v.assisted_payment === 1,
});

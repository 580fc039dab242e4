// Reads the rows reports are computed from: the tickets of a hall's business days (with their
// rating, 好差评), their `called`
// and `done` events, completed home visits, and the names groups are labelled with. Statements are
// prepared once, so the report worker can read a day at a time for hundreds of days.
import type { FinishMarks, TicketSource, TicketState } from '@hall/shared/contracts/entities';
import type { RatingLevel } from '@hall/shared/contracts/ratings';
import type { Db } from '../core/db/database';
import type { Repositories } from '../repositories';
import type { ReportLookups } from './reportAssembler';
import type {
  ReportAppointmentRow,
  ReportCallRow,
  ReportDoneRow,
  ReportHomeVisitRow,
  ReportInput,
  ReportTicketRow,
} from './reportInput';

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
  source: string;
  slot_start: number | null;
  rating_level: string | null;
  rated: number;
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

export type PeriodRows = Pick<ReportInput, 'tickets' | 'calls' | 'dones' | 'appointments'>;

export function createReportRowReader(
  db: Db,
  repos: Pick<Repositories, 'halls' | 'services' | 'windows' | 'staff'>,
) {
  const ticketStmt = db.prepare<[number, string, string], TicketSqlRow>(
    `SELECT t.id, t.hall_id, t.service_id, t.business_day, t.priority_class, t.proxy, t.state, t.issued_at,
            t.serving_at, t.finished_at, t.window_id, t.staff_id, t.marks_json, t.transferred_from_id, t.source,
            t.slot_start, r.level AS rating_level, r.id IS NOT NULL AS rated
       FROM tickets t LEFT JOIN ratings r ON r.ticket_id = t.id
      WHERE t.hall_id = ? AND t.business_day BETWEEN ? AND ?`,
  );
  const appointmentStmt = db.prepare<
    [number, string, string],
    {
      id: number;
      hall_id: number;
      service_id: number;
      slot_day: string;
      status: ReportAppointmentRow['status'];
    }
  >(
    `SELECT id, hall_id, service_id, slot_day, status FROM appointments
      WHERE hall_id = ? AND slot_day BETWEEN ? AND ?`,
  );
  const appointmentDays = db.prepare<[number], { slot_day: string }>(
    'SELECT DISTINCT slot_day FROM appointments WHERE hall_id = ?',
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

  return {
    /** The halls (those that exist) and the names to label their groups with. */
    lookups(hallIds: readonly number[]): ReportLookups {
      const lookups: ReportLookups = { halls: [], services: [], windows: [], staff: [] };
      for (const id of hallIds) {
        const hall = repos.halls.find(id);
        if (!hall) continue;
        lookups.halls.push({
          id: hall.id,
          name: hall.name,
          timezone: hall.timezone,
          priorityClasses: repos.halls.rules(hall.id).priorityClasses,
        });
        lookups.services.push(...repos.services.list(hall.id));
        lookups.windows.push(...repos.windows.list(hall.id));
        lookups.staff.push(...repos.staff.list(hall.id).map((s) => ({ id: s.id, name: s.name })));
      }
      return lookups;
    },

    /** Tickets of the hall's business days from..to, and their call and done events. */
    periodRows(hallId: number, from: string, to: string): PeriodRows {
      const rows: PeriodRows = { tickets: [], calls: [], dones: [], appointments: [] };
      for (const r of ticketStmt.iterate(hallId, from, to)) rows.tickets.push(toTicketRow(r));
      for (const a of appointmentStmt.iterate(hallId, from, to)) {
        rows.appointments.push({
          id: a.id,
          hallId: a.hall_id,
          serviceId: a.service_id,
          slotDay: a.slot_day,
          status: a.status,
        });
      }
      for (const e of eventStmt.iterate(hallId, from, to)) {
        if (e.type === 'done') rows.dones.push(toDoneRow(e));
        else rows.calls.push(toCallRow(e));
      }
      return rows;
    },

    /** Days on which the hall has bookings (their slots). */
    appointmentDays(hallId: number): string[] {
      return appointmentDays.all(hallId).map((r) => r.slot_day);
    },

    /** Completed home visits of the hall (a few per day at most); callers pick the days. */
    homeVisits(hallId: number): ReportHomeVisitRow[] {
      return visitStmt.all(hallId).map(toVisitRow);
    },
  };
}
export type ReportRowReader = ReturnType<typeof createReportRowReader>;

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
  source: r.source as TicketSource,
  slotStart: r.slot_start,
  rating: r.rated ? ((r.rating_level as RatingLevel | null) ?? 'unanswered') : null,
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

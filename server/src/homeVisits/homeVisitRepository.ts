// The home-visit register (上门办): requests for people who cannot come to the hall.
import type { HomeVisit, HomeVisitStatus } from '@hall/shared/contracts/admin';
import type { Db } from '../core/db/database';

interface HomeVisitRow {
  id: number;
  hall_id: number;
  person_name: string;
  masked_id_number: string | null;
  phone: string;
  address: string;
  service_id: number;
  reason: HomeVisit['reason'];
  requested_date: string;
  status: HomeVisitStatus;
  scheduled_date: string | null;
  officer_id: number | null;
  completed_at: number | null;
  document_delivered: number;
  assisted_payment: number;
  cancel_reason: string | null;
  notes: string | null;
  created_at: number;
}

const toVisit = (r: HomeVisitRow): HomeVisit => ({
  id: r.id,
  hallId: r.hall_id,
  personName: r.person_name,
  maskedIdNumber: r.masked_id_number,
  phone: r.phone,
  address: r.address,
  serviceId: r.service_id,
  reason: r.reason,
  requestedDate: r.requested_date,
  status: r.status,
  scheduledDate: r.scheduled_date,
  officerId: r.officer_id,
  completedAt: r.completed_at,
  documentDelivered: r.document_delivered === 1,
  assistedPayment: r.assisted_payment === 1,
  cancelReason: r.cancel_reason,
  notes: r.notes,
  createdAt: r.created_at,
});

export interface HomeVisitFilter {
  status: HomeVisitStatus | null;
  /** Requested date range, inclusive ('YYYY-MM-DD'). */
  from: string | null;
  to: string | null;
}

export function createHomeVisitRepository(db: Db) {
  const byId = db.prepare<[number, number], HomeVisitRow>(
    'SELECT * FROM home_visits WHERE id = ? AND hall_id = ?',
  );
  return {
    find(hallId: number, id: number): HomeVisit | null {
      const r = byId.get(id, hallId);
      return r ? toVisit(r) : null;
    },
    list(hallId: number, filter: HomeVisitFilter): HomeVisit[] {
      const rows = db
        .prepare(
          `SELECT * FROM home_visits
            WHERE hall_id = @hallId
              AND (@status IS NULL OR status = @status)
              AND (@from IS NULL OR requested_date >= @from)
              AND (@to IS NULL OR requested_date <= @to)
            ORDER BY requested_date DESC, id DESC LIMIT 1000`,
        )
        .all({ hallId, ...filter }) as HomeVisitRow[];
      return rows.map(toVisit);
    },
    insert(v: Omit<HomeVisit, 'id'>): number {
      return Number(
        db
          .prepare(
            `INSERT INTO home_visits (hall_id, person_name, masked_id_number, phone, address, service_id, reason,
               requested_date, status, scheduled_date, officer_id, completed_at, document_delivered, assisted_payment,
               cancel_reason, notes, created_at)
             VALUES (@hallId, @personName, @maskedIdNumber, @phone, @address, @serviceId, @reason, @requestedDate,
               @status, @scheduledDate, @officerId, @completedAt, @documentDelivered, @assistedPayment, @cancelReason,
               @notes, @createdAt)`,
          )
          .run({
            ...v,
            documentDelivered: v.documentDelivered ? 1 : 0,
            assistedPayment: v.assistedPayment ? 1 : 0,
          }).lastInsertRowid,
      );
    },
    /** Writes the new state only if the visit is still in `expected` (two admins cannot both move it). */
    save(v: HomeVisit, expected: HomeVisitStatus): boolean {
      return (
        db
          .prepare(
            `UPDATE home_visits SET status = @status, scheduled_date = @scheduledDate, officer_id = @officerId,
               completed_at = @completedAt, document_delivered = @documentDelivered, assisted_payment = @assistedPayment,
               cancel_reason = @cancelReason, notes = @notes
             WHERE id = @id AND hall_id = @hallId AND status = @expected`,
          )
          .run({
            ...v,
            documentDelivered: v.documentDelivered ? 1 : 0,
            assistedPayment: v.assistedPayment ? 1 : 0,
            expected,
          }).changes === 1
      );
    },
  };
}
export type HomeVisitRepository = ReturnType<typeof createHomeVisitRepository>;

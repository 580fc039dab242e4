// The home-visit register (上门办): requests for people who cannot come to the hall. The person's
// name, phone, address, masked ID, notes and cancel reason are sealed field by field (AES-256-GCM,
// core/crypto); the phone and the ID number are also kept as keyed hashes so a person's records can
// be found without storing either in the clear. Counts (status, dates, delivered, paid) stay plain:
// reports need them, and clearing the personal fields never touches them.
import type { HomeVisit, HomeVisitStatus } from '@hall/shared/contracts/admin';
import type { HomeVisitPersonal } from '@hall/shared/contracts/privacy';
import { districtOf, maskName, maskPhone, normalizePhone } from '@hall/shared/privacy/masking';
import type { Db } from '../core/db/database';
import type { FieldCipher } from '../core/crypto/fieldCipher';
import type { SealedTable } from '../privacy/sealedTable';

/** The sealed columns of home_visits, for the start-up upgrade and key rotation. */
export const HOME_VISIT_SEALED: SealedTable = {
  table: 'home_visits',
  columns: ['person_name', 'phone', 'address', 'masked_id_number', 'notes', 'cancel_reason'],
  // The ID number itself is never stored, so its index cannot be recomputed: it keeps its key id.
  indexes: [
    { column: 'phone_index', kind: 'phone', source: 'phone', normalize: normalizePhone },
    { column: 'id_index', kind: 'id_number', source: null, normalize: (v) => v },
  ],
  clearedAtColumn: 'personal_cleared_at',
};

/** A home visit with its personal fields opened: server-side only, never sent as is. */
export interface StoredHomeVisit extends HomeVisitPersonal {
  id: number;
  hallId: number;
  serviceId: number;
  reason: HomeVisit['reason'];
  requestedDate: string;
  status: HomeVisitStatus;
  scheduledDate: string | null;
  officerId: number | null;
  completedAt: number | null;
  documentDelivered: boolean;
  assistedPayment: boolean;
  createdAt: number;
  /** When it was completed or cancelled: retention counts from here. */
  closedAt: number | null;
  personalClearedAt: number | null;
}

export type NewHomeVisit = Omit<StoredHomeVisit, 'id'> & { idNumber: string | null };

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
  closed_at: number | null;
  personal_cleared_at: number | null;
}

const context = (column: string) => `home_visits.${column}`;

/** The list form: masked, so a list on a screen or in a photo of it shows nobody's details. */
export function toListedVisit(v: StoredHomeVisit): HomeVisit {
  return {
    id: v.id,
    hallId: v.hallId,
    maskedName: maskName(v.personName),
    maskedPhone: maskPhone(v.phone),
    district: districtOf(v.address),
    maskedIdNumber: v.maskedIdNumber,
    serviceId: v.serviceId,
    reason: v.reason,
    requestedDate: v.requestedDate,
    status: v.status,
    scheduledDate: v.scheduledDate,
    officerId: v.officerId,
    completedAt: v.completedAt,
    documentDelivered: v.documentDelivered,
    assistedPayment: v.assistedPayment,
    cancelReason: v.cancelReason,
    hasNotes: v.notes !== null && v.notes !== '',
    personalClearedAt: v.personalClearedAt,
    createdAt: v.createdAt,
  };
}

export const toPersonal = (v: StoredHomeVisit): HomeVisitPersonal => ({
  personName: v.personName,
  phone: v.phone,
  address: v.address,
  maskedIdNumber: v.maskedIdNumber,
  notes: v.notes,
  cancelReason: v.cancelReason,
});

export interface HomeVisitFilter {
  status: HomeVisitStatus | null;
  /** Requested date range, inclusive ('YYYY-MM-DD'). */
  from: string | null;
  to: string | null;
}

export function createHomeVisitRepository(db: Db, cipher: FieldCipher) {
  const open = (column: string, value: string) => cipher.open(context(column), value);
  const openOptional = (column: string, value: string | null) => cipher.openOptional(context(column), value);
  const sealOptional = (column: string, value: string | null) => cipher.sealOptional(context(column), value);

  const toVisit = (r: HomeVisitRow): StoredHomeVisit => ({
    id: r.id,
    hallId: r.hall_id,
    personName: r.person_name === '' ? '' : open('person_name', r.person_name),
    phone: r.phone === '' ? '' : open('phone', r.phone),
    address: r.address === '' ? '' : open('address', r.address),
    maskedIdNumber: openOptional('masked_id_number', r.masked_id_number),
    notes: openOptional('notes', r.notes),
    cancelReason: openOptional('cancel_reason', r.cancel_reason),
    serviceId: r.service_id,
    reason: r.reason,
    requestedDate: r.requested_date,
    status: r.status,
    scheduledDate: r.scheduled_date,
    officerId: r.officer_id,
    completedAt: r.completed_at,
    documentDelivered: r.document_delivered === 1,
    assistedPayment: r.assisted_payment === 1,
    createdAt: r.created_at,
    closedAt: r.closed_at,
    personalClearedAt: r.personal_cleared_at,
  });

  const listRows = (hallId: number, filter: HomeVisitFilter, limit: number): HomeVisitRow[] =>
    db
      .prepare(
        `SELECT * FROM home_visits
          WHERE hall_id = @hallId
            AND (CAST(@status AS TEXT) IS NULL OR status = @status)
            AND (CAST(@from AS TEXT) IS NULL OR requested_date >= @from)
            AND (CAST(@to AS TEXT) IS NULL OR requested_date <= @to)
          ORDER BY requested_date DESC, id DESC LIMIT @limit`,
      )
      .all({ hallId, ...filter, limit }) as HomeVisitRow[];

  const byId = db.prepare<[number, number], HomeVisitRow>(
    'SELECT * FROM home_visits WHERE id = ? AND hall_id = ?',
  );
  const insertStmt = db.prepare(
    `INSERT INTO home_visits (hall_id, person_name, masked_id_number, phone, address, service_id, reason,
       requested_date, status, scheduled_date, officer_id, completed_at, document_delivered, assisted_payment,
       cancel_reason, notes, created_at, sealed, phone_index, id_index, closed_at, personal_cleared_at)
     VALUES (@hallId, @personName, @maskedIdNumber, @phone, @address, @serviceId, @reason, @requestedDate,
       @status, @scheduledDate, @officerId, @completedAt, @documentDelivered, @assistedPayment, @cancelReason,
       @notes, @createdAt, 1, @phoneIndex, @idIndex, @closedAt, NULL)`,
  );
  const saveStmt = db.prepare(
    `UPDATE home_visits SET status = @status, scheduled_date = @scheduledDate, officer_id = @officerId,
       completed_at = @completedAt, document_delivered = @documentDelivered, assisted_payment = @assistedPayment,
       cancel_reason = @cancelReason, notes = @notes, closed_at = @closedAt
     WHERE id = @id AND hall_id = @hallId AND status = @expected AND personal_cleared_at IS NULL`,
  );
  const clearStmt = db.prepare<[number, number, number]>(
    `UPDATE home_visits SET person_name = '', phone = '', address = '', masked_id_number = NULL, notes = NULL,
       cancel_reason = NULL, phone_index = NULL, id_index = NULL, personal_cleared_at = ?
     WHERE id = ? AND hall_id = ? AND personal_cleared_at IS NULL`,
  );

  return {
    find(hallId: number, id: number): StoredHomeVisit | null {
      const r = byId.get(id, hallId);
      return r ? toVisit(r) : null;
    },
    /** With every personal field opened: for exports and a person's copy. */
    list(hallId: number, filter: HomeVisitFilter, limit = 1000): StoredHomeVisit[] {
      return listRows(hallId, filter, limit).map(toVisit);
    },
    /**
     * The list form, opening only what it shows (the notes stay sealed): a list of 1,000 visits
     * must not hold up the calls.
     */
    listMasked(hallId: number, filter: HomeVisitFilter, limit = 1000): HomeVisit[] {
      return listRows(hallId, filter, limit).map((r) =>
        toListedVisit({
          ...toVisit({ ...r, notes: null }),
          notes: r.notes === null || r.notes === '' ? null : '…',
        }),
      );
    },
    insert(v: NewHomeVisit): number {
      return Number(
        insertStmt.run({
          hallId: v.hallId,
          personName: cipher.seal(context('person_name'), v.personName),
          maskedIdNumber: sealOptional('masked_id_number', v.maskedIdNumber),
          phone: cipher.seal(context('phone'), v.phone),
          address: cipher.seal(context('address'), v.address),
          serviceId: v.serviceId,
          reason: v.reason,
          requestedDate: v.requestedDate,
          status: v.status,
          scheduledDate: v.scheduledDate,
          officerId: v.officerId,
          completedAt: v.completedAt,
          documentDelivered: v.documentDelivered ? 1 : 0,
          assistedPayment: v.assistedPayment ? 1 : 0,
          cancelReason: sealOptional('cancel_reason', v.cancelReason),
          notes: sealOptional('notes', v.notes),
          createdAt: v.createdAt,
          phoneIndex: cipher.blindIndex('phone', normalizePhone(v.phone)),
          idIndex: v.idNumber ? cipher.blindIndex('id_number', v.idNumber) : null,
          closedAt: v.closedAt,
        }).lastInsertRowid,
      );
    },
    /**
     * Writes the new state only if the visit is still in `expected` (two admins cannot both move
     * it) and its personal fields were not cleared meanwhile.
     */
    save(v: StoredHomeVisit, expected: HomeVisitStatus): boolean {
      return (
        saveStmt.run({
          id: v.id,
          hallId: v.hallId,
          status: v.status,
          scheduledDate: v.scheduledDate,
          officerId: v.officerId,
          completedAt: v.completedAt,
          documentDelivered: v.documentDelivered ? 1 : 0,
          assistedPayment: v.assistedPayment ? 1 : 0,
          cancelReason: sealOptional('cancel_reason', v.cancelReason),
          notes: sealOptional('notes', v.notes),
          closedAt: v.closedAt,
          expected,
        }).changes === 1
      );
    },
    /** Visits whose phone or ID number hashes to one of these indexes (any key of the ring). */
    findByIndexes(hallId: number, indexes: string[]): StoredHomeVisit[] {
      if (indexes.length === 0) return [];
      const marks = indexes.map(() => '?').join(', ');
      const rows = db
        .prepare(
          `SELECT * FROM home_visits WHERE hall_id = ? AND (phone_index IN (${marks}) OR id_index IN (${marks}))
            ORDER BY id`,
        )
        .all(hallId, ...indexes, ...indexes) as HomeVisitRow[];
      return rows.map(toVisit);
    },
    /** Empties the personal fields (the row, its status and its counts stay). */
    clearPersonal(hallId: number, id: number, at: number): boolean {
      return clearStmt.run(at, id, hallId).changes === 1;
    },
    /** Visits closed (done or cancelled) before `before` whose personal fields are still kept. */
    closedBefore(hallId: number, before: number): number[] {
      return (
        db
          .prepare(
            `SELECT id FROM home_visits WHERE hall_id = ? AND closed_at < ? AND personal_cleared_at IS NULL
               AND status IN ('done', 'cancelled')`,
          )
          .all(hallId, before) as { id: number }[]
      ).map((r) => r.id);
    },
  };
}
export type HomeVisitRepository = ReturnType<typeof createHomeVisitRepository>;

// Bookings (预约). The visitor's name, phone and full ID number are sealed field by field
// (AES-256-GCM, core/crypto) with keyed hashes of the phone and the ID number, so a card swiped at
// the kiosk finds its booking and a person's records can be found, without either being readable in
// the database. The masked ID number is sealed too. Status, slot, code and times stay plain: check-in,
// capacity and reports need them, and clearing the personal fields never touches them.
import type {
  Appointment,
  AppointmentPersonal,
  AppointmentSource,
  AppointmentStatus,
} from '@hall/shared/contracts/appointments';
import { maskName, maskPhone, normalizePhone } from '@hall/shared/privacy/masking';
import type { Db } from '../core/db/database';
import type { FieldCipher } from '../core/crypto/fieldCipher';
import type { SealedTable } from '../privacy/sealedTable';

/** ID numbers are matched as typed or read: upper case, no spaces. */
export const normalizeIdNumber = (raw: string): string => raw.trim().toUpperCase();

/** The sealed columns of appointments, for the start-up upgrade and key rotation. */
export const APPOINTMENT_SEALED: SealedTable = {
  table: 'appointments',
  columns: ['person_name', 'phone', 'id_number', 'masked_id_number'],
  // The full ID number is kept (sealed) to match a card, so its index can be recomputed at rotation.
  indexes: [
    { column: 'phone_index', kind: 'phone', source: 'phone', normalize: normalizePhone },
    { column: 'id_index', kind: 'id_number', source: 'id_number', normalize: normalizeIdNumber },
  ],
  clearedAtColumn: 'personal_cleared_at',
};

/** A booking with its personal fields opened: server-side only, never sent as is. */
export interface StoredAppointment {
  id: number;
  hallId: number;
  serviceId: number;
  code: string;
  status: AppointmentStatus;
  source: AppointmentSource;
  slotDay: string;
  slotStart: number;
  slotEnd: number;
  personName: string;
  phone: string;
  idNumber: string;
  maskedIdNumber: string;
  externalRef: string | null;
  apiKeyId: number | null;
  createdBy: number | null;
  createdAt: number;
  checkedInAt: number | null;
  ticketId: number | null;
  cancelledAt: number | null;
  missedAt: number | null;
  personalClearedAt: number | null;
}

export type NewAppointment = Omit<StoredAppointment, 'id'>;

interface AppointmentRow {
  id: number;
  hall_id: number;
  service_id: number;
  code: string;
  status: AppointmentStatus;
  source: AppointmentSource;
  slot_day: string;
  slot_start: number;
  slot_end: number;
  person_name: string;
  phone: string;
  id_number: string;
  masked_id_number: string;
  external_ref: string | null;
  api_key_id: number | null;
  created_by: number | null;
  created_at: number;
  checked_in_at: number | null;
  ticket_id: number | null;
  cancelled_at: number | null;
  missed_at: number | null;
  personal_cleared_at: number | null;
  ticket_number?: string | null;
}

const context = (column: string) => `appointments.${column}`;

/** The list form: masked, so a list on a screen or in a photo of it shows nobody's details. */
export function toListedAppointment(a: StoredAppointment, ticketNumber: string | null): Appointment {
  return {
    id: a.id,
    hallId: a.hallId,
    serviceId: a.serviceId,
    code: a.code,
    status: a.status,
    source: a.source,
    slotDay: a.slotDay,
    slotStart: a.slotStart,
    slotEnd: a.slotEnd,
    maskedName: maskName(a.personName),
    maskedPhone: maskPhone(a.phone),
    maskedIdNumber: a.maskedIdNumber,
    externalRef: a.externalRef,
    createdAt: a.createdAt,
    checkedInAt: a.checkedInAt,
    ticketNumber,
    cancelledAt: a.cancelledAt,
    missedAt: a.missedAt,
    personalClearedAt: a.personalClearedAt,
  };
}

export const toAppointmentPersonal = (a: StoredAppointment): AppointmentPersonal => ({
  personName: a.personName,
  phone: a.phone,
  maskedIdNumber: a.maskedIdNumber,
});

/** Statuses that hold a place in their slot. */
const HOLDS_PLACE = "status IN ('booked', 'checked_in', 'missed')";

export function createAppointmentRepository(db: Db, cipher: FieldCipher) {
  const open = (column: string, value: string) => (value === '' ? '' : cipher.open(context(column), value));

  const toStored = (r: AppointmentRow): StoredAppointment => ({
    id: r.id,
    hallId: r.hall_id,
    serviceId: r.service_id,
    code: r.code,
    status: r.status,
    source: r.source,
    slotDay: r.slot_day,
    slotStart: r.slot_start,
    slotEnd: r.slot_end,
    personName: open('person_name', r.person_name),
    phone: open('phone', r.phone),
    idNumber: open('id_number', r.id_number),
    maskedIdNumber: open('masked_id_number', r.masked_id_number),
    externalRef: r.external_ref,
    apiKeyId: r.api_key_id,
    createdBy: r.created_by,
    createdAt: r.created_at,
    checkedInAt: r.checked_in_at,
    ticketId: r.ticket_id,
    cancelledAt: r.cancelled_at,
    missedAt: r.missed_at,
    personalClearedAt: r.personal_cleared_at,
  });
  const listed = (r: AppointmentRow): Appointment =>
    toListedAppointment(toStored(r), r.ticket_number ?? null);

  const withTicket = `SELECT a.*, t.number AS ticket_number FROM appointments a LEFT JOIN tickets t ON t.id = a.ticket_id`;
  const byId = db.prepare<[number, number], AppointmentRow>(`${withTicket} WHERE a.id = ? AND a.hall_id = ?`);
  const openByCode = db.prepare<[number, string], AppointmentRow>(
    "SELECT * FROM appointments WHERE hall_id = ? AND code = ? AND status = 'booked'",
  );
  const latestByCode = db.prepare<[number, string, string], AppointmentRow>(
    'SELECT * FROM appointments WHERE hall_id = ? AND code = ? AND slot_day >= ? ORDER BY slot_start DESC, id DESC LIMIT 1',
  );
  const byExternalRef = db.prepare<[number, string], AppointmentRow>(
    'SELECT * FROM appointments WHERE hall_id = ? AND external_ref = ?',
  );
  const codeTaken = db.prepare<[number, string], { one: number }>(
    "SELECT 1 AS one FROM appointments WHERE hall_id = ? AND code = ? AND status = 'booked'",
  );
  const slotCounts = db.prepare<[number, number, string], { slot_start: number; n: number }>(
    `SELECT slot_start, COUNT(*) AS n FROM appointments
      WHERE hall_id = ? AND service_id = ? AND slot_day = ? AND ${HOLDS_PLACE} GROUP BY slot_start`,
  );
  const dayList = db.prepare(
    `${withTicket} WHERE a.hall_id = @hallId AND a.slot_day = @day
       AND (CAST(@serviceId AS BIGINT) IS NULL OR a.service_id = @serviceId)
       AND (CAST(@status AS TEXT) IS NULL OR a.status = @status)
     ORDER BY a.slot_start, a.id`,
  );
  const insertStmt = db.prepare(
    `INSERT INTO appointments (hall_id, service_id, code, status, source, slot_day, slot_start, slot_end,
       person_name, phone, id_number, masked_id_number, phone_index, id_index, sealed, external_ref, api_key_id,
       created_by, created_at)
     VALUES (@hallId, @serviceId, @code, @status, @source, @slotDay, @slotStart, @slotEnd, @personName, @phone,
       @idNumber, @maskedIdNumber, @phoneIndex, @idIndex, 1, @externalRef, @apiKeyId, @createdBy, @createdAt)`,
  );
  const saveStmt = db.prepare(
    `UPDATE appointments SET status = @status, checked_in_at = @checkedInAt, ticket_id = @ticketId,
       cancelled_at = @cancelledAt, missed_at = @missedAt
     WHERE id = @id AND hall_id = @hallId AND status = @expected`,
  );
  const overdueStmt = db.prepare<[number, number], AppointmentRow>(
    "SELECT * FROM appointments WHERE hall_id = ? AND status = 'booked' AND slot_start < ? ORDER BY slot_start, id",
  );
  const clearStmt = db.prepare<[number, number, number]>(
    `UPDATE appointments SET person_name = '', phone = '', id_number = '', masked_id_number = '',
       phone_index = NULL, id_index = NULL, personal_cleared_at = ?
     WHERE id = ? AND hall_id = ? AND personal_cleared_at IS NULL`,
  );
  const dueForPurge = db.prepare<[number, number], { id: number }>(
    `SELECT id FROM appointments WHERE hall_id = ? AND slot_end < ? AND personal_cleared_at IS NULL
       AND status != 'booked'`,
  );

  function byIndexes(
    hallId: number,
    indexes: readonly string[],
    fromDay: string | null,
  ): StoredAppointment[] {
    if (indexes.length === 0) return [];
    const marks = indexes.map(() => '?').join(', ');
    const rows = db
      .prepare(
        `SELECT * FROM appointments WHERE hall_id = ? AND (phone_index IN (${marks}) OR id_index IN (${marks}))
           AND (CAST(? AS TEXT) IS NULL OR slot_day >= ?) ORDER BY slot_start, id`,
      )
      .all(hallId, ...indexes, ...indexes, fromDay, fromDay) as AppointmentRow[];
    return rows.map(toStored);
  }

  return {
    find(hallId: number, id: number): StoredAppointment | null {
      const r = byId.get(id, hallId);
      return r ? toStored(r) : null;
    },
    /** The list form of one booking, with its ticket's number once checked in. */
    listed(hallId: number, id: number): Appointment | null {
      const r = byId.get(id, hallId);
      return r ? listed(r) : null;
    },
    /** The open booking with this code, else the latest one of `fromDay` or later (checked in, missed…). */
    findByCode(hallId: number, code: string, fromDay: string): StoredAppointment | null {
      const r = openByCode.get(hallId, code) ?? latestByCode.get(hallId, code, fromDay);
      return r ? toStored(r) : null;
    },
    findByExternalRef(hallId: number, ref: string): StoredAppointment | null {
      const r = byExternalRef.get(hallId, ref);
      return r ? toStored(r) : null;
    },
    /** Bookings whose phone or ID number hashes to one of these indexes (any key of the ring). */
    findByIndexes(
      hallId: number,
      indexes: readonly string[],
      fromDay: string | null = null,
    ): StoredAppointment[] {
      return byIndexes(hallId, indexes, fromDay);
    },
    codeTaken(hallId: number, code: string): boolean {
      return codeTaken.get(hallId, code) !== undefined;
    },
    /** Places taken per slot start of a service on a day. */
    slotCounts(hallId: number, serviceId: number, day: string): Map<number, number> {
      return new Map(slotCounts.all(hallId, serviceId, day).map((r) => [r.slot_start, r.n]));
    },
    /** A day's bookings, masked, in slot order. */
    list(
      hallId: number,
      filter: { day: string; serviceId: number | null; status: AppointmentStatus | null },
    ): Appointment[] {
      return (dayList.all({ hallId, ...filter }) as AppointmentRow[]).map(listed);
    },
    insert(a: NewAppointment): number {
      return Number(
        insertStmt.run({
          hallId: a.hallId,
          serviceId: a.serviceId,
          code: a.code,
          status: a.status,
          source: a.source,
          slotDay: a.slotDay,
          slotStart: a.slotStart,
          slotEnd: a.slotEnd,
          personName: cipher.seal(context('person_name'), a.personName),
          phone: cipher.seal(context('phone'), a.phone),
          idNumber: cipher.seal(context('id_number'), a.idNumber),
          maskedIdNumber: cipher.seal(context('masked_id_number'), a.maskedIdNumber),
          phoneIndex: cipher.blindIndex('phone', normalizePhone(a.phone)),
          idIndex: cipher.blindIndex('id_number', normalizeIdNumber(a.idNumber)),
          externalRef: a.externalRef,
          apiKeyId: a.apiKeyId,
          createdBy: a.createdBy,
          createdAt: a.createdAt,
        }).lastInsertRowid,
      );
    },
    /** Writes the new status only if the booking is still in `expected` (else false). */
    save(a: StoredAppointment, expected: AppointmentStatus): boolean {
      return (
        saveStmt.run({
          id: a.id,
          hallId: a.hallId,
          status: a.status,
          checkedInAt: a.checkedInAt,
          ticketId: a.ticketId,
          cancelledAt: a.cancelledAt,
          missedAt: a.missedAt,
          expected,
        }).changes === 1
      );
    },
    /** Open bookings whose slot began before `before` (the missed sweep checks each). */
    openStartedBefore(hallId: number, before: number): StoredAppointment[] {
      return overdueStmt.all(hallId, before).map(toStored);
    },
    /** Empties the personal fields (the row, its status and its counts stay). */
    clearPersonal(hallId: number, id: number, at: number): boolean {
      return clearStmt.run(at, id, hallId).changes === 1;
    },
    /** Bookings whose slot ended before `before`, closed, with personal fields still kept. */
    closedBefore(hallId: number, before: number): number[] {
      return dueForPurge.all(hallId, before).map((r) => r.id);
    },
  };
}
export type AppointmentRepository = ReturnType<typeof createAppointmentRepository>;

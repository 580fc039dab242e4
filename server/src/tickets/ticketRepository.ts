// Tickets (号票) and their daily sequences.
import type { RequeueHold } from '@hall/shared/queue/requeueHold';
import type {
  FinishMarks,
  Ticket,
  TicketSource,
  TicketState,
  TicketView,
} from '@hall/shared/contracts/entities';
import type { Db } from '../core/db/database';

export interface TicketRow {
  id: number;
  hall_id: number;
  service_id: number;
  business_day: string;
  sequence: number;
  number: string;
  priority_class: string;
  proxy: number;
  proxy_relation: string | null;
  source: string;
  source_device_id: number | null;
  state: string;
  issued_at: number;
  order_key: number;
  called_at: number | null;
  serving_at: number | null;
  finished_at: number | null;
  window_id: number | null;
  staff_id: number | null;
  target_window_id: number | null;
  call_count: number;
  marks_json: string | null;
  transferred_from_id: number | null;
  status_token: string;
  masked_id_number: string | null;
  request_id: string | null;
  appointment_id: number | null;
  slot_start: number | null;
  slot_end: number | null;
  requeue_hold_json: string | null;
}

/** The server-side ticket: always knows its target window and requeue hold (null when none). */
export interface StoredTicket extends Ticket {
  targetWindowId: number | null;
  requeueHold: RequeueHold | null;
  /** The booking an appointment ticket was checked in from (its slot is slotStart..slotEnd). */
  appointmentId?: number | null;
}

export const toTicket = (r: TicketRow): StoredTicket => ({
  id: r.id,
  hallId: r.hall_id,
  serviceId: r.service_id,
  businessDay: r.business_day,
  sequence: r.sequence,
  number: r.number,
  priorityClass: r.priority_class,
  proxy: r.proxy === 1,
  proxyRelation: r.proxy_relation,
  source: r.source as TicketSource,
  sourceDeviceId: r.source_device_id,
  state: r.state as TicketState,
  issuedAt: r.issued_at,
  orderKey: r.order_key,
  calledAt: r.called_at,
  servingAt: r.serving_at,
  finishedAt: r.finished_at,
  windowId: r.window_id,
  staffId: r.staff_id,
  targetWindowId: r.target_window_id,
  callCount: r.call_count,
  marks: r.marks_json ? (JSON.parse(r.marks_json) as FinishMarks) : null,
  transferredFromId: r.transferred_from_id,
  statusToken: r.status_token,
  maskedIdNumber: r.masked_id_number,
  requestId: r.request_id,
  appointmentId: r.appointment_id,
  slotStart: r.slot_start,
  slotEnd: r.slot_end,
  requeueHold: r.requeue_hold_json ? (JSON.parse(r.requeue_hold_json) as RequeueHold) : null,
});

/**
 * A new ticket as stored, its fields written out in toTicket's order: every live ticket then shares
 * one hidden class with all fields in the object itself (spreading a ticket and adding fields put
 * the added ones in a second, separate array: 60 bytes more for each of a busy hall's tickets).
 */
function withId(id: number, t: NewTicket): StoredTicket {
  return {
    id,
    hallId: t.hallId,
    serviceId: t.serviceId,
    businessDay: t.businessDay,
    sequence: t.sequence,
    number: t.number,
    priorityClass: t.priorityClass,
    proxy: t.proxy,
    proxyRelation: t.proxyRelation,
    source: t.source,
    sourceDeviceId: t.sourceDeviceId,
    state: t.state,
    issuedAt: t.issuedAt,
    orderKey: t.orderKey,
    calledAt: t.calledAt,
    servingAt: t.servingAt,
    finishedAt: t.finishedAt,
    windowId: t.windowId,
    staffId: t.staffId,
    targetWindowId: t.targetWindowId,
    callCount: t.callCount,
    marks: t.marks,
    transferredFromId: t.transferredFromId,
    statusToken: t.statusToken,
    maskedIdNumber: t.maskedIdNumber,
    requestId: t.requestId,
    appointmentId: t.appointmentId ?? null,
    slotStart: t.slotStart ?? null,
    slotEnd: t.slotEnd ?? null,
    requeueHold: t.requeueHold,
  };
}

/** What every authenticated client may see: no status token, no ID number, no request id. */
export function toView(t: StoredTicket): TicketView {
  return {
    id: t.id,
    hallId: t.hallId,
    serviceId: t.serviceId,
    businessDay: t.businessDay,
    sequence: t.sequence,
    number: t.number,
    priorityClass: t.priorityClass,
    proxy: t.proxy,
    proxyRelation: t.proxyRelation,
    source: t.source,
    state: t.state,
    issuedAt: t.issuedAt,
    orderKey: t.orderKey,
    calledAt: t.calledAt,
    servingAt: t.servingAt,
    finishedAt: t.finishedAt,
    windowId: t.windowId,
    staffId: t.staffId,
    callCount: t.callCount,
    marks: t.marks,
    transferredFromId: t.transferredFromId,
    targetWindowId: t.targetWindowId,
    requeueHold: t.requeueHold,
    // Only appointment tickets carry a slot (frames to every screen stay as small as before).
    ...(t.slotStart != null ? { slotStart: t.slotStart, slotEnd: t.slotEnd ?? null } : {}),
  };
}

export type NewTicket = Omit<StoredTicket, 'id'>;

export function createTicketRepository(db: Db) {
  const byId = db.prepare<[number, number], TicketRow>('SELECT * FROM tickets WHERE id = ? AND hall_id = ?');
  const byRequest = db.prepare<[number, string], TicketRow>(
    'SELECT * FROM tickets WHERE hall_id = ? AND request_id = ?',
  );
  const byToken = db.prepare<[string], TicketRow>(
    'SELECT * FROM tickets WHERE status_token = ? ORDER BY id DESC LIMIT 1',
  );
  const active = db.prepare<[number, string], TicketRow>(
    "SELECT * FROM tickets WHERE hall_id = ? AND business_day = ? AND state IN ('waiting','called','serving','no_show') ORDER BY id",
  );
  const serviceMinutes = db.prepare<[number, number, number], { minutes: number }>(
    `SELECT (finished_at - serving_at) / 60000.0 AS minutes FROM tickets
      WHERE hall_id = ? AND service_id = ? AND state = 'done' AND serving_at IS NOT NULL
      ORDER BY finished_at DESC LIMIT ?`,
  );
  const byNumber = db.prepare<[number, string, string], TicketRow>(
    'SELECT * FROM tickets WHERE hall_id = ? AND business_day = ? AND number = ? ORDER BY id DESC LIMIT 1',
  );
  const nextSequence = db.prepare<[number, number, string], { last_sequence: number }>(
    `INSERT INTO ticket_sequences (hall_id, service_id, business_day, last_sequence) VALUES (?, ?, ?, 1)
     ON CONFLICT (hall_id, service_id, business_day) DO UPDATE SET last_sequence = ticket_sequences.last_sequence + 1
     RETURNING last_sequence`,
  );
  const insert = db.prepare(
    `INSERT INTO tickets (hall_id, service_id, business_day, sequence, number, priority_class, proxy, proxy_relation,
       source, source_device_id, state, issued_at, order_key, called_at, serving_at, finished_at, window_id, staff_id,
       target_window_id, call_count, marks_json, transferred_from_id, status_token, masked_id_number, request_id,
       appointment_id, slot_start, slot_end, requeue_hold_json)
     VALUES (@hallId, @serviceId, @businessDay, @sequence, @number, @priorityClass, @proxy, @proxyRelation,
       @source, @sourceDeviceId, @state, @issuedAt, @orderKey, @calledAt, @servingAt, @finishedAt, @windowId, @staffId,
       @targetWindowId, @callCount, @marksJson, @transferredFromId, @statusToken, @maskedIdNumber, @requestId,
       @appointmentId, @slotStart, @slotEnd, @requeueHoldJson)`,
  );
  // Conditional on the previous state, so a ticket can never move twice from the same state
  // (e.g. two windows calling it) even if two writers raced.
  const update = db.prepare(
    `UPDATE tickets SET state = @state, order_key = @orderKey, called_at = @calledAt, serving_at = @servingAt,
       finished_at = @finishedAt, window_id = @windowId, staff_id = @staffId, target_window_id = @targetWindowId,
       call_count = @callCount, marks_json = @marksJson, requeue_hold_json = @requeueHoldJson
     WHERE id = @id AND state = @expectedState`,
  );
  const row = (t: NewTicket) => ({
    ...t,
    proxy: t.proxy ? 1 : 0,
    marksJson: t.marks ? JSON.stringify(t.marks) : null,
    appointmentId: t.appointmentId ?? null,
    slotStart: t.slotStart ?? null,
    slotEnd: t.slotEnd ?? null,
    requeueHoldJson: t.requeueHold ? JSON.stringify(t.requeueHold) : null,
  });
  return {
    find(hallId: number, id: number): StoredTicket | null {
      const r = byId.get(id, hallId);
      return r ? toTicket(r) : null;
    },
    findByRequest(hallId: number, requestId: string): StoredTicket | null {
      const r = byRequest.get(hallId, requestId);
      return r ? toTicket(r) : null;
    },
    findByStatusToken(token: string): StoredTicket | null {
      const r = byToken.get(token);
      return r ? toTicket(r) : null;
    },
    findByNumber(hallId: number, businessDay: string, number: string): StoredTicket | null {
      const r = byNumber.get(hallId, businessDay, number);
      return r ? toTicket(r) : null;
    },
    /** The day's live tickets (waiting, called, serving, no-show), in id order. */
    active(hallId: number, businessDay: string): StoredTicket[] {
      return active.all(hallId, businessDay).map(toTicket);
    },
    /** The last `limit` service times of a service in minutes, newest first (the estimates' average). */
    recentServiceMinutes(hallId: number, serviceId: number, limit: number): number[] {
      return serviceMinutes.all(hallId, serviceId, limit).map((r) => r.minutes);
    },
    nextSequence(hallId: number, serviceId: number, businessDay: string): number {
      return nextSequence.get(hallId, serviceId, businessDay)!.last_sequence;
    },
    insert(t: NewTicket): StoredTicket {
      const values = row(t);
      const id = Number(insert.run(values).lastInsertRowid);
      return withId(id, t);
    },
    /** Writes the new state; false when the ticket was no longer in `expectedState`. */
    save(t: StoredTicket, expectedState: TicketState): boolean {
      return update.run({ ...row(t), id: t.id, expectedState }).changes === 1;
    },
  };
}
export type TicketRepository = ReturnType<typeof createTicketRepository>;

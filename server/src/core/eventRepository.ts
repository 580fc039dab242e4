// The append-only event log. Reports are computed from it; nothing ever updates or deletes a row.
import type { EventType, TicketEvent } from '@hall/shared/contracts/entities';
import type { Db } from './db/database';

export interface NewEvent {
  hallId: number;
  ticketId: number | null;
  type: EventType;
  at: number;
  windowId: number | null;
  staffId: number | null;
  deviceId: number | null;
  payload?: Record<string, unknown>;
}

interface EventRow {
  id: number;
  hall_id: number;
  ticket_id: number | null;
  type: string;
  at: number;
  window_id: number | null;
  staff_id: number | null;
  device_id: number | null;
  payload_json: string;
}

export const toEvent = (r: EventRow): TicketEvent => ({
  id: r.id,
  hallId: r.hall_id,
  ticketId: r.ticket_id,
  type: r.type as EventType,
  at: r.at,
  windowId: r.window_id,
  staffId: r.staff_id,
  deviceId: r.device_id,
  payload: JSON.parse(r.payload_json) as Record<string, unknown>,
});

export function createEventRepository(db: Db) {
  const insert = db.prepare(
    'INSERT INTO events (hall_id, ticket_id, type, at, window_id, staff_id, device_id, payload_json) VALUES (?,?,?,?,?,?,?,?)',
  );
  const range = db.prepare<[number, number, number], EventRow>(
    'SELECT * FROM events WHERE hall_id = ? AND at >= ? AND at < ? ORDER BY id',
  );
  const forTicket = db.prepare<[number], EventRow>('SELECT * FROM events WHERE ticket_id = ? ORDER BY id');
  return {
    append(e: NewEvent): number {
      return Number(
        insert.run(
          e.hallId,
          e.ticketId,
          e.type,
          e.at,
          e.windowId,
          e.staffId,
          e.deviceId,
          JSON.stringify(e.payload ?? {}),
        ).lastInsertRowid,
      );
    },
    between(hallId: number, fromMs: number, toMs: number): TicketEvent[] {
      return range.all(hallId, fromMs, toMs).map(toEvent);
    },
    forTicket(ticketId: number): TicketEvent[] {
      return forTicket.all(ticketId).map(toEvent);
    },
  };
}
export type EventRepository = ReturnType<typeof createEventRepository>;

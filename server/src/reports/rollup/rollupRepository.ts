// The rollup tables: report_rollups (one row per hall, business day, kind and key), report_rollup_days
// (which closed days are stored) and report_rollup_state (the last event checked for changes to
// stored days). The report worker only reads them; the main thread writes what the worker built,
// in short transactions of their own, never inside a command's transaction.
import { businessDay } from '@hall/shared/hallTime';
import type { Db } from '../../core/db/database';
import { sqlDialect } from '../../core/db/sqlDatabase';
import { COUNTER_COLUMNS, ROW_COLUMNS, type RollupRecord, type RollupRow } from './rollupRecord';

export interface HallDay {
  hallId: number;
  day: string;
}

export interface StoredDay {
  day: string;
  records: RollupRecord[];
}

const COLUMNS = [
  'hall_id',
  'business_day',
  'kind',
  'key',
  ...COUNTER_COLUMNS,
  'wait_count',
  'wait_sum_ms',
  'wait_hist',
  'service_count',
  'service_sum_ms',
  'service_hist',
];

export function createRollupReader(db: Db) {
  const checked = db.prepare<[], { checked_event_id: number }>(
    'SELECT checked_event_id FROM report_rollup_state WHERE id = 1',
  );
  const maxEvent = db.prepare<[], { id: number | null }>('SELECT MAX(id) AS id FROM events');
  const touchedTickets = db.prepare<[number, number], { hall_id: number; business_day: string }>(
    `SELECT DISTINCT t.hall_id, t.business_day FROM events e JOIN tickets t ON t.id = e.ticket_id
      WHERE e.id > ? AND e.id <= ?`,
  );
  // A booking's steps count on its slot's day, which may be another day than the step's.
  const touchedOther = db.prepare<[number, number], { hall_id: number; at: number; slot_day: string | null }>(
    `SELECT hall_id, at, CASE type WHEN 'appointment' THEN ${sqlDialect(db).jsonText('payload_json', 'slotDay')} END AS slot_day
       FROM events WHERE id > ? AND id <= ? AND ticket_id IS NULL`,
  );
  const storedDays = db.prepare<[number, string, string], { business_day: string }>(
    'SELECT business_day FROM report_rollup_days WHERE hall_id = ? AND business_day BETWEEN ? AND ?',
  );
  const rows = db
    .prepare<[number, string, string], RollupRow>(
      `SELECT ${ROW_COLUMNS.join(', ')} FROM report_rollups WHERE hall_id = ? AND business_day BETWEEN ? AND ?
        ORDER BY kind, key, business_day`,
    )
    .raw(true);
  const ticketDays = db.prepare<[number], { business_day: string }>(
    'SELECT DISTINCT business_day FROM tickets WHERE hall_id = ?',
  );

  return {
    /** Events up to this id have been checked for changes to stored days. */
    checkedEventId: (): number => checked.get()?.checked_event_id ?? 0,
    lastEventId: (): number => maxEvent.get()?.id ?? 0,

    /** Hall days that events after..upTo touched: their stored rollups are out of date. */
    touchedDays(after: number, upTo: number, zoneOf: (hallId: number) => string): HallDay[] {
      const seen = new Map<string, HallDay>();
      const add = (hallId: number, day: string) => seen.set(`${hallId}|${day}`, { hallId, day });
      for (const r of touchedTickets.iterate(after, upTo)) add(r.hall_id, r.business_day);
      for (const r of touchedOther.iterate(after, upTo)) {
        add(r.hall_id, businessDay(r.at, zoneOf(r.hall_id)));
        if (typeof r.slot_day === 'string') add(r.hall_id, r.slot_day);
      }
      return [...seen.values()];
    },

    storedDays(hallId: number, from: string, to: string): Set<string> {
      return new Set(storedDays.all(hallId, from, to).map((r) => r.business_day));
    },

    /** The stored rows of the hall's days from..to, ordered by kind, key, then day (as arrays). */
    rows(hallId: number, from: string, to: string): IterableIterator<RollupRow> {
      return rows.iterate(hallId, from, to);
    },

    /** Business days on which the hall has tickets. */
    ticketDays(hallId: number): string[] {
      return ticketDays.all(hallId).map((r) => r.business_day);
    },
  };
}
export type RollupReader = ReturnType<typeof createRollupReader>;

export function createRollupWriter(db: Db, clock: () => number) {
  const deleteRows = db.prepare<[number, string]>(
    'DELETE FROM report_rollups WHERE hall_id = ? AND business_day = ?',
  );
  const deleteDay = db.prepare<[number, string]>(
    'DELETE FROM report_rollup_days WHERE hall_id = ? AND business_day = ?',
  );
  const insertDay = db.prepare<[number, string, number]>(
    `INSERT INTO report_rollup_days (hall_id, business_day, built_at) VALUES (?, ?, ?)
     ON CONFLICT (hall_id, business_day) DO UPDATE SET built_at = excluded.built_at`,
  );
  const insertRow = db.prepare(
    `INSERT INTO report_rollups (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map((c) => `@${c}`).join(', ')})`,
  );
  const advance = db.prepare<[number]>(
    `UPDATE report_rollup_state SET checked_event_id = ${sqlDialect(db).greatest('checked_event_id', '?')} WHERE id = 1`,
  );

  return {
    /** Forgets the stored days that changed, and notes how far events have been checked. */
    invalidate: db.transaction((days: HallDay[], checkedEventId: number) => {
      for (const d of days) {
        deleteRows.run(d.hallId, d.day);
        deleteDay.run(d.hallId, d.day);
      }
      advance.run(checkedEventId);
    }),

    /** Stores closed days of one hall (replacing them if present). */
    store: db.transaction((hallId: number, days: StoredDay[]) => {
      const now = clock();
      for (const d of days) {
        deleteRows.run(hallId, d.day);
        for (const record of d.records) insertRow.run(record);
        insertDay.run(hallId, d.day, now);
      }
    }),

    /** Drops every rollup; events up to `checkedEventId` need no further check (nothing is stored). */
    clear: db.transaction((checkedEventId: number) => {
      db.prepare('DELETE FROM report_rollups').run();
      db.prepare('DELETE FROM report_rollup_days').run();
      db.prepare('UPDATE report_rollup_state SET checked_event_id = ? WHERE id = 1').run(checkedEventId);
    }),
  };
}
export type RollupWriter = ReturnType<typeof createRollupWriter>;

// How long each category's personal fields are kept, per hall, and the record of each daily purge.
import type { PurgeCounts, PurgeRun, RetentionPolicy } from '@hall/shared/contracts/privacy';
import type { Db } from '../core/db/database';

/** Defaults: tickets' personal fields go the night after their day; visits a year after closing. */
export const DEFAULT_RETENTION: RetentionPolicy = { ticketDays: 0, homeVisitDays: 365, appointmentDays: 90 };

interface PolicyRow {
  ticket_days: number;
  home_visit_days: number;
  appointment_days: number;
}

interface RunRow {
  day: string;
  at: number;
  detail_json: string;
}

export function createRetentionRepository(db: Db) {
  const policyStmt = db.prepare<[number], PolicyRow>(
    'SELECT ticket_days, home_visit_days, appointment_days FROM retention_policies WHERE hall_id = ?',
  );
  return {
    policy(hallId: number): RetentionPolicy {
      const r = policyStmt.get(hallId);
      return r
        ? { ticketDays: r.ticket_days, homeVisitDays: r.home_visit_days, appointmentDays: r.appointment_days }
        : { ...DEFAULT_RETENTION };
    },
    savePolicy(hallId: number, policy: RetentionPolicy, at: number): void {
      db.prepare(
        `INSERT INTO retention_policies (hall_id, ticket_days, home_visit_days, appointment_days, updated_at)
         VALUES (@hallId, @ticketDays, @homeVisitDays, @appointmentDays, @at)
         ON CONFLICT (hall_id) DO UPDATE SET ticket_days = excluded.ticket_days,
           home_visit_days = excluded.home_visit_days, appointment_days = excluded.appointment_days,
           updated_at = excluded.updated_at`,
      ).run({ hallId, ...policy, at });
    },
    lastRun(hallId: number): PurgeRun | null {
      const r = db
        .prepare<[number], RunRow>(
          'SELECT day, at, detail_json FROM purge_runs WHERE hall_id = ? ORDER BY id DESC LIMIT 1',
        )
        .get(hallId);
      return r ? { day: r.day, at: r.at, ...(JSON.parse(r.detail_json) as PurgeCounts) } : null;
    },
    ranOn(hallId: number, day: string): boolean {
      return (
        db.prepare('SELECT 1 FROM purge_runs WHERE hall_id = ? AND day = ?').get(hallId, day) !== undefined
      );
    },
    /** Business days before this one have had their tickets' personal fields cleared. */
    ticketsClearedBefore(hallId: number): string | null {
      const r = db
        .prepare<[number], { before: string | null }>(
          'SELECT MAX(tickets_before) AS before FROM purge_runs WHERE hall_id = ?',
        )
        .get(hallId);
      return r?.before ?? null;
    },
    recordRun(hallId: number, run: PurgeRun, ticketsBefore: string): void {
      const { day, at, ...counts } = run;
      db.prepare(
        'INSERT INTO purge_runs (hall_id, day, at, tickets_before, detail_json) VALUES (?, ?, ?, ?, ?)',
      ).run(hallId, day, at, ticketsBefore, JSON.stringify(counts));
    },
  };
}
export type RetentionRepository = ReturnType<typeof createRetentionRepository>;

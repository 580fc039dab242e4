// The access log: every look at a person's full details (reveal), every export that carries
// personal fields, every copy handed to a person and every erasure — who, when, which record, why.
// Append-only: triggers in the schema refuse UPDATE and DELETE. It holds record ids, never the
// personal fields themselves.
import type {
  AccessAction,
  AccessLogEntry,
  PersonalRecordKind,
  RevealReason,
} from '@hall/shared/contracts/privacy';
import type { Db } from '../core/db/database';
import { sqlDialect } from '../core/db/sqlDatabase';

interface AccessRow {
  id: number;
  at: number;
  staff_id: number | null;
  staff_name: string | null;
  action: AccessAction;
  record_kind: PersonalRecordKind;
  record_id: number | null;
  record_count: number;
  reason: RevealReason;
}

export interface AccessRecord {
  hallId: number;
  at: number;
  staffId: number | null;
  action: AccessAction;
  recordKind: PersonalRecordKind;
  recordId: number | null;
  recordCount: number;
  reason: RevealReason;
  /** Ids of the records covered (exports, a person's copy): never their contents. */
  recordIds?: number[];
}

export interface AccessLogRange {
  /** Epoch ms, inclusive start and exclusive end; null for open. */
  from: number | null;
  to: number | null;
}

const toEntry = (r: AccessRow): AccessLogEntry => ({
  id: r.id,
  at: r.at,
  staffId: r.staff_id,
  staffName: r.staff_name,
  action: r.action,
  recordKind: r.record_kind,
  recordId: r.record_id,
  recordCount: r.record_count,
  reason: r.reason,
});

const SELECT = `SELECT a.id, a.at, a.staff_id, s.name AS staff_name, a.action, a.record_kind, a.record_id,
    a.record_count, a.reason
  FROM access_log a LEFT JOIN staff s ON s.id = a.staff_id`;

export function createAccessLogRepository(db: Db) {
  const insert = db.prepare(
    `INSERT INTO access_log (hall_id, at, staff_id, action, record_kind, record_id, record_count, reason, detail_json)
     VALUES (@hallId, @at, @staffId, @action, @recordKind, @recordId, @recordCount, @reason, @detail)`,
  );
  return {
    append(record: AccessRecord): void {
      insert.run({
        ...record,
        detail: JSON.stringify(record.recordIds ? { recordIds: record.recordIds } : {}),
      });
    },
    list(hallId: number, range: AccessLogRange, limit = 5000): AccessLogEntry[] {
      const rows = db
        .prepare(
          `${SELECT} WHERE a.hall_id = @hallId AND (CAST(@from AS BIGINT) IS NULL OR a.at >= @from) AND (CAST(@to AS BIGINT) IS NULL OR a.at < @to)
            ORDER BY a.id DESC LIMIT @limit`,
        )
        .all({ hallId, ...range, limit }) as AccessRow[];
      return rows.map(toEntry);
    },
    /** Entries that concern one record: a single look at it, or an export or copy that covered it. */
    forRecord(hallId: number, recordKind: PersonalRecordKind, recordId: number): AccessLogEntry[] {
      const rows = db
        .prepare(
          `${SELECT} WHERE a.hall_id = @hallId AND a.record_kind = @recordKind AND (a.record_id = @recordId
              OR EXISTS (SELECT 1 FROM ${sqlDialect(db).jsonArrayIntegers('a.detail_json', 'recordIds', 'j')}
                          WHERE j.value = @recordId))
            ORDER BY a.id`,
        )
        .all({ hallId, recordKind, recordId }) as AccessRow[];
      return rows.map(toEntry);
    },
  };
}
export type AccessLogRepository = ReturnType<typeof createAccessLogRepository>;

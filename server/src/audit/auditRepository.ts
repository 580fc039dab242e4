// Who changed the hall's configuration, and when.
import type { AuditDetail, AuditEntry } from '@hall/shared/contracts/admin';
import type { Db } from '../core/db/database';
import { normalizeAuditDetail } from './auditDetail';

interface AuditRow {
  id: number;
  at: number;
  staff_id: number | null;
  staff_name: string | null;
  action: string;
  detail_json: string;
}

export function createAuditRepository(db: Db) {
  return {
    append(hallId: number, at: number, staffId: number | null, action: string, detail: AuditDetail): void {
      db.prepare('INSERT INTO audit_log (hall_id, at, staff_id, action, detail_json) VALUES (?,?,?,?,?)').run(
        hallId,
        at,
        staffId,
        action,
        JSON.stringify(detail),
      );
    },
    recent(hallId: number, limit = 200): AuditEntry[] {
      const rows = db
        .prepare(
          'SELECT a.id, a.at, a.staff_id, s.name AS staff_name, a.action, a.detail_json FROM audit_log a LEFT JOIN staff s ON s.id = a.staff_id WHERE a.hall_id = ? ORDER BY a.id DESC LIMIT ?',
        )
        .all(hallId, limit) as AuditRow[];
      return rows.map((r) => ({
        id: r.id,
        at: r.at,
        staffId: r.staff_id,
        staffName: r.staff_name,
        action: r.action,
        // Entries written by older versions have other shapes: read them as today's.
        detail: normalizeAuditDetail(JSON.parse(r.detail_json)),
      }));
    },
  };
}
export type AuditRepository = ReturnType<typeof createAuditRepository>;

// A ticket is anonymous, but a few of its fields concern a person: the masked ID number read at the
// kiosk, the relation of a proxy (子女, 配偶), and the free-text note staff may add at finish (copied
// into the `done` event). They are cleared once the retention period after the business day is
// over; everything reports count (state, times, priority class, the proxy and assisted-payment
// marks) stays.
import type { Db } from '../core/db/database';
import { sqlDialect } from '../core/db/sqlDatabase';

const PERSONAL_MARKS = ['note', 'proxyRelation'] as const;

/**
 * Clears the personal fields of the hall's tickets of business days in [fromDay, beforeDay)
 * (fromDay null: from the first). Returns the number of tickets changed.
 */
export function clearTicketPersonalFields(
  db: Db,
  hallId: number,
  fromDay: string | null,
  beforeDay: string,
): number {
  const sql = sqlDialect(db);
  const anyMark = (column: string) =>
    `(${PERSONAL_MARKS.map((f) => `${sql.jsonText(column, f)} IS NOT NULL`).join(' OR ')})`;
  const hasPersonal = `(masked_id_number IS NOT NULL OR proxy_relation IS NOT NULL OR ${anyMark('marks_json')})`;
  const range = { hallId, fromDay, beforeDay };
  const inRange = `hall_id = @hallId AND business_day < @beforeDay AND (CAST(@fromDay AS TEXT) IS NULL OR business_day >= @fromDay)`;
  db.prepare(
    `UPDATE events SET payload_json = ${sql.jsonSetNull('payload_json', PERSONAL_MARKS)}
      WHERE ticket_id IN (SELECT id FROM tickets WHERE ${inRange}) AND ${anyMark('payload_json')}`,
  ).run(range);
  return db
    .prepare(
      `UPDATE tickets SET masked_id_number = NULL, proxy_relation = NULL,
         marks_json = CASE WHEN marks_json IS NULL THEN NULL
                           ELSE ${sql.jsonSetNull('marks_json', PERSONAL_MARKS)} END
        WHERE ${inRange} AND ${hasPersonal}`,
    )
    .run(range).changes;
}

// Values a UNIQUE index holds across every hall (user names, hall codes, device and API key
// hashes), read from the schema: an imported hall must not take one already used here. Indexes
// that include hall_id or an id are per hall, or renumbered, and cannot collide.
import { isPostgres, type Db } from '../sqlDatabase';
import type { ParsedFile } from './hallTransfer';
import type { TableRules } from './idReferences';

export interface TakenName {
  table: string;
  columns: string[];
  values: unknown[];
}

/** The unique indexes of `table` (including UNIQUE constraints and partial indexes). */
export function uniqueIndexes(db: Db, table: string): string[][] {
  if (isPostgres(db)) {
    const rows = db
      .prepare(
        `SELECT ic.relname AS idx, a.attname AS column, k.n FROM pg_index x
           JOIN pg_class ic ON ic.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
           CROSS JOIN LATERAL unnest(x.indkey::int2[]) WITH ORDINALITY AS k(attnum, n)
           LEFT JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
          WHERE x.indisunique AND NOT x.indisprimary AND t.relname = ?
            AND t.relnamespace = current_schema()::regnamespace
          ORDER BY ic.relname, k.n`,
      )
      .all(table) as { idx: string; column: string | null }[];
    const byIndex = new Map<string, (string | null)[]>();
    for (const r of rows) byIndex.set(r.idx, [...(byIndex.get(r.idx) ?? []), r.column]);
    return [...byIndex.values()].filter((cols) => cols.every((c) => c !== null)) as string[][];
  }
  const indexes = db
    .prepare(`SELECT name FROM pragma_index_list(?) WHERE "unique" = 1 AND origin != 'pk'`)
    .all(table) as { name: string }[];
  return indexes
    .map(({ name }) =>
      (
        db.prepare('SELECT name FROM pragma_index_info(?) ORDER BY seqno').all(name) as {
          name: string | null;
        }[]
      ).map((c) => c.name),
    )
    .filter((cols) => cols.every((c) => c !== null)) as string[][];
}

/** Every value of the file a unique index across halls already holds here. */
export function takenNames(db: Db, file: ParsedFile, rules: Map<string, TableRules>): TakenName[] {
  const taken: TakenName[] = [];
  for (const t of file.tables) {
    const idLike = rules.get(t.table)!.rules;
    for (const columns of uniqueIndexes(db, t.table)) {
      // hall_id or an id in the index: per hall or renumbered, never shared with another hall.
      if (columns.some((c) => idLike.has(c) && idLike.get(c)!.kind !== 'json')) continue;
      if (columns.some((c) => !t.columns.includes(c))) continue;
      const at = columns.map((c) => t.columns.indexOf(c));
      const probe = db.prepare(
        `SELECT 1 FROM "${t.table}" WHERE ${columns.map((c) => `"${c}" = ?`).join(' AND ')} LIMIT 1`,
      );
      for (const row of t.rows) {
        const values = at.map((i) => row[i]);
        if (values.some((v) => v === null)) continue; // NULLs never collide under UNIQUE
        if (probe.get(...values)) taken.push({ table: t.table, columns, values });
      }
    }
  }
  return taken;
}

// Which tables make up one hall, read from the database itself (SQLite's catalogue or
// PostgreSQL's), so a table another domain adds later is moved with its hall without editing
// this file — as long as it has a `hall_id` column. A table without one must be named below,
// or the export refuses to run (a test checks every table of the current schema is classified).
import { isPostgres, type Db } from '../sqlDatabase';

/** Per-hall tables left behind on purpose: derived or transient, rebuilt where the hall lands. */
export const SKIPPED_HALL_TABLES: Record<string, string> = {
  sessions: 'sign-in sessions: staff sign in again on the new database',
  report_rollups: 'report rollups: rebuilt from the event log by the first report that needs a day',
  report_rollup_days: 'which days are rolled up: rebuilt with the rollups',
  hall_changes: "the server processes' change log: only for processes running on that database",
};

/** Tables that belong to no hall. */
export const GLOBAL_TABLES: Record<string, string> = {
  schema_migrations: 'the schema version (both sides must be at the same one)',
  field_keys: 'check values of the key file: copied when missing, compared when present',
  report_rollup_state: 'the rollup job’s event mark for the whole database',
  socket_io_attachments: "PostgreSQL only: the Socket.IO adapter's large payloads",
};

export interface TableInfo {
  name: string;
  /** Sorted by name, so exports from SQLite and PostgreSQL list them alike. */
  columns: string[];
  /** Tables this one references (foreign keys), to insert parents first. */
  references: { table: string; column: string }[];
  /** Every foreign-key column and the table it points at, its own table included (renumbering). */
  foreignKeys: { table: string; column: string }[];
  /**
   * Columns whose reference closes a cycle of foreign keys (tickets ⇄ appointments): imported as
   * NULL first and set once every row is in (hallTables fills it).
   */
  deferred: string[];
}

export function listTables(db: Db): TableInfo[] {
  const pg = isPostgres(db);
  const names = (
    pg
      ? db
          .prepare(
            `SELECT table_name AS name FROM information_schema.tables
              WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`,
          )
          .all()
      : db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`).all()
  ) as { name: string }[];
  const columnsOf = pg
    ? db.prepare(
        `SELECT column_name AS name FROM information_schema.columns
          WHERE table_schema = current_schema() AND table_name = ?`,
      )
    : db.prepare('SELECT name FROM pragma_table_info(?)');
  const referencesOf = pg
    ? db.prepare(
        `SELECT parent.relname AS "table", a.attname AS "column" FROM pg_constraint c
           JOIN pg_class child ON child.oid = c.conrelid JOIN pg_class parent ON parent.oid = c.confrelid
           JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
          WHERE c.contype = 'f' AND child.relname = ? AND child.relnamespace = current_schema()::regnamespace`,
      )
    : db.prepare('SELECT "table", "from" AS "column" FROM pragma_foreign_key_list(?)');
  return names
    .map(({ name }) => {
      const foreignKeys = (referencesOf.all(name) as { table: string; column: string }[]).sort(
        (a, b) => a.table.localeCompare(b.table) || a.column.localeCompare(b.column),
      );
      return {
        name,
        columns: (columnsOf.all(name) as { name: string }[]).map((c) => c.name).sort(),
        references: foreignKeys.filter((r) => r.table !== name),
        foreignKeys,
        deferred: [],
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * The tables holding one hall's rows, parents before children (`halls` first). Throws on a table
 * that is neither per hall nor listed as global: moving a hall without it would lose data silently.
 */
export function hallTables(db: Db): TableInfo[] {
  const all = listTables(db);
  const unknown = all.filter(
    (t) => t.name !== 'halls' && !t.columns.includes('hall_id') && !(t.name in GLOBAL_TABLES),
  );
  if (unknown.length > 0) {
    throw new Error(
      `table(s) ${unknown.map((t) => t.name).join(', ')} belong to no hall and are not classified: ` +
        'add them to server/src/core/db/transfer/schemaTables.ts',
    );
  }
  const chosen = all.filter(
    (t) => t.name === 'halls' || (t.columns.includes('hall_id') && !(t.name in SKIPPED_HALL_TABLES)),
  );
  // `halls` first: some per-hall tables (logs) name their hall without a declared foreign key.
  return parentsFirst([
    ...chosen.filter((t) => t.name === 'halls'),
    ...chosen.filter((t) => t.name !== 'halls'),
  ]);
}

function parentsFirst(tables: TableInfo[]): TableInfo[] {
  const byName = new Map(tables.map((t) => [t.name, t]));
  const ordered: TableInfo[] = [];
  const placed = new Set<string>();
  const visiting = new Set<string>();
  const place = (t: TableInfo): void => {
    if (placed.has(t.name)) return;
    visiting.add(t.name);
    for (const ref of t.references) {
      const p = byName.get(ref.table);
      if (!p) continue;
      // A parent still being placed: this reference closes a cycle; it is set after the inserts.
      if (visiting.has(p.name)) {
        if (!t.columns.includes('id')) throw new Error(`foreign keys form a cycle through ${t.name}`);
        t.deferred.push(ref.column);
      } else place(p);
    }
    visiting.delete(t.name);
    placed.add(t.name);
    ordered.push(t);
  };
  for (const t of tables) place(t);
  return ordered;
}

export function schemaVersion(db: Db): number {
  const row = db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get() as { v: number | null };
  return Number(row.v ?? 0);
}

// The one synchronous database API the domain uses: better-sqlite3's (prepare/run/get/all,
// transaction, exec). SQLite provides it natively; PostgreSQL through PgDatabase (postgres/),
// which implements the part of it the code base uses. Where the two dialects must differ, a
// repository asks `sqlDialect(db)` for the fragment instead of writing SQLite's by hand.
import type Database from 'better-sqlite3';

export type Db = Database.Database;
export type Dialect = 'sqlite' | 'postgres';

export function dialectOf(db: Db): Dialect {
  return (db as unknown as { dialect?: unknown }).dialect === 'postgres' ? 'postgres' : 'sqlite';
}

export function isPostgres(db: Db): boolean {
  return dialectOf(db) === 'postgres';
}

/** `postgres://…` or `postgresql://…`: a PostgreSQL connection URL rather than a file name. */
export function isPostgresUrl(target: string): boolean {
  return /^postgres(ql)?:\/\//i.test(target);
}

/** SQL fragments that differ between SQLite and PostgreSQL. */
export interface SqlDialect {
  /** A JSON field of a TEXT column as SQL text (NULL when absent or JSON null). */
  jsonText(column: string, field: string): string;
  /** True (1) when a JSON field is `true` or 1, false (0) otherwise: usable inside SUM(). */
  jsonFlag(column: string, field: string): string;
  /** A JSON field used as a number. */
  jsonNumber(column: string, field: string): string;
  /** A JSON array of integers as a table `alias` with one integer column `value`. */
  jsonArrayIntegers(column: string, field: string, alias: string): string;
  /** The JSON text with these fields set to JSON null (added when absent, as SQLite's json_set). */
  jsonSetNull(column: string, fields: readonly string[]): string;
  /** The larger of two values (SQLite's two-argument MAX). */
  greatest(a: string, b: string): string;
}

const SQLITE: SqlDialect = {
  jsonText: (c, f) => `json_extract(${c}, '$.${f}')`,
  jsonFlag: (c, f) => `(CASE WHEN json_extract(${c}, '$.${f}') = 1 THEN 1 ELSE 0 END)`,
  jsonNumber: (c, f) => `json_extract(${c}, '$.${f}')`,
  jsonArrayIntegers: (c, f, a) => `json_each(${c}, '$.${f}') AS ${a}`,
  jsonSetNull: (c, fs) => `json_set(${c}, ${fs.map((f) => `'$.${f}', NULL`).join(', ')})`,
  greatest: (a, b) => `MAX(${a}, ${b})`,
};

const POSTGRES: SqlDialect = {
  jsonText: (c, f) => `(${c}::jsonb ->> '${f}')`,
  jsonFlag: (c, f) => `(CASE WHEN (${c}::jsonb -> '${f}') IN ('true'::jsonb, '1'::jsonb) THEN 1 ELSE 0 END)`,
  jsonNumber: (c, f) => `((${c}::jsonb ->> '${f}')::double precision)`,
  jsonArrayIntegers: (c, f, a) =>
    `(SELECT e::bigint AS value FROM jsonb_array_elements_text(COALESCE(${c}::jsonb -> '${f}', '[]'::jsonb)) AS e) AS ${a}`,
  jsonSetNull: (c, fs) =>
    `(${c}::jsonb || jsonb_build_object(${fs.map((f) => `'${f}', NULL`).join(', ')}))::text`,
  greatest: (a, b) => `GREATEST(${a}, ${b})`,
};

export function sqlDialect(db: Db): SqlDialect {
  return isPostgres(db) ? POSTGRES : SQLITE;
}

/**
 * Runs several reads on one snapshot. SQLite: as they are (one process writes, synchronously).
 * PostgreSQL outside a transaction: in a read-only REPEATABLE READ transaction, so a commit by
 * another process cannot fall between them.
 */
export function readConsistently<T>(db: Db, read: () => T): T {
  if (!isPostgres(db) || db.inTransaction) return read();
  db.prepare('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY').run();
  try {
    const result = read();
    db.prepare('COMMIT').run();
    return result;
  } catch (error) {
    if (db.inTransaction) db.prepare('ROLLBACK').run();
    throw error;
  }
}

// Moving one hall between databases (a hall PC's SQLite file ⇄ the city's PostgreSQL), through a
// file: `npm run db -- export` / `import` (server/src/cli/db.ts). Every row of the hall's tables
// is copied as stored — ticket numbers, events, audit and access logs, and personal fields still
// sealed (the target's servers need the hall's keys in their key file; field_keys must agree) —
// with its ids, or with new ids when they are taken in the target (halls set up apart all start
// at 1: renumber.ts). Derived and transient rows (rollups, sign-in sessions, the processes' change
// log) are rebuilt where the hall lands (schemaTables.ts).
//
// The file is JSON lines: a header, then per table one line naming it and its columns, then one
// JSON array per row. Rows are read in primary-key order, in one consistent read.
import fs from 'node:fs';
import type { Statement } from 'better-sqlite3';
import { isPostgres, readConsistently, type Db } from '../sqlDatabase';
import { columnRules, type TableRules } from './idReferences';
import { isUnclassifiedId, planRenumbering, renumberFile, type RenumberPlan } from './renumber';
import { hallTables, schemaVersion, type TableInfo } from './schemaTables';
import { refuseTakenNames, renameHall, renameTakenUsers } from './takenNameRemedies';
import { takenNames } from './takenNames';

export const TRANSFER_FORMAT = 'hall-queue/hall-export';
const PAGE_ROWS = 5000;
/** Below both engines' limits on bound parameters per statement (SQLite 32766, PostgreSQL 65535). */
const MAX_PARAMETERS = 30_000;

export interface TransferHeader {
  format: typeof TRANSFER_FORMAT;
  schemaVersion: number;
  hallId: number;
  hallCode: string;
  exportedAt: string;
  fieldKeys: { key_id: string; check_value: string; added_at: number; retired_at: number | null }[];
}

export interface TransferCounts {
  hallId: number;
  tables: { table: string; rows: number }[];
  /** Set when the import gave the hall new ids (they were taken here, or --renumber). */
  renumbered?: RenumberPlan;
  /** User names that were taken here and renamed (--rename-taken-users). */
  renamedUsers?: { from: string; to: string }[];
  /** The hall's code when --hall-code changed it. */
  hallCode?: { from: string; to: string };
}

export interface ImportOptions {
  /** New ids even when the file's ids are free here. */
  renumber?: boolean;
  /** Rename the file's user names that are taken here by appending this suffix. */
  renameTakenUsers?: string;
  /** A new code for the hall (its code is taken here). */
  hallCode?: string;
}

/** Binary values (none today) survive JSON as base64. */
type Cell = string | number | null | { $bytes: string };

const toCell = (value: unknown): Cell => {
  if (value instanceof Uint8Array) return { $bytes: Buffer.from(value).toString('base64') };
  if (typeof value === 'bigint') return Number(value);
  return value as string | number | null;
};
const fromCell = (cell: Cell): unknown =>
  cell !== null && typeof cell === 'object' ? Buffer.from(cell.$bytes, 'base64') : cell;

function orderOf(table: TableInfo): string {
  if (table.columns.includes('id')) return 'id';
  return table.columns.map((c) => `"${c}"`).join(', ');
}

/** Writes hall `hallId` of `db` to `file`. */
export function exportHall(db: Db, hallId: number, file: string): TransferCounts {
  const tables = hallTables(db);
  const out = fs.openSync(file, 'w');
  try {
    return readSnapshot(db, () => {
      const hall = db.prepare('SELECT code FROM halls WHERE id = ?').get(hallId) as
        { code: string } | undefined;
      if (!hall) throw new Error(`大厅 ${hallId} 不存在 / hall ${hallId} does not exist in this database`);
      const header: TransferHeader = {
        format: TRANSFER_FORMAT,
        schemaVersion: schemaVersion(db),
        hallId,
        hallCode: hall.code,
        exportedAt: new Date().toISOString(),
        fieldKeys: db
          .prepare('SELECT key_id, check_value, added_at, retired_at FROM field_keys ORDER BY key_id')
          .all() as TransferHeader['fieldKeys'],
      };
      fs.writeSync(out, `${JSON.stringify(header)}\n`);
      const counts: TransferCounts = { hallId, tables: [] };
      for (const table of tables) {
        const line = { table: table.name, columns: table.columns, deferred: table.deferred };
        fs.writeSync(out, `${JSON.stringify(line)}\n`);
        let rows = 0;
        for (const page of pagesOf(db, table, hallId)) {
          rows += page.length;
          fs.writeSync(
            out,
            page.map((r) => `${JSON.stringify(table.columns.map((c) => toCell(r[c])))}\n`).join(''),
          );
        }
        counts.tables.push({ table: table.name, rows });
      }
      return counts;
    });
  } finally {
    fs.closeSync(out);
  }
}

function* pagesOf(db: Db, table: TableInfo, hallId: number): Generator<Record<string, unknown>[]> {
  const select = `SELECT ${table.columns.map((c) => `"${c}"`).join(', ')} FROM "${table.name}"`;
  const owner = table.name === 'halls' ? 'id' : 'hall_id';
  if (!table.columns.includes('id')) {
    yield db.prepare(`${select} WHERE ${owner} = ? ORDER BY ${orderOf(table)}`).all(hallId) as Record<
      string,
      unknown
    >[];
    return;
  }
  const page = db.prepare(`${select} WHERE ${owner} = ? AND id > ? ORDER BY id LIMIT ${PAGE_ROWS}`);
  let after = -1;
  for (;;) {
    const rows = page.all(hallId, after) as Record<string, unknown>[];
    if (rows.length === 0) return;
    yield rows;
    after = Number(rows[rows.length - 1]!.id);
    if (rows.length < PAGE_ROWS) return;
  }
}

/** One snapshot for the whole export, while the servers may keep writing. */
function readSnapshot<T>(db: Db, read: () => T): T {
  if (isPostgres(db)) return readConsistently(db, read);
  db.prepare('BEGIN').run();
  try {
    return read();
  } finally {
    db.prepare('COMMIT').run();
  }
}

export interface ParsedFile {
  header: TransferHeader;
  /** deferred: columns set after every table's rows are in (a cycle of foreign keys). */
  tables: { table: string; columns: string[]; deferred: string[]; rows: Cell[][] }[];
}

export function readTransferFile(file: string): ParsedFile {
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  const header = JSON.parse(lines[0] ?? 'null') as TransferHeader | null;
  if (header?.format !== TRANSFER_FORMAT)
    throw new Error(`${file}: 不是大厅导出文件 / not a hall export file (npm run db -- export)`);
  const tables: ParsedFile['tables'] = [];
  for (const line of lines.slice(1)) {
    if (line === '') continue;
    const value = JSON.parse(line) as Cell[] | { table: string; columns: string[]; deferred?: string[] };
    if (Array.isArray(value)) {
      const current = tables[tables.length - 1];
      if (!current) throw new Error(`${file}: a row before any table`);
      current.rows.push(value);
    } else tables.push({ ...value, deferred: value.deferred ?? [], rows: [] });
  }
  return { header, tables };
}

/**
 * Adds the hall in `file` to `db`, all or nothing. Refused (nothing written) when the schema
 * versions differ, when the key file's check values disagree, when a table of the file is
 * missing here, or when a name unique across halls is taken (a user name, the hall's code, a
 * device or API key) and `options` offers no way through. When the hall's id or any row id is
 * taken here (every hall set up on its own file is hall 1), the hall gets new ids and every
 * reference to them is rewritten (idReferences.ts); `options.renumber` does so always.
 */
export function importHall(db: Db, file: string, options: ImportOptions = {}): TransferCounts {
  const parsed = readTransferFile(file);
  const { header } = parsed;
  const version = schemaVersion(db);
  if (version !== header.schemaVersion) {
    throw new Error(
      `导入被拒绝：数据库结构版本不同 / import refused: the file has schema version ${header.schemaVersion}, ` +
        `this database ${version} (start the newer server once on the older side to migrate it)`,
    );
  }
  const schema = hallTables(db);
  const here = new Map(schema.map((t) => [t.name, t]));
  for (const t of parsed.tables) {
    const target = here.get(t.table);
    const missing = target ? t.columns.filter((c) => !target.columns.includes(c)) : t.columns;
    if (missing.length > 0)
      throw new Error(`import refused: table ${t.table} has no column(s) ${missing.join(', ')} here`);
  }
  const rules = new Map<string, TableRules>(
    parsed.tables.map((t) => [t.table, columnRules(here.get(t.table)!)]),
  );
  const counts: TransferCounts = { hallId: header.hallId, tables: [] };
  db.transaction(() => {
    copyFieldKeys(db, header.fieldKeys);
    let incoming = parsed;
    const plan = planRenumbering(db, incoming, options.renumber ?? false);
    if (plan) {
      try {
        incoming = renumberFile(incoming, plan, rules);
      } catch (error) {
        if (!isUnclassifiedId(error)) throw error;
        throw new Error(
          `导入被拒绝（未写入任何数据）：无法重新编号 / import refused (nothing written): cannot renumber: ${(error as Error).message}`,
          { cause: error },
        );
      }
      counts.hallId = plan.toHallId;
      counts.renumbered = plan;
    }
    if (options.hallCode !== undefined) {
      const renamed = renameHall(incoming, options.hallCode);
      incoming = renamed.file;
      counts.hallCode = renamed.change;
    }
    if (options.renameTakenUsers !== undefined) {
      const renamed = renameTakenUsers(db, incoming, options.renameTakenUsers);
      incoming = renamed.file;
      counts.renamedUsers = renamed.renamed;
    }
    refuseTakenNames(takenNames(db, incoming, rules));
    for (const t of incoming.tables) {
      const held = t.deferred.map((c) => t.columns.indexOf(c));
      const rows =
        held.length === 0 ? t.rows : t.rows.map((r) => r.map((v, i) => (held.includes(i) ? null : v)));
      insertRows(db, t.table, t.columns, rows);
      counts.tables.push({ table: t.table, rows: t.rows.length });
    }
    for (const t of incoming.tables) setDeferred(db, t);
    if (isPostgres(db))
      for (const t of incoming.tables) if (t.columns.includes('id')) advanceIdentity(db, t.table);
  })();
  return counts;
}

function copyFieldKeys(db: Db, keys: TransferHeader['fieldKeys']): void {
  const existing = db.prepare('SELECT check_value FROM field_keys WHERE key_id = ?');
  const insert = db.prepare(
    'INSERT INTO field_keys (key_id, check_value, added_at, retired_at) VALUES (?, ?, ?, ?)',
  );
  for (const key of keys) {
    const found = existing.get(key.key_id) as { check_value: string } | undefined;
    if (!found) insert.run(key.key_id, key.check_value, key.added_at, key.retired_at);
    else if (found.check_value !== key.check_value)
      throw new Error(
        `import refused: key ${key.key_id} of the file differs from this database's (a different key file)`,
      );
  }
}

/** The references that closed a cycle, now that every row they point at is in. */
function setDeferred(db: Db, t: ParsedFile['tables'][number]): void {
  const id = t.columns.indexOf('id');
  for (const column of t.deferred) {
    const at = t.columns.indexOf(column);
    const update = db.prepare(`UPDATE "${t.table}" SET "${column}" = ? WHERE id = ?`);
    for (const row of t.rows) if (row[at] !== null) update.run(fromCell(row[at]!), fromCell(row[id]!));
  }
}

function insertRows(db: Db, table: string, columns: string[], rows: Cell[][]): void {
  const perStatement = Math.max(1, Math.min(500, Math.floor(MAX_PARAMETERS / columns.length)));
  const head = `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) VALUES `;
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  const statements = new Map<number, Statement<unknown[]>>();
  for (let at = 0; at < rows.length; at += perStatement) {
    const chunk = rows.slice(at, at + perStatement);
    let statement = statements.get(chunk.length);
    if (!statement) {
      statement = db.prepare(head + Array.from(chunk, () => tuple).join(', '));
      statements.set(chunk.length, statement);
    }
    try {
      statement.run(...chunk.flat().map(fromCell));
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new Error(`import refused (nothing written): table ${table}: ${reason}`, { cause: error });
    }
  }
}

/**
 * PostgreSQL identities do not follow explicit ids: move them past the imported ones, never back
 * (a running server may have just taken the next value).
 */
function advanceIdentity(db: Db, table: string): void {
  db.prepare(
    `SELECT setval(pg_get_serial_sequence(?, 'id'),
                   GREATEST((SELECT COALESCE(MAX(id), 0) FROM "${table}"), nextval(pg_get_serial_sequence(?, 'id'))))`,
  ).get(table, table);
}

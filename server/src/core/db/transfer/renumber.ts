// New ids for a hall being imported into a database where its ids are taken (every hall set up on
// its own SQLite file is hall 1 with rows from 1). Each table's ids move up by one offset — the
// target table's largest id — so rows keep their order (events, calls and audit read by id) and a
// reference to a row no longer there (a purged ticket in an event) moves with the others instead
// of landing on someone else's row. Every reference is rewritten by the rules of idReferences.ts.
import { isPostgres, type Db } from '../sqlDatabase';
import {
  auditTargetTable,
  ID_KEYS,
  looksLikeIdKey,
  type ColumnRule,
  type JsonShape,
  type TableRules,
} from './idReferences';
import type { ParsedFile } from './hallTransfer';

export interface RenumberPlan {
  fromHallId: number;
  toHallId: number;
  /** Added to every id of the table (0: the table was empty here). */
  offsets: Map<string, number>;
}

const ID_CHUNK = 500;

function idsTaken(db: Db, table: string, ids: number[]): boolean {
  for (let at = 0; at < ids.length; at += ID_CHUNK) {
    const chunk = ids.slice(at, at + ID_CHUNK);
    const found = db
      .prepare(`SELECT 1 FROM "${table}" WHERE id IN (${chunk.map(() => '?').join(', ')}) LIMIT 1`)
      .get(...chunk);
    if (found) return true;
  }
  return false;
}

function largestId(db: Db, table: string): number {
  const row = db.prepare(`SELECT MAX(id) AS m FROM "${table}"`).get() as { m: number | string | null };
  return Number(row.m ?? 0);
}

/**
 * The new ids, or null when every id of the file is free here and `force` is off (then the hall
 * keeps its ids, as when it moves back to its own PC).
 */
export function planRenumbering(db: Db, file: ParsedFile, force: boolean): RenumberPlan | null {
  const fromHallId = file.header.hallId;
  const withIds = file.tables.filter((t) => t.columns.includes('id'));
  const taken =
    force ||
    withIds.some((t) => {
      const at = t.columns.indexOf('id');
      return idsTaken(
        db,
        t.table,
        t.rows.map((r) => Number(r[at])),
      );
    });
  if (!taken) return null;
  const offsets = new Map(withIds.map((t) => [t.table, largestId(db, t.table)]));
  // PostgreSQL may have handed out ids past the largest row (rolled-back inserts): stay past them.
  if (isPostgres(db)) {
    for (const t of withIds) {
      const row = db
        .prepare(
          `SELECT COALESCE(last_value, 0) AS v FROM pg_sequences
            WHERE schemaname = current_schema() AND sequencename = ?`,
        )
        .get(sequenceName(db, t.table)) as { v: number | string | null } | undefined;
      offsets.set(t.table, Math.max(offsets.get(t.table)!, Number(row?.v ?? 0)));
    }
  }
  return { fromHallId, toHallId: fromHallId + offsets.get('halls')!, offsets };
}

function sequenceName(db: Db, table: string): string {
  const row = db.prepare(`SELECT pg_get_serial_sequence(?, 'id') AS s`).get(table) as { s: string | null };
  return (row.s ?? '').replace(/^.*\./, '').replace(/"/g, '');
}

/** Thrown for an id-like value the rules do not cover: the import refuses instead of guessing. */
class UnclassifiedId extends Error {}

export function renumberFile(
  file: ParsedFile,
  plan: RenumberPlan,
  rules: Map<string, TableRules>,
): ParsedFile {
  const mapId = (table: string, value: unknown, where: string): unknown => {
    if (value === null || value === undefined) return value;
    if (Array.isArray(value)) return value.map((v) => mapId(table, v, where));
    if (typeof value !== 'number' || !Number.isInteger(value))
      throw new UnclassifiedId(`${where}: ${JSON.stringify(value)} is not an id`);
    if (table === 'halls') {
      if (value !== plan.fromHallId) throw new UnclassifiedId(`${where}: names hall ${value}, not this hall`);
      return plan.toHallId;
    }
    const offset = plan.offsets.get(table);
    if (offset === undefined) throw new UnclassifiedId(`${where}: points into ${table}, which is not moved`);
    return value + offset;
  };

  const tables = file.tables.map((t) => {
    const tableRules = rules.get(t.table)!;
    const at = (column: string) => t.columns.indexOf(column);
    const columnRules = t.columns.map((c) => tableRules.rules.get(c));
    const rows = t.rows.map((row) =>
      row.map((cell, i) => {
        const rule = columnRules[i];
        if (!rule || cell === null) return cell;
        const where = `${t.table}.${t.columns[i]}`;
        return rewriteCell(rule, cell, where, {
          mapId,
          table: t.table,
          value: (column) => row[at(column)],
          kindOf: (column) => {
            const kindRule = tableRules.rules.get(column.split('.')[1]!);
            if (kindRule?.kind !== 'kindId') throw new Error(`${column} is not a column naming a kind`);
            const kind = row[at(kindRule.kindColumn)];
            return kindRule.tables[String(kind)] ?? null;
          },
        });
      }),
    );
    return { ...t, rows };
  });
  return { header: { ...file.header, hallId: plan.toHallId }, tables };
}

interface RowContext {
  mapId: (table: string, value: unknown, where: string) => unknown;
  table: string;
  value: (column: string) => unknown;
  /** The table a kind column (KIND_ID_COLUMNS) of this row points at. */
  kindOf: (column: string) => string | null;
}

type Cell = ParsedFile['tables'][number]['rows'][number][number];

function rewriteCell(rule: ColumnRule, cell: Cell, where: string, ctx: RowContext): Cell {
  switch (rule.kind) {
    case 'ownId':
      return ctx.mapId(ctx.table, cell, where) as Cell;
    case 'hall':
      return ctx.mapId('halls', cell, where) as Cell;
    case 'id':
      return ctx.mapId(rule.table, cell, where) as Cell;
    case 'kindId': {
      const table = rule.tables[String(ctx.value(rule.kindColumn))];
      if (!table)
        throw new UnclassifiedId(`${where}: no table for kind ${String(ctx.value(rule.kindColumn))}`);
      return ctx.mapId(table, cell, where) as Cell;
    }
    case 'json': {
      if (typeof cell !== 'string') return cell;
      const before = JSON.parse(cell) as unknown;
      const after = rewriteJson(before, rule.shape, where, ctx);
      // Untouched text stays byte for byte as it was.
      return JSON.stringify(after) === JSON.stringify(before) ? cell : JSON.stringify(after);
    }
  }
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function rewriteJson(value: unknown, shape: JsonShape | null, where: string, ctx: RowContext): unknown {
  if (shape === null) return walk(value, where, ctx);
  switch (shape.kind) {
    case 'idArray':
      return ctx.mapId(shape.table, value, where);
    case 'field': {
      if (!isRecord(value)) return walk(value, where, ctx);
      return Object.fromEntries(
        Object.entries(value).map(([k, v]) => [
          k,
          k === shape.field ? ctx.mapId(shape.table, v, `${where}.${k}`) : walk(v, `${where}.${k}`, ctx),
        ]),
      );
    }
    case 'kindIds': {
      if (!isRecord(value) || !(shape.field in value)) return walk(value, where, ctx);
      const table = ctx.kindOf(shape.of);
      if (!table) throw new UnclassifiedId(`${where}.${shape.field}: no table for this row's kind`);
      return Object.fromEntries(
        Object.entries(value).map(([k, v]) => [
          k,
          k === shape.field ? ctx.mapId(table, v, `${where}.${k}`) : walk(v, `${where}.${k}`, ctx),
        ]),
      );
    }
    case 'auditDetail':
      return rewriteAuditDetail(value, where, ctx);
  }
}

/** `{ target: { id, label }, changes: [{ field, from, to }] }`, or an older flat shape with `id`. */
function rewriteAuditDetail(value: unknown, where: string, ctx: RowContext): unknown {
  if (!isRecord(value)) return walk(value, where, ctx);
  const action = String(ctx.value('action'));
  const targetTable = auditTargetTable(action);
  const mapTarget = (id: unknown, at: string) => {
    if (id === null || id === undefined) return id;
    if (!targetTable)
      throw new UnclassifiedId(`${at}: action ${action} names no table (idReferences.ts AUDIT_TARGETS)`);
    return ctx.mapId(targetTable, id, at);
  };
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    const at = `${where}.${key}`;
    if (key === 'target' && isRecord(v)) out[key] = { ...v, id: mapTarget(v.id, `${at}.id`) };
    else if (key === 'id') out[key] = mapTarget(v, at);
    // Older versions stored { before: {id, …}, after: {id, …} }: the thing changed, by the same action.
    else if ((key === 'before' || key === 'after') && isRecord(v))
      out[key] = Object.fromEntries(
        Object.entries(v).map(([k, x]) => [
          k,
          k === 'id' ? mapTarget(x, `${at}.id`) : rewriteEntry(k, x, `${at}.${k}`, ctx),
        ]),
      );
    else if (key === 'changes' && Array.isArray(v))
      out[key] = v.map((c, i) => rewriteChange(c, `${at}[${i}]`, ctx));
    else out[key] = rewriteEntry(key, v, at, ctx);
  }
  return out;
}

function rewriteChange(change: unknown, where: string, ctx: RowContext): unknown {
  if (!isRecord(change) || typeof change.field !== 'string') return walk(change, where, ctx);
  const table = ID_KEYS[change.field];
  if (!table && looksLikeIdKey(change.field))
    throw new UnclassifiedId(`${where}: field ${change.field} looks like an id (idReferences.ts ID_KEYS)`);
  const out: Record<string, unknown> = { ...change };
  for (const side of ['from', 'to'] as const) {
    if (!(side in change)) continue;
    out[side] = table
      ? ctx.mapId(table, change[side], `${where}.${side}`)
      : walk(change[side], `${where}.${side}`, ctx);
  }
  return out;
}

const holdsNumbers = (value: unknown): boolean =>
  typeof value === 'number' || (Array.isArray(value) && value.some((v) => typeof v === 'number'));

function walk(value: unknown, where: string, ctx: RowContext): unknown {
  if (Array.isArray(value)) return value.map((v, i) => walk(v, `${where}[${i}]`, ctx));
  if (!isRecord(value)) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, v]) => [key, rewriteEntry(key, v, `${where}.${key}`, ctx)]),
  );
}

/** One key of a JSON object: an id key is mapped, anything else walked. */
function rewriteEntry(key: string, value: unknown, at: string, ctx: RowContext): unknown {
  const table = ID_KEYS[key];
  if (table) return ctx.mapId(table, value, at);
  // A key named like an id holding a number: unknown to the rules, so refuse (a text `id`, such as a
  // priority class's, is a name).
  if (looksLikeIdKey(key) && holdsNumbers(value))
    throw new UnclassifiedId(`${at} looks like an id (name it in idReferences.ts ID_KEYS or NOT_ID_KEYS)`);
  return walk(value, at, ctx);
}

export function isUnclassifiedId(error: unknown): boolean {
  return error instanceof UnclassifiedId;
}

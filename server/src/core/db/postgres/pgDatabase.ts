// PostgreSQL behind the synchronous API the domain code was written against (better-sqlite3's
// prepare/run/get/all/iterate/pluck/raw, exec, transaction, inTransaction). Only what the code
// base uses is here; the rest (user functions, online backup, pragmas) is SQLite's and says so.
import { PgBridge } from './pgBridge';
import type { BoundValue } from './bridgeProtocol';
import { rewritePlaceholders, type RewrittenSql } from './placeholders';

export interface RunResult {
  changes: number;
  lastInsertRowid: number;
}

const INSERT_INTO = /^\s*INSERT\s+INTO\s+"?([A-Za-z_][A-Za-z0-9_]*)"?/i;
const RETURNING = /\bRETURNING\b/i;

function bindable(value: unknown): BoundValue {
  if (value === undefined || value === null) return null;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'bigint') return value;
  if (value instanceof Uint8Array) return value;
  throw new TypeError(`cannot bind a ${typeof value} to a statement`);
}

export class PgStatement {
  private readonly rewritten: RewrittenSql;
  private readonly returnsId: boolean;
  private plucked = false;
  private arrays = false;
  readonly reader: boolean;

  constructor(
    readonly database: PgDatabase,
    readonly source: string,
  ) {
    this.rewritten = rewritePlaceholders(source);
    const insert = INSERT_INTO.exec(source);
    this.returnsId =
      insert !== null && !RETURNING.test(source) && database.hasIdColumn(insert[1]!.toLowerCase());
    this.reader = /^\s*(SELECT|WITH|VALUES)\b/i.test(source) || RETURNING.test(source);
  }

  pluck(toggle = true): this {
    this.plucked = toggle;
    return this;
  }

  raw(toggle = true): this {
    this.arrays = toggle;
    return this;
  }

  run(...args: unknown[]): RunResult {
    const text = this.returnsId ? `${this.rewritten.text} RETURNING id` : this.rewritten.text;
    const result = this.database.bridge.query(text, this.bind(args));
    const first = result.rows[0] as { id?: number } | undefined;
    return { changes: result.rowCount, lastInsertRowid: this.returnsId ? Number(first?.id ?? 0) : 0 };
  }

  get(...args: unknown[]): unknown {
    return this.all(...args)[0];
  }

  all(...args: unknown[]): unknown[] {
    const arrays = this.arrays || this.plucked;
    const { rows } = this.database.bridge.query(this.rewritten.text, this.bind(args), arrays);
    return this.plucked ? (rows as unknown[][]).map((r) => r[0]) : rows;
  }

  *iterate(...args: unknown[]): IterableIterator<unknown> {
    yield* this.all(...args);
  }

  private bind(args: unknown[]): BoundValue[] {
    const { names, positional } = this.rewritten;
    if (names.length > 0) {
      const values = args[0];
      if (args.length !== 1 || typeof values !== 'object' || values === null)
        throw new RangeError('named parameters need one object');
      const record = values as Record<string, unknown>;
      return names.map((name) => {
        if (!(name in record)) throw new RangeError(`missing named parameter "${name}"`);
        return bindable(record[name]);
      });
    }
    const flat = args.length === 1 && Array.isArray(args[0]) ? (args[0] as unknown[]) : args;
    if (flat.length !== positional)
      throw new RangeError(`statement takes ${positional} parameters, got ${flat.length}`);
    return flat.map(bindable);
  }
}

export interface PgDatabaseOptions {
  readonly?: boolean;
  applicationName?: string;
}

export class PgDatabase {
  readonly dialect = 'postgres' as const;
  readonly memory = false;
  readonly readonly: boolean;
  readonly bridge: PgBridge;
  open = true;
  private idTables = new Set<string>();
  private depth = 0;

  constructor(
    /** The connection URL (reportPool hands it to its worker, as it hands SQLite's file name). */
    readonly name: string,
    options: PgDatabaseOptions = {},
  ) {
    this.readonly = options.readonly ?? false;
    this.bridge = new PgBridge(name, options.applicationName);
  }

  get inTransaction(): boolean {
    return this.bridge.inTransaction;
  }

  /** Re-reads which tables have an `id` column (after migrations), for `lastInsertRowid`. */
  loadSchema(): void {
    const { rows } = this.bridge.query(
      `SELECT table_name FROM information_schema.columns
        WHERE table_schema = current_schema() AND column_name = 'id'`,
    );
    this.idTables = new Set((rows as { table_name: string }[]).map((r) => r.table_name));
  }

  hasIdColumn(table: string): boolean {
    return this.idTables.has(table);
  }

  prepare(source: string): PgStatement {
    return new PgStatement(this, source);
  }

  exec(source: string): this {
    this.bridge.script(source);
    return this;
  }

  /**
   * better-sqlite3's transaction(): BEGIN/COMMIT outside, a savepoint when nested. On a read-only
   * connection (the report worker) a transaction is one snapshot, as a SQLite read transaction is:
   * REPEATABLE READ, or a report could count a day both from its rollup stored meanwhile and from
   * the events it read before.
   */
  transaction<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => R {
    return (...args: A): R => {
      const outer = this.depth === 0;
      const savepoint = `nested_${this.depth}`;
      const begin = this.readonly ? 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY' : 'BEGIN';
      this.bridge.defer(outer ? begin : `SAVEPOINT ${savepoint}`);
      this.depth += 1;
      let result: R;
      try {
        result = fn(...args);
      } catch (error) {
        this.depth -= 1;
        try {
          if (outer) this.bridge.query('ROLLBACK');
          else {
            this.bridge.query(`ROLLBACK TO ${savepoint}`);
            this.bridge.defer(`RELEASE ${savepoint}`);
          }
        } catch {
          // The connection is gone: so is the transaction.
        }
        throw error;
      }
      this.depth -= 1;
      if (outer) this.bridge.query('COMMIT');
      else this.bridge.defer(`RELEASE ${savepoint}`);
      return result;
    };
  }

  pragma(source: string): never {
    throw new Error(`PRAGMA ${source} is SQLite's; this database is PostgreSQL`);
  }

  backup(): never {
    throw new Error("online backup is SQLite's; back PostgreSQL up with pg_dump");
  }

  close(): this {
    if (this.open) this.bridge.close();
    this.open = false;
    return this;
  }
}

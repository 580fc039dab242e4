// A synchronous PostgreSQL connection: the calling thread posts a statement to a worker thread
// that holds the `pg` client and blocks (Atomics.wait) until the reply is there, then takes it
// with receiveMessageOnPort. The domain code stays synchronous and runs unchanged on SQLite and on
// PostgreSQL; each statement blocks the event loop for one round trip to the database (measured:
// see server/src/core/db/README.md). Statements whose results nobody reads can be deferred: they
// travel in the same pipeline as the next awaited statement.
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import type { BoundValue, BridgeReply, BridgeRequest, Statement } from './bridgeProtocol';

/** A PostgreSQL error (or a lost connection) surfaced through the bridge. */
export class PgError extends Error {
  /** `PG_<SQLSTATE>`, or PG_CONNECTION when the connection failed or was lost. */
  readonly code: string;
  readonly sqlState: string;
  /** The statement's text (never its values): where it failed, for the log. */
  readonly sql: string | undefined;
  constructor(message: string, sqlState: string, detail?: string, sql?: string) {
    super(detail ? `${message} (${detail})` : message);
    this.name = 'PgError';
    this.sqlState = sqlState;
    this.code = `PG_${sqlState}`;
    this.sql = sql?.slice(0, 300);
  }
}

/** Longer than any statement may run (statement_timeout) plus a connect: the worker itself is stuck. */
const REPLY_TIMEOUT_MS = 30_000;

export interface QueryResult {
  rows: unknown[];
  rowCount: number;
  command: string;
}

function workerEntry(): { url: URL; execArgv: string[] } {
  // From source (tests, dev) the worker is TypeScript and needs tsx; a bundle ships it beside its
  // main file with the same extension (dist/server/pgBridgeWorker.js).
  const extension = /\.[cm]?[jt]s$/.exec(new URL(import.meta.url).pathname)?.[0] ?? '.js';
  const url = new URL(`./pgBridgeWorker${extension}`, import.meta.url);
  if (extension !== '.ts') return { url, execArgv: [] };
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
  return { url, execArgv: ['--import', tsx] };
}

/** Uint8Arrays come back from the worker; the code above expects Buffers (better-sqlite3's BLOBs). */
function buffersIn(rows: unknown[]): unknown[] {
  for (const row of rows) {
    const values = row as Record<string, unknown>;
    for (const key in values) {
      const v = values[key];
      if (v instanceof Uint8Array && !Buffer.isBuffer(v))
        values[key] = Buffer.from(v.buffer, v.byteOffset, v.byteLength);
    }
  }
  return rows;
}

export class PgBridge {
  private readonly worker: Worker;
  private readonly port: MessagePort;
  private readonly replied: Int32Array;
  private nextId = 1;
  private deferred: Statement[] = [];
  private closed = false;
  /** Connections the worker has opened; see `epoch`. */
  private epochNow = 0;
  private txStatusNow = 'I';
  /** Round trips so far (the bench and the README's figures). */
  roundTrips = 0;

  constructor(
    readonly url: string,
    applicationName = 'hall-server',
  ) {
    const { port1, port2 } = new MessageChannel();
    const signal = new SharedArrayBuffer(4);
    this.replied = new Int32Array(signal);
    this.port = port1;
    const entry = workerEntry();
    this.worker = new Worker(entry.url, {
      workerData: { url, port: port2, signal, applicationName },
      transferList: [port2],
      execArgv: entry.execArgv,
    });
    // The worker is part of this connection: it must not keep a finished process alive.
    this.worker.unref();
    this.port.unref();
  }

  /**
   * Connections opened so far. When it changes between two statements, the session of the first
   * is gone: its transaction rolled back, its advisory locks released.
   */
  get epoch(): number {
    return this.epochNow;
  }

  /** Inside a transaction: PostgreSQL's own view after the last statement, or a BEGIN still deferred. */
  get inTransaction(): boolean {
    return this.txStatusNow !== 'I' || this.deferred.some((s) => s.sql.startsWith('BEGIN'));
  }

  /** Runs one statement and returns its rows; deferred statements go first, in the same pipeline. */
  query(sql: string, params: BoundValue[] = [], arrays = false): QueryResult {
    return this.send({ deferred: this.takeDeferred(), statement: { sql, params, arrays } });
  }

  /** Several statements in the simple protocol (no parameters), e.g. a migration. */
  script(sql: string): QueryResult {
    return this.send({ deferred: this.takeDeferred(), statement: null, script: sql });
  }

  /** Queues a statement whose result nobody reads; it runs before the next awaited one. */
  defer(sql: string, params: BoundValue[] = []): void {
    this.deferred.push({ sql, params });
  }

  /** Sends the deferred statements now (e.g. before COMMIT returns to the caller). */
  flush(): void {
    if (this.deferred.length > 0) this.send({ deferred: this.takeDeferred(), statement: null });
  }

  close(): void {
    if (this.closed) return;
    this.deferred = [];
    try {
      this.send({ deferred: [], statement: null, close: true });
    } catch {
      // Closing anyway.
    }
    this.closed = true;
    void this.worker.terminate();
  }

  private takeDeferred(): Statement[] {
    const taken = this.deferred;
    this.deferred = [];
    return taken;
  }

  private send(request: Omit<BridgeRequest, 'id'>): QueryResult {
    if (this.closed) throw new PgError('database connection closed', 'CONNECTION');
    const id = this.nextId++;
    this.port.postMessage({ id, ...request } satisfies BridgeRequest);
    this.roundTrips += 1;
    const deadline = Date.now() + REPLY_TIMEOUT_MS;
    for (;;) {
      const seen = Atomics.load(this.replied, 0);
      if (seen === id) break;
      const left = deadline - Date.now();
      if (left <= 0) throw new PgError('database worker did not answer', 'CONNECTION');
      Atomics.wait(this.replied, 0, seen, left);
    }
    let reply: BridgeReply | null = null;
    for (;;) {
      const message = receiveMessageOnPort(this.port);
      if (!message) break;
      const candidate = message.message as BridgeReply;
      if (candidate.id === id) reply = candidate;
    }
    if (!reply) throw new PgError('database worker reply lost', 'CONNECTION');
    this.epochNow = reply.epoch;
    this.txStatusNow = reply.txStatus;
    if (!reply.ok || reply.error) {
      const e = reply.error ?? { message: 'statement failed', sqlState: 'XX000' };
      throw new PgError(e.message, e.sqlState, undefined, request.statement?.sql ?? request.script);
    }
    return { rows: buffersIn(reply.rows), rowCount: reply.rowCount, command: reply.command };
  }
}

// The worker thread behind a synchronous PostgreSQL connection (pgBridge.ts): it holds one `pg`
// client and answers one request at a time. The asking thread blocks on a shared word until the
// reply is posted, so the domain code above stays synchronous, as it is on SQLite.
//
// Connection loss is reported, never retried behind the caller's back: the caller must know that
// its session (open transaction, advisory locks) is gone. The next request connects again.
import pg from 'pg';
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import type { BridgeError, BridgeReply, BridgeRequest, Statement } from './bridgeProtocol';
import { connectionSettings, installTypeParsers } from './pgTypes';

interface BridgeWorkerData {
  url: string;
  port: MessagePort;
  signal: SharedArrayBuffer;
  applicationName: string;
}

const { url, port, signal, applicationName } = workerData as BridgeWorkerData;
const replied = new Int32Array(signal);
installTypeParsers(pg.types);

let client: pg.Client | null = null;
let epoch = 0;

async function connection(): Promise<pg.Client> {
  if (client) return client;
  const fresh = new pg.Client({
    connectionString: url,
    application_name: applicationName,
    // One statement at a time is still the contract; the pipeline lets deferred statements and
    // the awaited one travel together instead of one round trip each.
    pipeline: true,
    ...connectionSettings,
  });
  // A lost connection is reported with the next reply; an 'error' event must not kill the thread.
  fresh.on('error', () => {
    if (client === fresh) client = null;
  });
  fresh.on('end', () => {
    if (client === fresh) client = null;
  });
  await fresh.connect();
  epoch += 1;
  client = fresh;
  return fresh;
}

function toQuery(s: Statement): pg.QueryArrayConfig | pg.QueryConfig {
  const values = s.params.map((v) => (v instanceof Uint8Array && !Buffer.isBuffer(v) ? Buffer.from(v) : v));
  return s.arrays ? { text: s.sql, values, rowMode: 'array' } : { text: s.sql, values };
}

function describe(error: unknown): BridgeError {
  const e = error as { message?: string; code?: unknown; detail?: unknown };
  const sqlState = typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code) ? e.code : 'CONNECTION';
  return {
    message: String(e.message ?? error),
    sqlState,
    ...(typeof e.detail === 'string' ? { detail: e.detail } : {}),
  };
}

function txStatus(c: pg.Client | null): string {
  return (c as unknown as { _txStatus?: string | null } | null)?._txStatus ?? 'I';
}

async function handle(req: BridgeRequest): Promise<BridgeReply> {
  const base = { id: req.id, rows: [] as unknown[], rowCount: 0, command: '' };
  if (req.close) {
    const c = client;
    client = null;
    await c?.end().catch(() => undefined);
    return { ...base, ok: true, error: null, epoch, txStatus: 'I' };
  }
  let c: pg.Client;
  try {
    c = await connection();
  } catch (error) {
    return { ...base, ok: false, error: describe(error), epoch, txStatus: 'I' };
  }
  const pending: Promise<pg.QueryResult | pg.QueryArrayResult>[] = req.deferred.map((s) =>
    c.query(toQuery(s)),
  );
  if (req.statement) pending.push(c.query(toQuery(req.statement)));
  else if (req.script !== undefined) pending.push(c.query(req.script));
  const settled = await Promise.allSettled(pending);
  const failed = settled.find((s) => s.status === 'rejected');
  const last = settled[settled.length - 1];
  const lost = client !== c;
  if (failed || !last || last.status !== 'fulfilled') {
    const error = failed ? describe(failed.reason) : null;
    return {
      ...base,
      ok: failed === undefined && last !== undefined,
      error: lost && error ? { ...error, sqlState: 'CONNECTION' } : error,
      epoch,
      txStatus: lost ? 'I' : txStatus(c),
    };
  }
  const result = last.value as pg.QueryResult | pg.QueryResult[];
  // A multi-statement script answers with one result per statement; the last one counts.
  const one = Array.isArray(result) ? result[result.length - 1] : result;
  return {
    ...base,
    ok: true,
    rows: one?.rows ?? [],
    rowCount: one?.rowCount ?? 0,
    command: one?.command ?? '',
    error: null,
    epoch,
    txStatus: txStatus(c),
  };
}

port.on('message', (req: BridgeRequest) => {
  void handle(req)
    .catch((error: unknown) => ({
      id: req.id,
      ok: false,
      rows: [],
      rowCount: 0,
      command: '',
      error: describe(error),
      epoch,
      txStatus: txStatus(client),
    }))
    .then((reply) => {
      port.postMessage(reply);
      Atomics.store(replied, 0, req.id);
      Atomics.notify(replied, 0);
      if (req.close) {
        port.close();
        parentPort?.close();
      }
    });
});

// Runs report jobs off the event loop: a worker thread with its own read-only connection, one job
// at a time (a 2-core hall PC serves calls first), a short queue. What the worker builds — closed
// days' rollups — is written here, on the main connection, in small transactions of its own.
// An in-memory database (tests of other parts) cannot be shared with a thread: jobs then run here.
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { HallReport } from '@hall/shared/contracts/admin';
import { DomainError } from '@hall/shared/contracts/errors';
import type { Db } from '../core/db/database';
import type { Logger } from '../core/logger';
import { createJobContext } from './rollup/jobContext';
import type { Job, JobMessage, JobRequest, JobStats } from './rollup/jobMessages';
import { runCatchUpJob, runReportJob } from './rollup/rollupJobs';
import { createRollupWriter, type StoredDay } from './rollup/rollupRepository';

/** More reports than this waiting means someone is hammering the button: refuse, do not pile up. */
const MAX_QUEUED = 8;

export interface JobOutcome {
  report: HallReport | null;
  stats: JobStats;
}

interface Pending {
  request: JobRequest;
  resolve(outcome: JobOutcome): void;
  reject(error: Error): void;
}

export interface ReportPoolOptions {
  db: Db;
  logger: Logger;
  clock: () => number;
  /** Run jobs on this thread (forced for an in-memory database). */
  inline?: boolean;
}

function workerEntry(): { url: URL; execArgv: string[] } {
  // From source (tests, dev) the worker is TypeScript and needs tsx; a bundle ships the worker
  // beside its main file, with the same extension (dist/server/reportWorker.js).
  const extension = /\.[cm]?[jt]s$/.exec(new URL(import.meta.url).pathname)?.[0] ?? '.js';
  const url = new URL(`./reportWorker${extension}`, import.meta.url);
  if (extension !== '.ts') return { url, execArgv: [] };
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
  return { url, execArgv: ['--import', tsx] };
}

/** Buffers arrive from the worker as plain Uint8Arrays; the driver binds Buffers as BLOBs. */
function asStoredDays(days: StoredDay[]): StoredDay[] {
  for (const d of days) {
    for (const r of d.records) {
      for (const column of ['wait_hist', 'service_hist'] as const) {
        const value = r[column] as Uint8Array | null;
        if (value && !Buffer.isBuffer(value))
          r[column] = Buffer.from(value.buffer, value.byteOffset, value.byteLength);
      }
    }
  }
  return days;
}

export function createReportPool(options: ReportPoolOptions) {
  const { db, logger } = options;
  const writer = createRollupWriter(db, options.clock);
  const inline = options.inline === true || db.memory;
  const queue: Pending[] = [];
  let current: Pending | null = null;
  let worker: Worker | null = null;
  let nextId = 1;
  let closed = false;

  /** Rollups are a cache of the event log: a failed write costs a rebuild later, never a report. */
  function apply(message: JobMessage): void {
    try {
      if (message.type === 'invalidate') writer.invalidate(message.days, message.checkedEventId);
      else if (message.type === 'store') writer.store(message.hallId, asStoredDays(message.days));
    } catch (error) {
      logger.warn({ err: error }, 'could not store report rollups');
    }
  }

  function settle(message: JobMessage): void {
    if (!current || message.id !== current.request.id) return;
    const done = current;
    current = null;
    if (message.type === 'done') done.resolve({ report: message.report, stats: message.stats });
    else if (message.type === 'failed') {
      logger.error({ job: done.request.kind, detail: message.message }, 'report job failed');
      done.reject(message.code ? new DomainError(message.code) : new Error(message.message));
    }
    pump();
  }

  /** Built days the worker handed over and this thread has not written yet (the worker waits on it). */
  let storesInFlight = new Int32Array(new SharedArrayBuffer(4));

  function onMessage(message: JobMessage): void {
    if (message.type === 'invalidate' || message.type === 'store') apply(message);
    else settle(message);
    if (message.type === 'store' && !inline) {
      Atomics.sub(storesInFlight, 0, 1);
      Atomics.notify(storesInFlight, 0);
    }
  }

  function spawn(): Worker {
    const entry = workerEntry();
    storesInFlight = new Int32Array(new SharedArrayBuffer(4));
    const w = new Worker(entry.url, {
      workerData: { dbFile: db.name, storesInFlight: storesInFlight.buffer },
      execArgv: entry.execArgv,
      // Bounded memory: a report holds one group's histograms at a time, a few built days at most.
      resourceLimits: { maxOldGenerationSizeMb: 128, maxYoungGenerationSizeMb: 8 },
    });
    w.on('message', onMessage);
    w.on('error', (error) => logger.error({ err: error }, 'report worker failed'));
    w.on('exit', () => {
      if (worker === w) worker = null;
      if (current) {
        const lost = current;
        current = null;
        lost.reject(new Error('report worker stopped'));
        if (!closed) pump();
      }
    });
    return w;
  }

  function runInline(request: JobRequest): void {
    // Writes wait until the job's read transaction is over.
    const messages: JobMessage[] = [];
    const collect = (m: JobMessage) => messages.push(m);
    try {
      const ctx = createJobContext(db);
      if (request.kind === 'report') runReportJob(ctx, request, collect);
      else runCatchUpJob(ctx, request, collect);
    } catch (error) {
      collect({
        id: request.id,
        type: 'failed',
        code: error instanceof DomainError ? error.code : null,
        message: error instanceof Error ? error.message : String(error),
      });
    }
    for (const m of messages) onMessage(m);
  }

  function pump(): void {
    if (current || closed) return;
    const next = queue.shift();
    if (!next) return;
    current = next;
    if (inline) {
      setImmediate(() => runInline(next.request));
      return;
    }
    worker ??= spawn();
    worker.postMessage(next.request);
  }

  function enqueue(job: Job): Promise<JobOutcome> {
    if (closed) return Promise.reject(new Error('report pool closed'));
    if (queue.length >= MAX_QUEUED) return Promise.reject(new DomainError('RATE_LIMITED', { seconds: 10 }));
    return new Promise((resolve, reject) => {
      queue.push({ request: { ...job, id: nextId++ }, resolve, reject });
      pump();
    });
  }

  return {
    run: enqueue,

    /** Builds closed days now and then: first after `firstAfterMs`, then every `everyMs`. */
    scheduleCatchUp(firstAfterMs: number, everyMs: number): void {
      const tick = () => {
        if (closed) return;
        if (!current && queue.length === 0) {
          enqueue({ kind: 'catchUp', now: options.clock() }).catch((error: unknown) =>
            logger.warn({ err: error }, 'report catch-up failed'),
          );
        }
        const timer = setTimeout(tick, everyMs);
        timer.unref();
      };
      const first = setTimeout(tick, firstAfterMs);
      first.unref();
    },

    async close(): Promise<void> {
      closed = true;
      for (const p of queue.splice(0)) p.reject(new Error('report pool closed'));
      const w = worker;
      worker = null;
      if (w) await w.terminate();
    },
  };
}
export type ReportPool = ReturnType<typeof createReportPool>;

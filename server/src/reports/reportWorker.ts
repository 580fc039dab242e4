// The report worker thread: its own read-only connection to the hall database, one job at a time.
// Whatever it computes, the event loop that serves calls and screens never waits for it.
import fs from 'node:fs';
import os from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { DomainError } from '@hall/shared/contracts/errors';
import { openDatabase } from '../core/db/database';
import { createJobContext } from './rollup/jobContext';
import type { JobMessage, JobRequest } from './rollup/jobMessages';
import { runCatchUpJob, runReportJob } from './rollup/rollupJobs';

/**
 * Calls and screens come first: on Linux a thread has its own nice value, so the worker lowers its
 * own and the event loop wins the CPU whenever both want it (on a 2-core hall PC they often do).
 * Elsewhere it keeps the normal priority.
 */
function yieldCpuToTheHall(): void {
  try {
    const threadId = Number(fs.readlinkSync('/proc/thread-self').split('/').pop());
    if (Number.isInteger(threadId) && threadId > 0) os.setPriority(threadId, 19);
  } catch {
    // Not Linux: nothing to do.
  }
}
yieldCpuToTheHall();

const port = parentPort;
if (!port) throw new Error('reportWorker runs as a worker thread');
const { dbFile, storesInFlight } = workerData as { dbFile: string; storesInFlight: SharedArrayBuffer };
const db = openDatabase(dbFile, { readonly: true });
const ctx = createJobContext(db);
/** Built days handed over but not yet written by the main thread (it counts them down). */
const pending = new Int32Array(storesInFlight);
const MAX_STORES_IN_FLIGHT = 4;

function send(message: JobMessage): void {
  if (message.type === 'store') Atomics.add(pending, 0, 1);
  port!.postMessage(message);
  // Building is faster than writing: wait for the main thread rather than pile days up in memory.
  for (;;) {
    const n = Atomics.load(pending, 0);
    if (n < MAX_STORES_IN_FLIGHT) return;
    Atomics.wait(pending, 0, n, 1000);
  }
}

port.on('message', (job: JobRequest) => {
  try {
    if (job.kind === 'report') runReportJob(ctx, job, send);
    else runCatchUpJob(ctx, job, send);
  } catch (error) {
    send({
      id: job.id,
      type: 'failed',
      code: error instanceof DomainError ? error.code : null,
      message: error instanceof Error ? (error.stack ?? error.message) : String(error),
    });
  }
});

// The report worker thread: its own read-only connection to the hall database, one job at a time.
// Whatever it computes, the event loop that serves calls and screens never waits for it.
import { parentPort, workerData } from 'node:worker_threads';
import { DomainError } from '@hall/shared/contracts/errors';
import { openDatabase } from '../core/db/database';
import { createJobContext } from './rollup/jobContext';
import type { JobMessage, JobRequest } from './rollup/jobMessages';
import { runCatchUpJob, runReportJob } from './rollup/rollupJobs';

const port = parentPort;
if (!port) throw new Error('reportWorker runs as a worker thread');
const { dbFile } = workerData as { dbFile: string };
const db = openDatabase(dbFile, { readonly: true });
const ctx = createJobContext(db);
const send = (message: JobMessage) => port.postMessage(message);

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

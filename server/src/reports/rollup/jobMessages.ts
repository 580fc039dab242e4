// What the main thread and the report worker say to each other. The worker reads (its own
// read-only connection) and computes; the main thread writes what it built into the rollup tables.
import type { HallReport } from '@hall/shared/contracts/admin';
import type { ErrorCode } from '@hall/shared/contracts/errors';
import type { HallDay, StoredDay } from './rollupRepository';

export interface ReportJob {
  kind: 'report';
  from: string;
  to: string;
  /** The halls to cover (already checked against the asker's role). */
  hallIds: number[];
  /** What the report says it covers: a hall, or null for all halls. */
  hallId: number | null;
  now: number;
}

/** Builds every closed day not yet stored (the day-close job). */
export interface CatchUpJob {
  kind: 'catchUp';
  now: number;
}

export type Job = ReportJob | CatchUpJob;
export type JobRequest = Job & { id: number };

export interface JobStats {
  /** Closed days built from events in this job. */
  builtDays: number;
  /** Closed days read from stored rollups. */
  storedDays: number;
  /** Stored days found out of date by newer events. */
  invalidatedDays: number;
  ms: number;
}

export type JobMessage =
  | { id: number; type: 'invalidate'; days: HallDay[]; checkedEventId: number }
  | { id: number; type: 'store'; hallId: number; days: StoredDay[] }
  | { id: number; type: 'done'; report: HallReport | null; stats: JobStats }
  | { id: number; type: 'failed'; code: ErrorCode | null; message: string };

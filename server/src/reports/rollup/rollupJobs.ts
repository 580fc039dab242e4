// The report worker's jobs, as functions of a read-only connection: check which stored days newer
// events changed, build the closed days missing from the rollups (handing them to the main thread
// to store), and assemble a report from stored days + days built now + today's live part. A
// report reads one row set per stored day, never the tickets of a closed day that is stored.
import type { HallReport } from '@hall/shared/contracts/admin';
import { addDays, businessDay } from '@hall/shared/hallTime';
import type { Db } from '../../core/db/database';
import { HistogramFigures } from '../figures/histogramFigures';
import { ReportAssembler } from '../reportAssembler';
import type { ReportHall, ReportHomeVisitRow, ReportInput } from '../reportInput';
import { checkRange, daysBetween } from '../reportRange';
import type { ReportRowReader } from '../reportRows';
import { dayRollup } from './dayRollup';
import type { CatchUpJob, JobMessage, JobStats, ReportJob } from './jobMessages';
import { byGroupKey, mergeRecords } from './mergeRecords';
import type { RollupReader, StoredDay } from './rollupRepository';
import { toRow, type RollupRecord, type RollupRow } from './rollupRecord';

export interface JobContext {
  db: Db;
  rows: ReportRowReader;
  rollups: RollupReader;
  /** Every hall's time zone (events of any hall may touch stored days). */
  zoneOf(hallId: number): string;
  allHallIds(): number[];
}

type Send = (message: JobMessage) => void;

/** Days handed to the main thread per message: a week of one hall is a write of a few milliseconds. */
const STORE_CHUNK_DAYS = 7;

const dayKey = (hallId: number, day: string): string => `${hallId}|${day}`;

const previousDay = (day: string): string => addDays(day, -1);

function newStats(): JobStats {
  return { builtDays: 0, storedDays: 0, invalidatedDays: 0, ms: 0 };
}

/** Stored days that events since the last check touched; the main thread forgets them. */
function checkChanges(ctx: JobContext, id: number, send: Send, stats: JobStats): Set<string> {
  const after = ctx.rollups.checkedEventId();
  const upTo = ctx.rollups.lastEventId();
  const touched = upTo > after ? ctx.rollups.touchedDays(after, upTo, (h) => ctx.zoneOf(h)) : [];
  send({ id, type: 'invalidate', days: touched, checkedEventId: upTo });
  stats.invalidatedDays = touched.length;
  return new Set(touched.map((d) => dayKey(d.hallId, d.day)));
}

function periodInput(
  ctx: JobContext,
  hall: ReportHall,
  from: string,
  to: string,
  visits: ReportHomeVisitRow[],
): ReportInput {
  return {
    from,
    to,
    hallId: hall.id,
    halls: [hall],
    services: [],
    windows: [],
    staff: [],
    ...ctx.rows.periodRows(hall.id, from, to),
    homeVisits: visits,
  };
}

/** Builds closed days of one hall from its events, sending them to be stored a week at a time. */
function buildDays(
  ctx: JobContext,
  hall: ReportHall,
  days: string[],
  id: number,
  send: Send,
  keep: RollupRecord[] | null,
): number {
  if (days.length === 0) return 0;
  const visits = ctx.rows.homeVisits(hall.id);
  let chunk: StoredDay[] = [];
  for (const day of days) {
    const records = dayRollup(periodInput(ctx, hall, day, day, visits));
    chunk.push({ day, records });
    if (keep) for (const r of records) keep.push(r);
    if (chunk.length >= STORE_CHUNK_DAYS) {
      send({ id, type: 'store', hallId: hall.id, days: chunk });
      chunk = [];
    }
  }
  if (chunk.length > 0) send({ id, type: 'store', hallId: hall.id, days: chunk });
  return days.length;
}

const DAY = 2;

/** Stored rows minus the days found out of date (most reports find none). */
function withoutDays(
  rows: IterableIterator<RollupRow>,
  hallId: number,
  skip: Set<string>,
): Iterable<RollupRow> {
  if (skip.size === 0) return rows;
  return (function* () {
    for (const r of rows) if (!skip.has(dayKey(hallId, r[DAY] as string))) yield r;
  })();
}

export function runReportJob(ctx: JobContext, job: ReportJob & { id: number }, send: Send): HallReport {
  const started = performance.now();
  const stats = newStats();
  checkRange(job);
  // One read transaction: every row comes from the same moment of the database.
  const report = ctx.db.transaction(() => {
    const touched = checkChanges(ctx, job.id, send, stats);
    const lookups = ctx.rows.lookups(job.hallIds);
    const assembler = new ReportAssembler(lookups, () => new HistogramFigures());
    for (const hall of lookups.halls) {
      const today = businessDay(job.now, hall.timezone);
      const closedTo = job.to < today ? job.to : previousDay(today);
      const liveFrom = job.from > today ? job.from : today;
      const built: RollupRecord[] = [];
      let stored: Iterable<RollupRow> = [];
      if (job.from <= closedTo) {
        const have = ctx.rollups.storedDays(hall.id, job.from, closedTo);
        const missing = daysBetween(job.from, closedTo).filter(
          (d) => !have.has(d) || touched.has(dayKey(hall.id, d)),
        );
        stats.builtDays += buildDays(ctx, hall, missing, job.id, send, built);
        stats.storedDays += daysBetween(job.from, closedTo).length - missing.length;
        built.sort(byGroupKey);
        stored = withoutDays(ctx.rollups.rows(hall.id, job.from, closedTo), hall.id, touched);
      }
      const live =
        liveFrom <= job.to
          ? dayRollup(periodInput(ctx, hall, liveFrom, job.to, ctx.rows.homeVisits(hall.id)))
          : [];
      // The stored rows are read last: the connection reads nothing else while they stream.
      for (const group of mergeRecords(hall.id, [stored, built.map(toRow), live.map(toRow)]))
        assembler.add(group);
    }
    return assembler.finish({ from: job.from, to: job.to, hallId: job.hallId });
  })();
  stats.ms = Math.round(performance.now() - started);
  send({ id: job.id, type: 'done', report, stats });
  return report;
}

export function runCatchUpJob(ctx: JobContext, job: CatchUpJob & { id: number }, send: Send): JobStats {
  const started = performance.now();
  const stats = newStats();
  const touched = ctx.db.transaction(() => checkChanges(ctx, job.id, send, stats))();
  for (const hallId of ctx.allHallIds()) {
    // A read transaction per hall: a long catch-up never holds one snapshot for minutes.
    ctx.db.transaction(() => {
      const [hall] = ctx.rows.lookups([hallId]).halls;
      if (!hall) return;
      const today = businessDay(job.now, hall.timezone);
      const have = ctx.rollups.storedDays(hall.id, '0000-01-01', '9999-12-31');
      const visitDays = ctx.rows.homeVisits(hall.id).map((v) => businessDay(v.completedAt, hall.timezone));
      const bookingDays = ctx.rows.appointmentDays(hall.id);
      const days = [...new Set([...ctx.rollups.ticketDays(hall.id), ...visitDays, ...bookingDays])]
        .filter((d) => d < today && (!have.has(d) || touched.has(dayKey(hall.id, d))))
        .sort();
      stats.builtDays += buildDays(ctx, hall, days, job.id, send, null);
    })();
  }
  stats.ms = Math.round(performance.now() - started);
  send({ id: job.id, type: 'done', report: null, stats });
  return stats;
}

// Maintenance of the rollups on the database file itself, for the command line: rebuild them all
// from the event log, or check that reports from rollups equal the straight computation.
import type { HallReport } from '@hall/shared/contracts/admin';
import type { Db } from '../core/db/database';
import { createRepositories } from '../repositories';
import { compareReports, countFigures, type ReportDifference } from './compareReports';
import { computeReport } from './computeReport';
import { loadReportInput } from './loadReportInput';
import { createJobContext } from './rollup/jobContext';
import type { JobMessage, JobStats } from './rollup/jobMessages';
import { runCatchUpJob, runReportJob } from './rollup/rollupJobs';
import { createRollupReader, createRollupWriter } from './rollup/rollupRepository';
import type { ReportQuery } from './reportRange';

function applier(db: Db, clock: () => number) {
  const writer = createRollupWriter(db, clock);
  return (m: JobMessage) => {
    if (m.type === 'invalidate') writer.invalidate(m.days, m.checkedEventId);
    else if (m.type === 'store') writer.store(m.hallId, m.days);
  };
}

/** Drops every stored rollup and builds all closed days again from the event log. */
export function rebuildRollups(db: Db, now: number): JobStats {
  createRollupWriter(db, () => now).clear(createRollupReader(db).lastEventId());
  return runCatchUpJob(
    createJobContext(db),
    { id: 1, kind: 'catchUp', now },
    applier(db, () => now),
  );
}

export interface RollupCheck {
  figures: number;
  differences: ReportDifference[];
  fromRollups: HallReport;
}

/** Computes the report both ways (rollups, storing what is missing; and straight) and compares. */
export function checkRollups(db: Db, query: ReportQuery, now: number): RollupCheck {
  const repos = createRepositories(db);
  const hallIds = query.hallId === null ? repos.halls.list().map((h) => h.id) : [query.hallId];
  const messages: JobMessage[] = [];
  const fromRollups = runReportJob(
    createJobContext(db),
    { id: 1, kind: 'report', ...query, hallIds, now },
    (m) => messages.push(m),
  );
  messages.forEach(applier(db, () => now));
  const straight = computeReport(loadReportInput(repos, query));
  return { figures: countFigures(straight), differences: compareReports(straight, fromRollups), fromRollups };
}

// Who may see which halls' reports, and the report itself from the worker. A hall admin sees their
// own hall (asking for "all halls" means their hall; another hall is refused); a city account sees
// every hall, one at a time or summed. The computation runs in the report pool, off the event loop.
import type { HallReport, ReportScope } from '@hall/shared/contracts/admin';
import type { Role } from '@hall/shared/contracts/entities';
import type { RatingCaseCounts } from '@hall/shared/contracts/ratings';
import { DomainError } from '@hall/shared/contracts/errors';
import type { Repositories } from '../repositories';
import type { ReportPool } from './reportPool';
import { checkRange, type ReportQuery } from './reportRange';
import { reportCsvLines } from './reportCsv';

export interface ReportActor {
  role: Role;
  hallId: number;
}

export interface ReportServiceDeps {
  repos: Repositories;
  pool: ReportPool;
  clock: () => number;
  /** 差评 cases of a period by status (a small table: read here, not in the worker). */
  caseCounts?: (hallId: number | null, from: string, to: string, now: number) => RatingCaseCounts;
}

export function createReportService(deps: ReportServiceDeps) {
  const { repos, pool } = deps;

  function coveredHalls(
    actor: ReportActor,
    hallId: number | null,
  ): { hallIds: number[]; hallId: number | null } {
    if (actor.role === 'city') {
      if (hallId === null) return { hallIds: repos.halls.list().map((h) => h.id), hallId: null };
      if (!repos.halls.find(hallId)) throw new DomainError('HALL_NOT_FOUND');
      return { hallIds: [hallId], hallId };
    }
    if (actor.role !== 'admin') throw new DomainError('FORBIDDEN');
    if (hallId !== null && hallId !== actor.hallId) throw new DomainError('FORBIDDEN');
    return { hallIds: [actor.hallId], hallId: actor.hallId };
  }

  async function report(actor: ReportActor, query: ReportQuery): Promise<HallReport> {
    checkRange(query);
    const covered = coveredHalls(actor, query.hallId);
    const now = deps.clock();
    const outcome = await pool.run({ kind: 'report', from: query.from, to: query.to, ...covered, now });
    const result = outcome.report!;
    if (deps.caseCounts) result.ratingCases = deps.caseCounts(covered.hallId, query.from, query.to, now);
    return result;
  }

  return {
    report,

    scope(actor: ReportActor): ReportScope {
      const halls =
        actor.role === 'city'
          ? repos.halls.list()
          : [repos.halls.find(actor.hallId)].filter((h) => h !== null);
      return {
        city: actor.role === 'city',
        halls: halls.map((h) => ({ id: h.id, name: h.name, nameEn: h.nameEn, timezone: h.timezone })),
      };
    },

    /** The report as CSV lines (the first with the byte-order mark), to stream. */
    async csv(
      actor: ReportActor,
      query: ReportQuery,
    ): Promise<{ fileName: string; lines: Iterable<string> }> {
      const result = await report(actor, query);
      const hallName = result.hallId === null ? '全部大厅' : (repos.halls.find(result.hallId)?.name ?? '');
      return { fileName: `report-${query.from}-${query.to}.csv`, lines: reportCsvLines(result, hallName) };
    },
  };
}
export type ReportService = ReturnType<typeof createReportService>;

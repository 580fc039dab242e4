// Reads rows, computes the report, and names the hall(s) it covers for the CSV title.
import type { HallReport } from '@hall/shared/contracts/admin';
import type { Repositories } from '../repositories';
import { computeReport } from './computeReport';
import { loadReportInput, type ReportQuery } from './loadReportInput';
import { reportCsv } from './reportCsv';

export function createReportService(repos: Repositories) {
  function report(query: ReportQuery): HallReport {
    return computeReport(loadReportInput(repos, query));
  }
  return {
    report,
    csv(query: ReportQuery): string {
      const result = report(query);
      const hallName = query.hallId === null ? '全部大厅' : (repos.halls.find(query.hallId)?.name ?? '');
      return reportCsv(result, hallName);
    },
  };
}
export type ReportService = ReturnType<typeof createReportService>;

// The straight way to a report's rows: every ticket and event of the period at once. The report
// path no longer uses it (it reads per-day rollups in a worker); it remains the reference that
// `npm run reports -- check` and the tests compare the rollups with.
import { DomainError } from '@hall/shared/contracts/errors';
import type { Repositories } from '../repositories';
import type { ReportInput } from './reportInput';
import { createReportRowReader } from './reportRows';
import { checkRange, type ReportQuery } from './reportRange';

export function loadReportInput(repos: Repositories, query: ReportQuery): ReportInput {
  checkRange(query);
  const hallIds = query.hallId === null ? repos.halls.list().map((h) => h.id) : [query.hallId];
  const reader = createReportRowReader(repos.db, repos);
  const lookups = reader.lookups(hallIds);
  if (lookups.halls.length === 0 && query.hallId !== null) throw new DomainError('HALL_NOT_FOUND');
  const input: ReportInput = {
    ...query,
    ...lookups,
    tickets: [],
    calls: [],
    dones: [],
    homeVisits: [],
    appointments: [],
  };
  for (const hall of lookups.halls) {
    const rows = reader.periodRows(hall.id, query.from, query.to);
    input.tickets.push(...rows.tickets);
    input.calls.push(...rows.calls);
    input.dones.push(...rows.dones);
    input.appointments.push(...rows.appointments);
    input.homeVisits.push(...reader.homeVisits(hall.id));
  }
  return input;
}

// Report commands: hall admins for their hall, city accounts for any hall or all of them.
import { reportQuerySchema } from '@hall/shared/contracts/schemas';
import type { CommandRegistrar } from '../core/command';
import type { AppSocket } from '../core/socketTypes';
import type { ReportService } from './reportService';

export function registerReportHandlers(
  socket: AppSocket,
  on: CommandRegistrar,
  reports: ReportService,
): void {
  const actor = () => ({ role: socket.data.role, hallId: socket.data.hallId });
  on.command('admin:report', reportQuerySchema, (query) => reports.report(actor(), query));
  on.query('report:scope', () => reports.scope(actor()));
}

// Report commands (admin only).
import { reportQuerySchema } from '@hall/shared/contracts/schemas';
import type { CommandRegistrar } from '../core/command';
import type { ReportService } from './reportService';

export function registerReportHandlers(on: CommandRegistrar, reports: ReportService): void {
  on.command('admin:report', reportQuerySchema, (query) => reports.report(query));
}

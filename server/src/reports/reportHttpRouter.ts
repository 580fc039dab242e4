// GET /api/admin/report.csv?from=YYYY-MM-DD&to=YYYY-MM-DD[&hallId=N] with
// `Authorization: Bearer <admin session token>`: the report as a CSV download for Excel.
// Refusals are JSON Results like every other API answer.
import express, { type Response } from 'express';
import { DomainError, fail, type ErrorCode, type Result } from '@hall/shared/contracts/errors';
import { reportQuerySchema } from '@hall/shared/contracts/schemas';
import type { AuthService } from '../auth/authService';
import { sha256 } from '../core/secrets';
import { toAppError, validationError } from '../core/errors';
import type { ReportService } from './reportService';
import type { Logger } from '../core/logger';

const STATUS: Partial<Record<ErrorCode, number>> = {
  VALIDATION_FAILED: 400,
  UNAUTHENTICATED: 401,
  SESSION_EXPIRED: 401,
  ACCOUNT_DISABLED: 403,
  FORBIDDEN: 403,
  HALL_NOT_FOUND: 404,
};

function refuse(res: Response, result: Result<never>): void {
  const status = result.ok ? 500 : (STATUS[result.error.code] ?? 500);
  res.status(status).setHeader('Cache-Control', 'no-store').json(result);
}

export interface AdminHttpDeps {
  auth: Pick<AuthService, 'checkSession'>;
  reports: ReportService;
  logger: Logger;
}

export function createAdminHttpRouter(deps: AdminHttpDeps): express.Router {
  const router = express.Router();
  router.get('/report.csv', (req, res) => {
    const token = /^Bearer (\S{16,128})$/.exec(req.get('authorization') ?? '')?.[1];
    if (!token) return refuse(res, fail('UNAUTHENTICATED'));
    try {
      const staff = deps.auth.checkSession(sha256(token));
      if (staff.role !== 'admin') return refuse(res, fail('FORBIDDEN'));
      const { from, to, hallId } = req.query;
      const parsed = reportQuerySchema.safeParse({
        from,
        to,
        hallId: typeof hallId === 'string' && hallId !== '' ? Number(hallId) : null,
      });
      if (!parsed.success) return refuse(res, { ok: false, error: validationError(parsed.error) });
      const body = deps.reports.csv(parsed.data);
      const name = `report-${parsed.data.from}-${parsed.data.to}.csv`;
      res
        .status(200)
        .setHeader('Content-Type', 'text/csv; charset=utf-8')
        .setHeader('Content-Disposition', `attachment; filename="${name}"`)
        .setHeader('Cache-Control', 'no-store')
        .send(Buffer.from(body, 'utf8'));
    } catch (error) {
      if (!(error instanceof DomainError)) deps.logger.error({ err: error }, 'report.csv failed');
      refuse(res, { ok: false, error: toAppError(error) } as Result<never>);
    }
  });
  return router;
}

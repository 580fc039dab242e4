// GET /api/admin/report.csv?from=YYYY-MM-DD&to=YYYY-MM-DD[&hallId=N] with
// `Authorization: Bearer <session token>` of a hall admin (their hall) or a city account (any hall,
// or all without hallId): the report as a CSV download for Excel, streamed line by line.
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

/** Waits until the client takes more; false if it went away. */
function drained(res: Response): Promise<boolean> {
  return new Promise((resolve) => {
    const done = (ok: boolean) => () => {
      res.off('drain', onDrain);
      res.off('close', onClose);
      resolve(ok);
    };
    const onDrain = done(true);
    const onClose = done(false);
    res.once('drain', onDrain);
    res.once('close', onClose);
  });
}

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
  router.get('/report.csv', async (req, res) => {
    const token = /^Bearer (\S{16,128})$/.exec(req.get('authorization') ?? '')?.[1];
    if (!token) return refuse(res, fail('UNAUTHENTICATED'));
    try {
      const staff = deps.auth.checkSession(sha256(token));
      if (staff.role !== 'admin' && staff.role !== 'city') return refuse(res, fail('FORBIDDEN'));
      const { from, to, hallId } = req.query;
      const parsed = reportQuerySchema.safeParse({
        from,
        to,
        hallId: typeof hallId === 'string' && hallId !== '' ? Number(hallId) : null,
      });
      if (!parsed.success) return refuse(res, { ok: false, error: validationError(parsed.error) });
      const csv = await deps.reports.csv({ role: staff.role, hallId: staff.hallId }, parsed.data);
      res
        .status(200)
        .setHeader('Content-Type', 'text/csv; charset=utf-8')
        .setHeader('Content-Disposition', `attachment; filename="${csv.fileName}"`)
        .setHeader('Cache-Control', 'no-store');
      for (const line of csv.lines) {
        // Respect back-pressure: a slow client never makes the server hold the whole sheet.
        if (!res.write(line) && !(await drained(res))) return;
      }
      res.end();
    } catch (error) {
      if (!(error instanceof DomainError)) deps.logger.error({ err: error }, 'report.csv failed');
      refuse(res, { ok: false, error: toAppError(error) } as Result<never>);
    }
  });
  return router;
}

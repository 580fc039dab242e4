// Ratings leave the hall two ways: GET /api/v1/ratings?from=&to= for the provincial platform
// (an API key of scope `ratings`; its own hall only), and GET /api/admin/ratings.csv?from=&to= for
// a hall admin (session token), a CSV with BOM for Excel. Refusals are JSON Results.
import express from 'express';
import { DomainError, ok, type ErrorCode } from '@hall/shared/contracts/errors';
import { ratingExportQuerySchema } from '@hall/shared/contracts/schemas';
import type { AuthService } from '../auth/authService';
import type { ApiKeyService } from '../apiKeys/apiKeyService';
import { apiKeyOf, requireApiKey } from '../apiKeys/requireApiKey';
import { sha256 } from '../core/secrets';
import { toAppError } from '../core/errors';
import type { Logger } from '../core/logger';
import type { RatingExport } from './ratingExport';

const STATUS: Partial<Record<ErrorCode, number>> = {
  VALIDATION_FAILED: 400,
  UNAUTHENTICATED: 401,
  SESSION_EXPIRED: 401,
  ACCOUNT_DISABLED: 403,
  FORBIDDEN: 403,
};

function period(query: express.Request['query']): { from: string; to: string } {
  const parsed = ratingExportQuerySchema.safeParse({ from: query.from, to: query.to });
  if (!parsed.success) throw new DomainError('VALIDATION_FAILED', { detail: 'from/to: YYYY-MM-DD' });
  return parsed.data;
}

function refuse(res: express.Response, error: unknown, logger: Logger): void {
  if (!(error instanceof DomainError)) logger.error({ err: error }, 'ratings export failed');
  const appError = toAppError(error);
  res
    .status(STATUS[appError.code] ?? 500)
    .setHeader('Cache-Control', 'no-store')
    .json({ ok: false, error: appError });
}

/** Adds GET /ratings to the external API router (/api/v1). */
export function addRatingApi(
  router: express.Router,
  deps: { apiKeys: ApiKeyService; exports: RatingExport; logger: Logger },
): void {
  router.get('/ratings', requireApiKey(deps.apiKeys, 'ratings'), (req, res) => {
    try {
      const key = apiKeyOf(res);
      const { from, to } = period(req.query);
      res.json(ok({ hallId: key.hallId, from, to, ratings: deps.exports.records(key.hallId, from, to) }));
    } catch (error) {
      refuse(res, error, deps.logger);
    }
  });
}

export function createRatingAdminRouter(deps: {
  auth: Pick<AuthService, 'checkSession'>;
  exports: RatingExport;
  logger: Logger;
}): express.Router {
  const router = express.Router();
  router.get('/ratings.csv', (req, res) => {
    try {
      const token = /^Bearer (\S{16,128})$/.exec(req.get('authorization') ?? '')?.[1];
      if (!token) throw new DomainError('UNAUTHENTICATED');
      const staff = deps.auth.checkSession(sha256(token));
      if (staff.role !== 'admin') throw new DomainError('FORBIDDEN');
      const { from, to } = period(req.query);
      const lines = deps.exports.csvLines(staff.hallId, from, to);
      res
        .status(200)
        .setHeader('Content-Type', 'text/csv; charset=utf-8')
        .setHeader('Content-Disposition', `attachment; filename="ratings-${from}-${to}.csv"`)
        .setHeader('Cache-Control', 'no-store')
        .send([...lines].join(''));
    } catch (error) {
      refuse(res, error, deps.logger);
    }
  });
  return router;
}

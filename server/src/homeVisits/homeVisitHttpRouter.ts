// GET /api/admin/home-visits.csv?status=&from=&to=[&personal=1&reason=<reveal reason>] with
// `Authorization: Bearer <admin session token>`: the register as a CSV download. Without
// `personal=1` it has no personal column; with it a reason is required and the export is logged.
import express from 'express';
import { z } from 'zod';
import { DomainError, type Result } from '@hall/shared/contracts/errors';
import { homeVisitListSchema } from '@hall/shared/contracts/schemas';
import { REVEAL_REASONS } from '@hall/shared/contracts/privacy';
import type { AuthService } from '../auth/authService';
import { toAppError, validationError } from '../core/errors';
import type { Logger } from '../core/logger';
import { adminFromRequest, refuse, sendCsv } from '../http/adminSession';
import type { HomeVisitService } from './homeVisitService';

const blankToNull = (v: unknown) => (v === '' || v === undefined ? null : v);

const exportQuerySchema = z
  .object({
    status: z.preprocess(blankToNull, homeVisitListSchema.shape.status),
    from: z.preprocess(blankToNull, homeVisitListSchema.shape.from),
    to: z.preprocess(blankToNull, homeVisitListSchema.shape.to),
    personal: z.enum(['0', '1']).default('0'),
    reason: z.enum(REVEAL_REASONS).optional(),
  })
  .strict()
  .refine((q) => q.personal === '0' || q.reason !== undefined, {
    message: 'a reason is required for personal fields',
    path: ['reason'],
  });

export interface HomeVisitHttpDeps {
  auth: Pick<AuthService, 'checkSession'>;
  visits: HomeVisitService;
  logger: Logger;
}

export function createHomeVisitHttpRouter(deps: HomeVisitHttpDeps): express.Router {
  const router = express.Router();
  router.get('/home-visits.csv', (req, res) => {
    try {
      const admin = adminFromRequest(req, deps.auth);
      if (!admin.ok) return refuse(res, admin.result);
      const parsed = exportQuerySchema.safeParse(req.query);
      if (!parsed.success) return refuse(res, { ok: false, error: validationError(parsed.error) });
      const { status, from, to, personal, reason } = parsed.data;
      const body = deps.visits.exportCsv(
        { hallId: admin.staff.hallId, staffId: admin.staff.id },
        { filter: { status, from, to }, personal: personal === '1' && reason ? { reason } : null },
      );
      sendCsv(res, personal === '1' ? 'home-visits-personal.csv' : 'home-visits.csv', body);
    } catch (error) {
      if (!(error instanceof DomainError)) deps.logger.error({ err: error }, 'home-visits.csv failed');
      refuse(res, { ok: false, error: toAppError(error) } as Result<never>);
    }
  });
  return router;
}

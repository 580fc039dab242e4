// GET /api/admin/access-log.csv?from=YYYY-MM-DD&to=YYYY-MM-DD with `Authorization: Bearer <admin
// session token>`: the access log as a CSV download (it holds record ids, never personal fields).
import express from 'express';
import { DomainError, type Result } from '@hall/shared/contracts/errors';
import { accessLogQuerySchema } from '@hall/shared/contracts/privacy';
import type { AuthService } from '../auth/authService';
import { toAppError, validationError } from '../core/errors';
import type { Logger } from '../core/logger';
import type { Repositories } from '../repositories';
import { adminFromRequest, refuse, sendCsv } from '../http/adminSession';
import type { PrivacyService } from './privacyService';
import { accessLogCsv } from './accessLogCsv';

export interface PrivacyHttpDeps {
  auth: Pick<AuthService, 'checkSession'>;
  privacy: PrivacyService;
  repos: Repositories;
  logger: Logger;
}

export function createPrivacyHttpRouter(deps: PrivacyHttpDeps): express.Router {
  const router = express.Router();
  router.get('/access-log.csv', (req, res) => {
    try {
      const admin = adminFromRequest(req, deps.auth);
      if (!admin.ok) return refuse(res, admin.result);
      const { from, to } = req.query;
      const parsed = accessLogQuerySchema.safeParse({
        from: typeof from === 'string' && from !== '' ? from : null,
        to: typeof to === 'string' && to !== '' ? to : null,
      });
      if (!parsed.success) return refuse(res, { ok: false, error: validationError(parsed.error) });
      const actor = { hallId: admin.staff.hallId, staffId: admin.staff.id };
      const entries = deps.privacy.accessLog(actor, parsed.data);
      const zone = deps.repos.halls.find(actor.hallId)?.timezone ?? 'Asia/Shanghai';
      sendCsv(
        res,
        `access-log-${parsed.data.from ?? 'all'}-${parsed.data.to ?? 'all'}.csv`,
        accessLogCsv(entries, zone),
      );
    } catch (error) {
      if (!(error instanceof DomainError)) deps.logger.error({ err: error }, 'access-log.csv failed');
      refuse(res, { ok: false, error: toAppError(error) } as Result<never>);
    }
  });
  return router;
}

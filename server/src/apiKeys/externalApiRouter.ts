// The API external systems call with an admin-issued key, mounted under /api/v1. Domains that
// offer an external API (appointments, ratings) add their routes to this router with
// requireApiKey(…, '<their scope>'); `GET /api/v1/whoami` lets an integrator check a key.
import express from 'express';
import { ok } from '@hall/shared/contracts/errors';
import type { Repositories } from '../repositories';
import type { ApiKeyService } from './apiKeyService';
import { apiKeyOf, requireApiKey } from './requireApiKey';

export function createExternalApiRouter(deps: {
  repos: Repositories;
  apiKeys: ApiKeyService;
}): express.Router {
  const router = express.Router();
  router.get('/whoami', requireApiKey(deps.apiKeys, null), (_req, res) => {
    const key = apiKeyOf(res);
    const hall = deps.repos.halls.find(key.hallId);
    res.json(
      ok({
        hall: { id: key.hallId, code: hall?.code ?? null, name: hall?.name ?? null },
        key: { name: key.name, scopes: key.scopes, prefix: key.prefix },
      }),
    );
  });
  return router;
}

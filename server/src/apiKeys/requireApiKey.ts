// Express middleware for the external-system API (/api/v1): the key comes as
// `Authorization: Bearer hq_…`; the request goes on only with a live key allowed `scope` (null:
// any live key), which
// is then in res.locals.apiKey (its hall is the only hall the request may touch). Refusals are
// Results with a code and zh/en words, like every other API answer.
import type { NextFunction, Request, Response } from 'express';
import type { ApiKey, ApiKeyScope } from '@hall/shared/contracts/admin';
import { DomainError, fail } from '@hall/shared/contracts/errors';
import type { ApiKeyService } from './apiKeyService';

const BEARER = /^Bearer (hq_[A-Za-z0-9_-]{16,128})$/;

export function requireApiKey(apiKeys: ApiKeyService, scope: ApiKeyScope | null) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const secret = BEARER.exec(req.get('authorization') ?? '')?.[1];
    res.setHeader('Cache-Control', 'no-store');
    if (!secret) {
      res.status(401).json(fail('API_KEY_INVALID'));
      return;
    }
    try {
      res.locals.apiKey = apiKeys.authenticate(secret, scope);
      next();
    } catch (error) {
      if (!(error instanceof DomainError)) return next(error);
      res
        .status(error.appError.code === 'API_KEY_SCOPE' ? 403 : 401)
        .json({ ok: false, error: error.appError });
    }
  };
}

/** The key a request was let in with (set by requireApiKey). */
export const apiKeyOf = (res: Response): ApiKey => res.locals.apiKey as ApiKey;

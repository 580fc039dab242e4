// The little HTTP the system needs: health, staff sign-in/out, and the public ticket status that
// the QR code on every ticket leads to. Every answer is a Result, like socket acknowledgements.
import express, { type Request, type Response, type NextFunction } from 'express';
import { appError, DomainError, fail, ok, type ErrorCode, type Result } from '@hall/shared/contracts/errors';
import { loginSchema } from '@hall/shared/contracts/schemas';
import type { Repositories } from '../repositories';
import type { AuthService } from '../auth/authService';
import type { HallQueries } from '../hall/hallQueries';
import { toAppError, validationError } from '../core/errors';
import type { Logger } from '../core/logger';

const STATUS_BY_CODE: Partial<Record<ErrorCode, number>> = {
  VALIDATION_FAILED: 400,
  PAYLOAD_TOO_LARGE: 413,
  UNAUTHENTICATED: 401,
  BAD_CREDENTIALS: 401,
  SESSION_EXPIRED: 401,
  ACCOUNT_DISABLED: 403,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  TICKET_NOT_FOUND: 404,
  RATE_LIMITED: 429,
  STORAGE_FAILURE: 503,
  INTERNAL: 500,
};

function send<T>(res: Response, result: Result<T>): void {
  res.status(result.ok ? 200 : (STATUS_BY_CODE[result.error.code] ?? 409)).json(result);
}

export interface ApiDeps {
  repos: Repositories;
  auth: AuthService;
  queries: HallQueries;
  onSignedOut: (tokenHash: string) => void;
  version: string;
  logger: Logger;
  /** Group commits so far: transactions and the changes they carried (how well commits are shared). */
  commitStats: () => { batches: number; changes: number };
}

export function createApiRouter(deps: ApiDeps): express.Router {
  const router = express.Router();
  router.use(express.json({ limit: '16kb' }));
  router.use((_req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    next();
  });

  router.get('/health', (_req, res) => {
    deps.repos.db.prepare('SELECT 1').get();
    const commits = deps.commitStats();
    send(
      res,
      ok({
        status: 'ok',
        version: deps.version,
        uptimeSeconds: Math.round(process.uptime()),
        commits: { transactions: commits.batches, changes: commits.changes },
      }),
    );
  });

  // Express 5 passes a rejected promise to the error handler below.
  router.post('/login', async (req, res) => {
    const parsed = loginSchema.safeParse(req.body);
    if (!parsed.success) return send(res, { ok: false, error: validationError(parsed.error) });
    send(res, ok(await deps.auth.login(parsed.data.username, parsed.data.password, req.ip ?? 'unknown')));
  });

  router.post('/logout', (req, res) => {
    const token = /^Bearer (\S{16,128})$/.exec(req.get('authorization') ?? '')?.[1];
    if (!token) return send(res, fail('UNAUTHENTICATED'));
    deps.auth.logout(token);
    deps.onSignedOut(token);
    send(res, ok(null));
  });

  router.get('/ticket-status/:token', (req, res) => {
    const token = req.params.token ?? '';
    const ticket = /^[A-Za-z0-9_-]{16,64}$/.test(token) ? deps.repos.tickets.findByStatusToken(token) : null;
    if (!ticket) return send(res, fail('TICKET_NOT_FOUND'));
    send(res, ok(deps.queries.status(ticket)));
  });

  router.use((_req, res) => send(res, fail('NOT_FOUND', { what: 'API' })));

  // Errors thrown by handlers (and body-parser's own: bad JSON, too large) become Results too.
  router.use((error: unknown, req: Request, res: Response, _next: NextFunction) => {
    const type = (error as { type?: string }).type;
    if (type === 'entity.too.large') return send(res, { ok: false, error: appError('PAYLOAD_TOO_LARGE') });
    if (type === 'entity.parse.failed') {
      return send(res, { ok: false, error: appError('VALIDATION_FAILED', { detail: 'body is not JSON' }) });
    }
    // Other client faults (unsupported body charset or encoding, a broken %-escape in the address)
    // carry a 4xx status from body-parser or the router: the request was wrong, not the server.
    const status = (error as { status?: unknown }).status;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      return send(res, {
        ok: false,
        error: appError('VALIDATION_FAILED', { detail: error instanceof URIError ? 'address' : 'body' }),
      });
    }
    if (!(error instanceof DomainError))
      deps.logger.error({ err: error, method: req.method }, 'api request failed');
    send(res, { ok: false, error: toAppError(error) });
  });
  return router;
}

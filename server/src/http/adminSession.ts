// Admin downloads (CSV) are plain HTTP GETs with `Authorization: Bearer <admin session token>`:
// the token's session must be live and belong to an admin. Refusals are JSON Results with a status.
import type { Request, Response } from 'express';
import { fail, type ErrorCode, type Result } from '@hall/shared/contracts/errors';
import type { StaffMember } from '@hall/shared/contracts/entities';
import type { AuthService } from '../auth/authService';
import { sha256 } from '../core/secrets';

const STATUS: Partial<Record<ErrorCode, number>> = {
  VALIDATION_FAILED: 400,
  ID_NUMBER_INVALID: 400,
  UNAUTHENTICATED: 401,
  SESSION_EXPIRED: 401,
  ACCOUNT_DISABLED: 403,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  HALL_NOT_FOUND: 404,
};

export function refuse(res: Response, result: Result<never>): void {
  const status = result.ok ? 500 : (STATUS[result.error.code] ?? 500);
  res.status(status).setHeader('Cache-Control', 'no-store').json(result);
}

/** The signed-in admin behind the request; throws a DomainError (session) or returns a refusal. */
export function adminFromRequest(
  req: Request,
  auth: Pick<AuthService, 'checkSession'>,
): { ok: true; staff: Pick<StaffMember, 'id' | 'hallId' | 'role'> } | { ok: false; result: Result<never> } {
  const token = /^Bearer (\S{16,128})$/.exec(req.get('authorization') ?? '')?.[1];
  if (!token) return { ok: false, result: fail('UNAUTHENTICATED') };
  const staff = auth.checkSession(sha256(token));
  if (staff.role !== 'admin') return { ok: false, result: fail('FORBIDDEN') };
  return { ok: true, staff };
}

export function sendCsv(res: Response, fileName: string, body: string): void {
  res
    .status(200)
    .setHeader('Content-Type', 'text/csv; charset=utf-8')
    .setHeader('Content-Disposition', `attachment; filename="${fileName}"`)
    .setHeader('Cache-Control', 'no-store')
    .send(Buffer.from(body, 'utf8'));
}

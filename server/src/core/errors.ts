// Maps anything thrown inside a handler to an acknowledgement error a person can read. Storage
// failures (disk full, read-only file) get their own code so the admin can act on them.
import { DomainError, appError, type AppError } from '@hall/shared/contracts/errors';
import type { ZodError } from 'zod';

// SQLite's, and PostgreSQL's through the bridge (core/db/postgres): a lost or refused connection,
// the server shutting down or starting up (57P0x), out of disk or memory (53), an I/O or system
// error (58, XX), a lock or statement timeout (55P03, 57014), a deadlock or serialization failure
// (40), a read-only standby (25006) or a transaction already failed (25P02).
const STORAGE_CODES =
  /^(SQLITE_(FULL|READONLY|IOERR|CANTOPEN|CORRUPT|NOTADB|BUSY|LOCKED)|PG_(CONNECTION|08|57P0|53|58|XX|55P03|57014|40|25006|25P02))/;

export function isStorageError(error: unknown): boolean {
  return (
    typeof (error as { code?: unknown })?.code === 'string' &&
    STORAGE_CODES.test((error as { code: string }).code)
  );
}

export function toAppError(error: unknown): AppError {
  if (error instanceof DomainError) return error.appError;
  if (isStorageError(error)) return appError('STORAGE_FAILURE');
  return appError('INTERNAL');
}

export function validationError(error: ZodError): AppError {
  const issue = error.issues[0];
  const where = issue?.path.length ? issue.path.join('.') : 'payload';
  return appError('VALIDATION_FAILED', { detail: `${where}: ${issue?.message ?? 'invalid'}`.slice(0, 200) });
}

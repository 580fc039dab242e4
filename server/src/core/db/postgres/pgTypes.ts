// How values come back from PostgreSQL, so rows look exactly as better-sqlite3 returns them:
// 64-bit integers (ids, millisecond times) and sums as JavaScript numbers, not strings.
import type pg from 'pg';

const INT8 = 20;
const NUMERIC = 1700;

export function installTypeParsers(types: typeof pg.types): void {
  // Every bigint this schema holds (ids, ms since 1970, counts) is far below 2^53.
  types.setTypeParser(INT8, (value: string) => Number(value));
  types.setTypeParser(NUMERIC, (value: string) => Number(value));
}

/**
 * Session settings of every connection. A statement that waits longer than this for a lock or
 * runs this long is refused (STORAGE_FAILURE), so a stuck peer never freezes a hall for good; a
 * session left idle inside a transaction (a frozen process) loses it and its hall locks.
 */
export const connectionSettings = {
  statement_timeout: 15_000,
  lock_timeout: 10_000,
  idle_in_transaction_session_timeout: 30_000,
  connectionTimeoutMillis: 5_000,
  keepAlive: true,
} as const;

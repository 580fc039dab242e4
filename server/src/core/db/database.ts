// Opens the database — the SQLite file with the settings durability needs, or PostgreSQL when
// given a postgres:// URL (see README.md beside this file) — applies migrations, and runs SQLite's
// WAL checkpoints on a timer so no request ever pays for one.
import type { Logger } from '../logger';
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { MIGRATIONS, type Migration } from './migrations';
import { PG_MIGRATIONS } from './pgMigrations';
import { PgDatabase } from './postgres/pgDatabase';
import { isPostgres, isPostgresUrl, type Db } from './sqlDatabase';

export type { Db } from './sqlDatabase';

export interface OpenOptions {
  /** FULL survives power loss (a printed ticket must not vanish); NORMAL survives process crashes only. */
  synchronous?: 'FULL' | 'NORMAL';
  readonly?: boolean;
  /** PostgreSQL: how this connection names itself in pg_stat_activity. */
  applicationName?: string;
}

/** Advisory lock key (class, object) held while migrating, so processes starting together wait. */
const MIGRATION_LOCK = [0x48414c4c, 0] as const;

/** Opens a SQLite file, or PostgreSQL when `target` is a postgres:// URL. */
export function openDatabase(target: string, options: OpenOptions = {}): Db {
  if (isPostgresUrl(target)) return openPostgres(target, options);
  if (target !== ':memory:') fs.mkdirSync(path.dirname(target), { recursive: true });
  const db = new Database(target, { readonly: options.readonly ?? false });
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${options.synchronous ?? 'FULL'}`);
  db.pragma('foreign_keys = ON');
  // Deleted and overwritten content is zeroed, not left in free pages: a purged or erased
  // person's sealed fields must not linger in the file or its backups.
  db.pragma('secure_delete = ON');
  db.pragma('busy_timeout = 5000');
  // Checkpoints run from startCheckpointTimer, not inside a commit on the request path.
  db.pragma('wal_autocheckpoint = 0');
  if (!options.readonly) migrate(db);
  return db;
}

function openPostgres(url: string, options: OpenOptions): Db {
  const pg = new PgDatabase(url, { readonly: options.readonly, applicationName: options.applicationName });
  const db = pg as unknown as Db;
  try {
    if (!options.readonly) migrate(db);
    pg.loadSchema();
  } catch (error) {
    pg.close();
    throw error;
  }
  return db;
}

export function migrate(db: Db): void {
  if (isPostgres(db)) migratePostgres(db);
  else migrateSqlite(db);
}

function migrateSqlite(db: Db): void {
  db.exec(
    'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)',
  );
  for (const migration of pendingMigrations(db, MIGRATIONS)) {
    // The pragma has no effect inside a transaction, so it is switched around it.
    if (migration.rebuildsTables) db.pragma('foreign_keys = OFF');
    try {
      db.transaction(() => {
        db.exec(migration.sql);
        if (migration.rebuildsTables && (db.pragma('foreign_key_check') as unknown[]).length > 0)
          throw new Error(`migration ${migration.version} broke a foreign key`);
        recordMigration(db, migration);
      })();
    } finally {
      if (migration.rebuildsTables) db.pragma('foreign_keys = ON');
    }
  }
}

function migratePostgres(db: Db): void {
  db.exec(
    'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)',
  );
  // Several server processes may start at once against one database: one migrates, the others
  // wait for it and then find nothing left to do.
  db.prepare('SELECT pg_advisory_lock(?, ?)').get(...MIGRATION_LOCK);
  try {
    for (const migration of pendingMigrations(db, PG_MIGRATIONS)) {
      db.transaction(() => {
        db.exec(migration.sql);
        recordMigration(db, migration);
      })();
    }
  } finally {
    db.prepare('SELECT pg_advisory_unlock(?, ?)').get(...MIGRATION_LOCK);
  }
}

function pendingMigrations(db: Db, list: readonly Migration[]): Migration[] {
  const applied = new Set(
    (db.prepare('SELECT version FROM schema_migrations').all() as { version: number }[]).map(
      (r) => r.version,
    ),
  );
  return list.filter((m) => !applied.has(m.version));
}

function recordMigration(db: Db, migration: Migration): void {
  db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(
    migration.version,
    migration.name,
    Date.now(),
  );
}

/** SQLite only: checkpoints the WAL now and then (PostgreSQL checkpoints by itself). */
export function startCheckpointTimer(db: Db, logger: Logger, everyMs = 10_000): () => void {
  if (isPostgres(db)) return () => {};
  const timer = setInterval(() => {
    try {
      db.pragma('wal_checkpoint(PASSIVE)');
    } catch (error) {
      logger.error({ err: error }, 'WAL checkpoint failed');
    }
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}

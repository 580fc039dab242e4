// Opens the SQLite file with the settings durability needs, applies migrations, and runs WAL
// checkpoints on a timer so no request ever pays for one.
import type { Logger } from '../logger';
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { MIGRATIONS } from './migrations';

export type Db = Database.Database;

export interface OpenOptions {
  /** FULL survives power loss (a printed ticket must not vanish); NORMAL survives process crashes only. */
  synchronous?: 'FULL' | 'NORMAL';
  readonly?: boolean;
}

export function openDatabase(file: string, options: OpenOptions = {}): Db {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file, { readonly: options.readonly ?? false });
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

export function migrate(db: Db): void {
  db.exec(
    'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)',
  );
  const applied = new Set(
    (db.prepare('SELECT version FROM schema_migrations').all() as { version: number }[]).map(
      (r) => r.version,
    ),
  );
  for (const migration of MIGRATIONS) {
    if (applied.has(migration.version)) continue;
    // The pragma has no effect inside a transaction, so it is switched around it.
    if (migration.rebuildsTables) db.pragma('foreign_keys = OFF');
    try {
      db.transaction(() => {
        db.exec(migration.sql);
        if (migration.rebuildsTables && (db.pragma('foreign_key_check') as unknown[]).length > 0)
          throw new Error(`migration ${migration.version} broke a foreign key`);
        db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(
          migration.version,
          migration.name,
          Date.now(),
        );
      })();
    } finally {
      if (migration.rebuildsTables) db.pragma('foreign_keys = ON');
    }
  }
}

export function startCheckpointTimer(db: Db, logger: Logger, everyMs = 10_000): () => void {
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

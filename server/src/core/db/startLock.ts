// Start-up steps that must not run in two processes at once on one PostgreSQL database (register
// the key, seed an empty database): a session advisory lock around them. SQLite: one process.
import { isPostgres, type Db } from './sqlDatabase';

const START_LOCK = [0x48414c4c, 1] as const;

export function whileStartingAlone<T>(db: Db, steps: () => T): T {
  if (!isPostgres(db)) return steps();
  db.prepare('SELECT pg_advisory_lock(?, ?)').get(...START_LOCK);
  try {
    return steps();
  } finally {
    db.prepare('SELECT pg_advisory_unlock(?, ?)').get(...START_LOCK);
  }
}

// The group commit's transaction statements, per backend. SQLite: prepared statements, each a few
// microseconds. PostgreSQL: BEGIN, SAVEPOINT and RELEASE are deferred into the pipeline of the next
// statement that is awaited (no round trip of their own); COMMIT is awaited and checked, because a
// PostgreSQL transaction that had failed answers COMMIT with ROLLBACK instead of an error.
import type { Db } from './sqlDatabase';
import { isPostgres } from './sqlDatabase';
import { PgError } from './postgres/pgBridge';
import type { PgDatabase } from './postgres/pgDatabase';

export interface TransactionControl {
  begin(): void;
  commit(): void;
  rollback(): void;
  savepoint(): void;
  release(): void;
  rollbackToSavepoint(): void;
  /** Still inside the transaction (false once the database rolled it back on its own, or lost it). */
  readonly inTransaction: boolean;
}

export function transactionControl(db: Db): TransactionControl {
  if (isPostgres(db)) return postgresControl((db as unknown as PgDatabase).bridge);
  const sql = {
    begin: db.prepare('BEGIN'),
    commit: db.prepare('COMMIT'),
    rollback: db.prepare('ROLLBACK'),
    savepoint: db.prepare('SAVEPOINT change'),
    release: db.prepare('RELEASE change'),
    rollbackTo: db.prepare('ROLLBACK TO change'),
  };
  return {
    begin: () => sql.begin.run(),
    commit: () => sql.commit.run(),
    rollback: () => sql.rollback.run(),
    savepoint: () => sql.savepoint.run(),
    release: () => sql.release.run(),
    rollbackToSavepoint: () => {
      sql.rollbackTo.run();
      sql.release.run();
    },
    get inTransaction() {
      return db.inTransaction;
    },
  };
}

function postgresControl(bridge: PgDatabase['bridge']): TransactionControl {
  return {
    begin: () => bridge.defer('BEGIN'),
    commit: () => {
      const result = bridge.query('COMMIT');
      if (result.command !== 'COMMIT')
        throw new PgError('the transaction had failed and was rolled back', '25P02');
    },
    rollback: () => {
      bridge.query('ROLLBACK');
    },
    savepoint: () => bridge.defer('SAVEPOINT change'),
    release: () => bridge.defer('RELEASE change'),
    rollbackToSavepoint: () => {
      bridge.defer('ROLLBACK TO change');
      bridge.defer('RELEASE change');
    },
    get inTransaction() {
      return bridge.inTransaction;
    },
  };
}

// What the group commit asks of the world outside its process around each batch. With SQLite one
// process owns the file: nothing to coordinate, only the hall versions to store. With PostgreSQL
// several processes serve the same halls (hallChangeLog.ts): each batch locks its halls, catches up
// with what others committed, and leaves a change-log row for them.
import type { Db } from '../db/database';
import type { ChangeOutput } from '../changes';
import type { StateWrites } from '../hallState/journal';

/** What one batch did to one hall (its committed changes only). */
export interface HallBatch {
  hallId: number;
  /** The hall version after the batch. */
  version: number;
  writes: StateWrites;
  changes: ChangeOutput[];
}

export interface BatchCoordinator {
  /** Right after BEGIN, before any change runs: serialise these halls and bring their state up to date. */
  lockHalls(hallIds: readonly number[]): void;
  /** Before COMMIT, inside the transaction: store what the batch did to each hall. */
  recordHalls(batches: readonly HallBatch[]): void;
  /** After COMMIT returned. */
  committed(batches: readonly HallBatch[]): void;
  /** The batch's transaction failed or was lost (its changes are undone in memory already). */
  failed(): void;
}

/** One process, one SQLite file: the hall versions are the only thing to store. */
export function singleProcessCoordinator(db: Db): BatchCoordinator {
  const setVersion = db.prepare<[number, number]>('UPDATE halls SET version = ? WHERE id = ?');
  return {
    lockHalls() {},
    recordHalls(batches) {
      for (const b of batches) setVersion.run(b.version, b.hallId);
    },
    committed() {},
    failed() {},
  };
}

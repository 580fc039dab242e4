// Group commit (DESIGN §3): every change that arrives in one event-loop turn runs in one SQLite
// transaction, each in its own savepoint so a refused command undoes only itself, with one fsync
// for all of them. Only after COMMIT returns are the changes answered and their deltas handed to
// the frame publisher: nothing is acknowledged or shown before it is durable.
//
// Why: with synchronous=FULL every commit waits for the disk. One transaction per command made a
// burst of 500 issues cost 500 fsyncs on the event loop; one per turn costs one.
import type { Db } from './db/database';
import type { Repositories } from '../repositories';
import type { Logger } from './logger';
import { createChangeContext, type ChangeContext, type ChangeOutput } from './changes';
import type { HallStates } from './hallState/hallStates';
import { Journal } from './hallState/journal';

export interface CommittedChange extends ChangeOutput {
  hallId: number;
}

/** Where committed changes go, in commit order (the frame publisher). */
export interface ChangeSink {
  committed(changes: readonly CommittedChange[]): void;
}

export interface GroupCommitDeps {
  db: Db;
  repos: Repositories;
  states: HallStates;
  sink: ChangeSink;
  clock: () => number;
  logger: Logger;
  /** At most this many changes per transaction; the rest run in the next turn (health checks in between). */
  maxBatch?: number;
}

interface Unit {
  hallId: number;
  work: (ctx: ChangeContext) => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

type Outcome =
  | { unit: Unit; ok: true; value: unknown; output: ChangeOutput; version: number }
  | { unit: Unit; ok: false; error: unknown };

const DEFAULT_MAX_BATCH = 256;

export function createGroupCommit(deps: GroupCommitDeps) {
  const { db } = deps;
  const maxBatch = deps.maxBatch ?? DEFAULT_MAX_BATCH;
  const sql = {
    begin: db.prepare('BEGIN'),
    commit: db.prepare('COMMIT'),
    rollback: db.prepare('ROLLBACK'),
    savepoint: db.prepare('SAVEPOINT change'),
    release: db.prepare('RELEASE change'),
    rollbackTo: db.prepare('ROLLBACK TO change'),
    setVersion: db.prepare<[number, number]>('UPDATE halls SET version = ? WHERE id = ?'),
  };
  const queue: Unit[] = [];
  let scheduled = false;
  let batches = 0;
  let changes = 0;

  function schedule(): void {
    if (scheduled) return;
    scheduled = true;
    // setImmediate runs after every I/O callback of this turn: the commands that arrived together.
    setImmediate(flush);
  }

  function flush(): void {
    scheduled = false;
    const batch = queue.splice(0, maxBatch);
    if (queue.length > 0) schedule();
    if (batch.length > 0) runBatch(batch);
  }

  /** Runs one change in its savepoint; on failure undoes it in SQLite and in memory. */
  function runUnit(unit: Unit, journal: Journal): Outcome {
    let state: ReturnType<HallStates['get']> | null = null;
    sql.savepoint.run();
    try {
      const now = deps.clock();
      state = deps.states.get(unit.hallId, now);
      state.attach(journal);
      const { ctx, output } = createChangeContext(deps.repos, state, now);
      const value = unit.work(ctx);
      sql.release.run();
      return { unit, ok: true, value, output, version: state.version };
    } catch (error) {
      journal.undo();
      // Some errors (a full disk, an I/O error) make SQLite roll the whole transaction back.
      if (db.inTransaction) {
        sql.rollbackTo.run();
        sql.release.run();
      }
      return { unit, ok: false, error };
    } finally {
      state?.detach();
    }
  }

  function runBatch(batch: Unit[]): void {
    const outcomes: Outcome[] = [];
    const journals: Journal[] = [];
    try {
      sql.begin.run();
    } catch (error) {
      for (const unit of batch) unit.reject(error);
      return;
    }
    const versions = new Map<number, number>();
    for (let i = 0; i < batch.length; i += 1) {
      const journal = new Journal();
      const outcome = runUnit(batch[i]!, journal);
      if (!db.inTransaction) {
        // The transaction is gone with everything before this change: none of it happened.
        for (let j = journals.length - 1; j >= 0; j -= 1) journals[j]!.undo();
        const error = outcome.ok ? new Error('transaction lost') : outcome.error;
        for (const earlier of batch.slice(0, i + 1)) earlier.reject(error);
        // The changes not yet tried get their own transaction.
        if (i + 1 < batch.length) {
          queue.unshift(...batch.slice(i + 1));
          schedule();
        }
        return;
      }
      outcomes.push(outcome);
      journals.push(journal);
      if (outcome.ok) versions.set(outcome.unit.hallId, outcome.version);
    }
    try {
      for (const [hallId, version] of versions) sql.setVersion.run(version, hallId);
      sql.commit.run();
    } catch (error) {
      if (db.inTransaction) sql.rollback.run();
      for (let j = journals.length - 1; j >= 0; j -= 1) journals[j]!.undo();
      for (const unit of batch) unit.reject(error);
      return;
    }
    batches += 1;
    changes += batch.length;
    const committed: CommittedChange[] = [];
    for (const outcome of outcomes) {
      if (outcome.ok) {
        committed.push({ hallId: outcome.unit.hallId, ...outcome.output });
        outcome.unit.resolve(outcome.value);
      } else {
        outcome.unit.reject(outcome.error);
      }
    }
    try {
      deps.sink.committed(committed);
    } catch (error) {
      // The changes are durable and answered; a screen that misses a frame resyncs on the next one.
      deps.logger.error({ err: error }, 'publishing committed changes failed');
    }
  }

  return {
    /** Runs `work` as one change of the next group commit; resolves after COMMIT with its result. */
    run<T>(hallId: number, work: (ctx: ChangeContext) => T): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        queue.push({ hallId, work, resolve: resolve as (value: unknown) => void, reject });
        schedule();
      });
    },
    /** Transactions committed and changes run so far (the bench reports changes per commit). */
    stats(): { batches: number; changes: number } {
      return { batches, changes };
    },
  };
}
export type GroupCommit = ReturnType<typeof createGroupCommit>;
export type RunChange = GroupCommit['run'];

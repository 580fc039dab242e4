// Group commit (DESIGN §3): every change that arrives in one event-loop turn runs in one SQLite
// transaction, each in its own savepoint so a refused command undoes only itself, with one fsync
// for all of them. Only after COMMIT returns are the changes answered and their deltas handed to
// the frame publisher: nothing is acknowledged or shown before it is durable.
//
// Why: with synchronous=FULL every commit waits for the disk. One transaction per command made a
// burst of 500 issues cost 500 fsyncs on the event loop; one per turn costs one.
//
// On PostgreSQL with several server processes the coordinator (cluster/) locks the batch's halls
// and brings their hot state up to date before the changes run, and records what they did before
// COMMIT (core/db/README.md).
import type { Db } from './db/database';
import type { Repositories } from '../repositories';
import type { Logger } from './logger';
import { createChangeContext, type ChangeContext, type ChangeOutput } from './changes';
import type { HallStates } from './hallState/hallStates';
import { Journal, mergeWrites, noWrites } from './hallState/journal';
import { transactionControl } from './db/transactionControl';
import { singleProcessCoordinator, type BatchCoordinator, type HallBatch } from './cluster/batchCoordinator';

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
  /** Several processes on one database (PostgreSQL); default: this process alone. */
  coordinator?: BatchCoordinator;
}

interface Unit {
  hallId: number;
  work: (ctx: ChangeContext) => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

type Outcome =
  | { unit: Unit; ok: true; value: unknown; output: ChangeOutput; version: number; journal: Journal }
  | { unit: Unit; ok: false; error: unknown };

const DEFAULT_MAX_BATCH = 256;

/**
 * An answer made once every change of the group commit has run and committed, from the hall as it
 * then is (issueService: the figures a ticket is told). Changes that only read the queue afterwards
 * let the hot state take all of the batch's tickets before the call plan is brought up to date once.
 */
export class AfterBatch<T> {
  constructor(readonly answer: () => T) {}
}

export const afterBatch = <T>(answer: () => T): AfterBatch<T> => new AfterBatch(answer);

export function createGroupCommit(deps: GroupCommitDeps) {
  const maxBatch = deps.maxBatch ?? DEFAULT_MAX_BATCH;
  const tx = transactionControl(deps.db);
  const coordinator = deps.coordinator ?? singleProcessCoordinator(deps.db);
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
    tx.savepoint();
    try {
      const now = deps.clock();
      state = deps.states.get(unit.hallId, now);
      state.attach(journal);
      const { ctx, output } = createChangeContext(deps.repos, state, now);
      const value = unit.work(ctx);
      tx.release();
      return { unit, ok: true, value, output, version: state.version, journal };
    } catch (error) {
      journal.undo();
      // Some errors (a full disk, an I/O error, a lost connection) roll the whole transaction back.
      if (tx.inTransaction) tx.rollbackToSavepoint();
      return { unit, ok: false, error };
    } finally {
      state?.detach();
    }
  }

  /** The batch never ran (BEGIN or the halls' locks failed): all of it is refused. */
  function abandon(batch: Unit[], error: unknown): void {
    try {
      if (tx.inTransaction) tx.rollback();
    } catch {
      // The connection is gone, and the transaction with it.
    }
    coordinator.failed();
    for (const unit of batch) unit.reject(error);
  }

  /** What the batch's committed changes did, per hall, in commit order. */
  function hallBatches(outcomes: readonly Outcome[]): HallBatch[] {
    const halls = new Map<number, HallBatch>();
    for (const outcome of outcomes) {
      if (!outcome.ok) continue;
      const hallId = outcome.unit.hallId;
      let hall = halls.get(hallId);
      if (!hall)
        halls.set(hallId, (hall = { hallId, version: outcome.version, writes: noWrites(), changes: [] }));
      hall.version = outcome.version;
      mergeWrites(hall.writes, outcome.journal.writes);
      hall.changes.push(outcome.output);
    }
    return [...halls.values()];
  }

  function runBatch(batch: Unit[]): void {
    const outcomes: Outcome[] = [];
    const journals: Journal[] = [];
    try {
      tx.begin();
      coordinator.lockHalls(batch.map((u) => u.hallId));
    } catch (error) {
      abandon(batch, error);
      return;
    }
    for (let i = 0; i < batch.length; i += 1) {
      const journal = new Journal();
      const outcome = runUnit(batch[i]!, journal);
      if (!tx.inTransaction) {
        // The transaction is gone with everything before this change: none of it happened.
        for (let j = journals.length - 1; j >= 0; j -= 1) journals[j]!.undo();
        coordinator.failed();
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
    }
    const halls = hallBatches(outcomes);
    try {
      coordinator.recordHalls(halls);
      tx.commit();
    } catch (error) {
      try {
        if (tx.inTransaction) tx.rollback();
      } catch {
        // The connection is gone: so is the transaction.
      }
      for (let j = journals.length - 1; j >= 0; j -= 1) journals[j]!.undo();
      coordinator.failed();
      for (const unit of batch) unit.reject(error);
      return;
    }
    coordinator.committed(halls);
    batches += 1;
    changes += batch.length;
    const committed: CommittedChange[] = [];
    for (const outcome of outcomes) {
      if (outcome.ok) {
        committed.push({ hallId: outcome.unit.hallId, ...outcome.output });
        answer(outcome.unit, outcome.value);
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

  /** A committed change's answer; one made after the batch that fails is refused (the change stands). */
  function answer(unit: Unit, value: unknown): void {
    if (!(value instanceof AfterBatch)) {
      unit.resolve(value);
      return;
    }
    try {
      unit.resolve((value as AfterBatch<unknown>).answer());
    } catch (error) {
      deps.logger.error({ err: error, hallId: unit.hallId }, 'answering a committed change failed');
      unit.reject(error);
    }
  }

  return {
    /**
     * Runs `work` as one change of the next group commit; resolves after COMMIT with its result (or,
     * for an AfterBatch, with its answer made then).
     */
    run<T>(hallId: number, work: (ctx: ChangeContext) => T | AfterBatch<T>): Promise<T> {
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

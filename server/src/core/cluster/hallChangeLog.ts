// Several server processes on one PostgreSQL database (core/db/README.md): each batch takes its
// halls' advisory locks, catches its hot state up with the batches other processes committed (their
// change-log rows), runs, and leaves its own row and a notification. The same rows reach every
// process's hot state and frame publisher in commit order, through LISTEN (hallChangeListener.ts)
// or, at the latest, when the process next locks the hall.
import type { HallWindow } from '@hall/shared/contracts/entities';
import type { Repositories } from '../../repositories';
import type { ChangeOutput } from '../changes';
import type { ChangeSink } from '../groupCommit';
import type { HallState } from '../hallState/hallState';
import { loadHallConfig, type HallStates } from '../hallState/hallStates';
import type { Logger } from '../logger';
import type { PgDatabase } from '../db/postgres/pgDatabase';
import type { StoredTicket } from '../../tickets/ticketRepository';
import type { BatchCoordinator, HallBatch } from './batchCoordinator';

/** Advisory lock class of a hall (the object is its id): "HALL" in ASCII. */
export const HALL_LOCK_CLASS = 0x48414c4c;
export const HALL_CHANGES_CHANNEL = 'hall_changes';
/** NOTIFY payloads must stay under 8000 bytes; a larger row is read from the table instead. */
const MAX_NOTIFY_BYTES = 7900;

/** One committed batch's effect on one hall, as stored in hall_changes.payload. */
export interface HallChangeRecord {
  hallId: number;
  generation: number;
  version: number;
  tickets: StoredTicket[];
  windows: HallWindow[];
  minutes: [number, number][];
  config: boolean;
  changes: ChangeOutput[];
}

/** A notification too large for NOTIFY names its row instead. */
interface RecordPointer {
  hallId: number;
  generation: number;
  pointer: true;
}

export interface HallChangeLogDeps {
  db: PgDatabase;
  repos: Repositories;
  states: HallStates;
  /** The frame publisher: other processes' changes reach this process's screens through it. */
  sink: ChangeSink & { requestSnapshot(hallId: number): void };
  logger: Logger;
  clock: () => number;
}

/** A PostgreSQL array literal of integers (bound as text, cast in SQL). */
const intArray = (values: readonly number[]) => `{${values.map((v) => Math.trunc(v)).join(',')}}`;

export function createHallChangeLog(deps: HallChangeLogDeps) {
  const { db, states, sink, logger } = deps;
  const bridge = db.bridge;
  let knownEpoch = -1;
  const pending = new Map<number, number>();
  let applied = 0;
  let reloads = 0;

  function apply(state: HallState, record: HallChangeRecord): void {
    const config = record.config ? loadHallConfig(deps.repos, record.hallId) : null;
    state.applyCommitted(record, record.version, record.generation, config);
    sink.committed(record.changes.map((c) => ({ hallId: record.hallId, ...c })));
    applied += 1;
  }

  /** The hall's copy here cannot be brought forward row by row: read it again; its screens resync. */
  function reload(hallId: number): void {
    states.reload(hallId, deps.clock());
    sink.requestSnapshot(hallId);
    reloads += 1;
  }

  /** Applies rows after the state's generation, in order; any gap reloads the hall instead. */
  function catchUp(
    state: HallState,
    current: number,
    rows: readonly { generation: number; payload: string }[],
  ): void {
    if (current <= state.generation) return;
    let expected = state.generation + 1;
    const records: HallChangeRecord[] = [];
    for (const row of rows) {
      if (row.generation !== expected) break;
      records.push(JSON.parse(row.payload) as HallChangeRecord);
      expected += 1;
    }
    if (expected - 1 !== current) {
      reload(state.hallId);
      return;
    }
    for (const record of records) apply(state, record);
  }

  /** Outside a batch: reads the rows this process has not seen and applies them. */
  function catchUpNow(hallId: number, upTo: number | null): void {
    const state = states.peek(hallId);
    if (!state || (upTo !== null && upTo <= state.generation)) return;
    const { rows } = bridge.query(
      `SELECT h.generation AS current, c.generation, c.payload
         FROM halls h LEFT JOIN hall_changes c ON c.hall_id = h.id AND c.generation > $2
        WHERE h.id = $1 ORDER BY c.generation`,
      [hallId, state.generation],
    );
    const typed = rows as { current: number; generation: number | null; payload: string | null }[];
    if (typed.length === 0) return;
    catchUp(
      state,
      typed[0]!.current,
      typed.filter((r) => r.generation !== null) as { generation: number; payload: string }[],
    );
  }

  /** A new database session: whatever it missed, or a batch whose COMMIT got no answer, may be stale. */
  function checkSession(): boolean {
    if (bridge.epoch === knownEpoch) return true;
    const first = knownEpoch === -1;
    knownEpoch = bridge.epoch;
    if (first) return true;
    // Re-read at next use (inside a batch: under that hall's lock); the screens get a snapshot.
    for (const hallId of states.markAllStale()) sink.requestSnapshot(hallId);
    logger.warn('database session renewed: halls reloaded from the database');
    return false;
  }

  const coordinator: BatchCoordinator = {
    lockHalls(hallIds) {
      const sorted = [...new Set(hallIds)].sort((a, b) => a - b);
      // unnest keeps the array's order: the locks are taken in ascending hall id, so two batches
      // can never wait for each other.
      const lock = `SELECT pg_advisory_xact_lock(${HALL_LOCK_CLASS}, l.id::int) FROM unnest($1::bigint[]) AS l(id)`;
      const loaded = sorted.map((id) => states.peek(id)).filter((s): s is HallState => s !== null);
      if (loaded.length === 0) {
        bridge.query(lock, [intArray(sorted)]);
        checkSession();
        return;
      }
      bridge.defer(lock, [intArray(sorted)]);
      const { rows } = bridge.query(
        `SELECT h.id AS hall_id, h.generation AS current, c.generation, c.payload
           FROM unnest($1::bigint[], $2::bigint[]) AS k(hall_id, known)
           JOIN halls h ON h.id = k.hall_id
           LEFT JOIN hall_changes c ON c.hall_id = k.hall_id AND c.generation > k.known
          ORDER BY h.id, c.generation`,
        [intArray(loaded.map((s) => s.hallId)), intArray(loaded.map((s) => s.generation))],
      );
      if (!checkSession()) return;
      const byHall = new Map<number, { current: number; rows: { generation: number; payload: string }[] }>();
      for (const r of rows as {
        hall_id: number;
        current: number;
        generation: number | null;
        payload: string | null;
      }[]) {
        let entry = byHall.get(r.hall_id);
        if (!entry) byHall.set(r.hall_id, (entry = { current: r.current, rows: [] }));
        if (r.generation !== null && r.payload !== null)
          entry.rows.push({ generation: r.generation, payload: r.payload });
      }
      for (const state of loaded) {
        const entry = byHall.get(state.hallId);
        if (entry) catchUp(state, entry.current, entry.rows);
      }
    },

    recordHalls(batches: readonly HallBatch[]) {
      pending.clear();
      const at = deps.clock();
      for (const b of batches) {
        const state = states.peek(b.hallId);
        if (!state) continue;
        const generation = state.generation + 1;
        const record: HallChangeRecord = {
          hallId: b.hallId,
          generation,
          version: b.version,
          tickets: [...b.writes.tickets.values()],
          windows: [...b.writes.windows.values()],
          minutes: b.writes.minutes,
          config: b.writes.config,
          changes: b.changes,
        };
        const payload = JSON.stringify(record);
        bridge.defer('UPDATE halls SET version = $1, generation = $2 WHERE id = $3', [
          b.version,
          generation,
          b.hallId,
        ]);
        bridge.defer('INSERT INTO hall_changes (hall_id, generation, at, payload) VALUES ($1, $2, $3, $4)', [
          b.hallId,
          generation,
          at,
          payload,
        ]);
        const note: string =
          Buffer.byteLength(payload) <= MAX_NOTIFY_BYTES
            ? payload
            : JSON.stringify({ hallId: b.hallId, generation, pointer: true } satisfies RecordPointer);
        bridge.defer(`SELECT pg_notify('${HALL_CHANGES_CHANNEL}', $1)`, [note]);
        pending.set(b.hallId, generation);
      }
    },

    committed() {
      for (const [hallId, generation] of pending) states.peek(hallId)?.committedAs(generation);
      pending.clear();
    },

    failed() {
      pending.clear();
      checkSession();
    },
  };

  return {
    coordinator,

    /** A notification on HALL_CHANGES_CHANNEL (from any process, this one included). */
    notified(payload: string): void {
      let note: HallChangeRecord | RecordPointer;
      try {
        note = JSON.parse(payload) as HallChangeRecord | RecordPointer;
      } catch {
        return;
      }
      const state = states.peek(note.hallId);
      if (!state || note.generation <= state.generation) return;
      if ('pointer' in note || note.generation !== state.generation + 1) {
        catchUpNow(note.hallId, note.generation);
        return;
      }
      apply(state, note);
    },

    /** Every hall held here, checked against the database (after missed notifications). */
    resync(): void {
      const loaded = states.loaded();
      if (loaded.length === 0) return;
      try {
        const { rows } = bridge.query('SELECT id, generation FROM halls WHERE id = ANY($1::bigint[])', [
          intArray(loaded.map((s) => s.hallId)),
        ]);
        for (const row of rows as { id: number; generation: number }[]) catchUpNow(row.id, row.generation);
      } catch (error) {
        logger.warn({ err: error }, 'hall catch-up failed');
      }
    },

    stats: () => ({ applied, reloads }),
  };
}
export type HallChangeLog = ReturnType<typeof createHallChangeLog>;

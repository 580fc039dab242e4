// The server as one of several processes on one PostgreSQL database (core/db/README.md): hall
// changes through the change log (hallChangeLog.ts, hallChangeListener.ts), every other broadcast
// (session ended, device revoked, printer faults, storage alarms, presence) through Socket.IO's
// PostgreSQL adapter, so it reaches the sockets of every process.
import pg from 'pg';
import { createAdapter } from '@socket.io/postgres-adapter';
import type { Repositories } from '../../repositories';
import type { PgDatabase } from '../db/postgres/pgDatabase';
import { connectionSettings } from '../db/postgres/pgTypes';
import type { HallStates } from '../hallState/hallStates';
import type { Logger } from '../logger';
import type { AppServer } from '../socketTypes';
import type { ChangeSink } from '../groupCommit';
import { createHallChangeLog } from './hallChangeLog';
import { startHallChangeListener } from './hallChangeListener';

export interface ClusterDeps {
  io: AppServer;
  db: PgDatabase;
  repos: Repositories;
  states: HallStates;
  frames: ChangeSink & { requestSnapshot(hallId: number): void };
  logger: Logger;
  clock: () => number;
}

export function joinCluster(deps: ClusterDeps) {
  const { logger } = deps;
  const pool = new pg.Pool({
    connectionString: deps.db.name,
    application_name: 'hall-broadcast',
    max: 4,
    connectionTimeoutMillis: connectionSettings.connectionTimeoutMillis,
  });
  // A PostgreSQL restart must not take the process down: a client's 'error' without a listener
  // would. The adapter notices the end of its LISTEN connection and reconnects by itself.
  pool.on('connect', (client) => client.on('error', () => undefined));
  // Only the message and code: pg's error carries its client, with the connection settings.
  const brief = (error: Error & { code?: unknown }) => ({ message: error.message, code: error.code });
  pool.on('error', (error) => logger.warn({ err: brief(error) }, 'broadcast connection lost'));
  deps.io.adapter(
    createAdapter(pool, {
      errorHandler: (error) => logger.warn({ err: brief(error) }, 'cross-process broadcast failed'),
    }),
  );
  const changeLog = createHallChangeLog({
    db: deps.db,
    repos: deps.repos,
    states: deps.states,
    sink: deps.frames,
    logger,
    clock: deps.clock,
  });
  const listener = startHallChangeListener({ url: deps.db.name, changeLog, logger, clock: deps.clock });

  /**
   * The adapter takes its LISTEN connection in the background and has no event for it: its
   * PubSubClient's `client` is set once it listens. Read defensively (it is not public API).
   */
  function adapterListening(): boolean {
    const adapter = deps.io.of('/').adapter as unknown as { client?: { client?: unknown } };
    return adapter.client?.client !== undefined;
  }

  return {
    coordinator: changeLog.coordinator,
    changeLog,
    listener,
    /** Resolves once both LISTEN connections are up (or after `timeoutMs`): broadcasts reach others. */
    async ready(timeoutMs = 5_000): Promise<boolean> {
      const until = Date.now() + timeoutMs;
      while (!(adapterListening() && listener.listening)) {
        if (Date.now() > until) return false;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      return true;
    },
    async close(): Promise<void> {
      await listener.close();
      // A connection still checked out (a stuck query) must not hold the shutdown up.
      await Promise.race([
        pool.end().catch(() => undefined),
        new Promise((r) => setTimeout(r, 2_000).unref()),
      ]);
    },
  };
}
export type Cluster = ReturnType<typeof joinCluster>;

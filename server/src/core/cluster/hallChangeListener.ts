// LISTENs for the change-log notifications of every server process on the database (this one's
// too: they are skipped), so screens on this process see other processes' changes within a few
// milliseconds, in commit order. A dropped connection is re-opened with back-off; on reconnect, and
// every few seconds anyway, each hall held here is checked against the database, so a missed
// notification delays a frame but never loses it. Old change-log rows are pruned here too.
import pg from 'pg';
import type { Logger } from '../logger';
import { HALL_CHANGES_CHANNEL, type HallChangeLog } from './hallChangeLog';

export interface HallChangeListenerOptions {
  url: string;
  changeLog: HallChangeLog;
  logger: Logger;
  clock: () => number;
  /** How often every held hall is checked against the database anyway. */
  resyncEveryMs?: number;
  /** Change-log rows older than this are deleted (a process away longer reloads the hall instead). */
  keepMs?: number;
}

export function startHallChangeListener(options: HallChangeListenerOptions) {
  const { logger, changeLog } = options;
  const keepMs = options.keepMs ?? 10 * 60_000;
  let client: pg.Client | null = null;
  let stopped = false;
  let delayMs = 200;
  let retry: NodeJS.Timeout | null = null;
  let connected = false;

  function scheduleReconnect(): void {
    if (stopped || retry) return;
    retry = setTimeout(() => {
      retry = null;
      void connect();
    }, delayMs);
    delayMs = Math.min(delayMs * 2, 5_000);
  }

  async function connect(): Promise<void> {
    const c = new pg.Client({ connectionString: options.url, application_name: 'hall-listener' });
    const lost = () => {
      if (client !== c) return;
      client = null;
      connected = false;
      logger.warn('change-log listener lost its database connection; reconnecting');
      scheduleReconnect();
    };
    c.on('notification', (message) => {
      if (message.channel !== HALL_CHANGES_CHANNEL || !message.payload) return;
      try {
        changeLog.notified(message.payload);
      } catch (error) {
        logger.warn({ err: error }, 'applying another process’s change failed');
      }
    });
    c.on('error', lost);
    c.on('end', lost);
    client = c;
    try {
      await c.connect();
      await c.query(`LISTEN ${HALL_CHANGES_CHANNEL}`);
    } catch {
      lost();
      await c.end().catch(() => undefined);
      return;
    }
    if (stopped) {
      await c.end().catch(() => undefined);
      return;
    }
    connected = true;
    delayMs = 200;
    // Whatever was committed while nobody listened.
    changeLog.resync();
  }

  const resync = setInterval(() => {
    if (connected) changeLog.resync();
  }, options.resyncEveryMs ?? 5_000);
  resync.unref();
  const prune = setInterval(() => {
    client
      ?.query('DELETE FROM hall_changes WHERE at < $1', [options.clock() - keepMs])
      .catch((error: unknown) => logger.warn({ err: error }, 'pruning the change log failed'));
  }, 60_000);
  prune.unref();
  void connect();

  return {
    /** True while LISTENing (tests wait for it before they count on notifications). */
    get listening(): boolean {
      return connected;
    },
    async close(): Promise<void> {
      stopped = true;
      clearInterval(resync);
      clearInterval(prune);
      if (retry) clearTimeout(retry);
      const c = client;
      client = null;
      connected = false;
      await c?.end().catch(() => undefined);
    },
  };
}
export type HallChangeListener = ReturnType<typeof startHallChangeListener>;

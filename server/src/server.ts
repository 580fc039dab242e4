// Starts a complete server on a data folder: opens (and migrates) the SQLite file, writes the
// hall configuration on first start, and listens. Used by main.ts, the tests and the benchmarks.
import { X509Certificate } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { createApplication, type Application } from './app';
import { openDatabase, startCheckpointTimer } from './core/db/database';
import type { HallConfig } from './hall/hallConfig';
import { createRepositories } from './repositories';
import { isSeeded, seedHalls, type SeedCredentials } from './hall/seed';
import type { ServerPrinter } from './printing/serverPrinter';
import { createLogger, type Logger } from './core/logger';
import type { StatusPageLimits } from './core/frames/statusPages';
import { openKeyRing } from './core/crypto/keyRing';
import { keyFileBeside } from './core/crypto/keyFile';
import { sealPlainRows } from './privacy/resealing';
import { startPurgeScheduler } from './privacy/purgeScheduler';
import { whileStartingAlone } from './core/db/startLock';
import { startMissedSweep } from './appointments/bookingService';

export interface StartOptions {
  /** The SQLite file; its folder is the data folder (printer output, backups) on both backends. */
  dbFile: string;
  /** postgres://…: run on PostgreSQL instead of the SQLite file (DATABASE_URL). */
  databaseUrl?: string | null;
  webRoot: string;
  port: number;
  host: string;
  hallConfig: HallConfig;
  printer: ServerPrinter;
  publicUrl?: string | null;
  synchronous?: 'FULL' | 'NORMAL';
  clock?: () => number;
  version?: string;
  logger?: Logger;
  /** Changes committed within this many milliseconds go to each screen as one frame. */
  frameTickMs?: number;
  /** Least time between two frames to one room of a hall (ms). */
  frameIntervalMs?: number;
  /** How often idle halls are checked for a new business day (ms); null: only when something happens. */
  dayCheckMs?: number | null;
  /** Commands one socket may have unanswered at once. */
  commandBudget?: number;
  statusPageLimits?: StatusPageLimits;
  /** PRINTER_ALLOW_LOOPBACK (see app.ts). */
  allowLoopbackPrinters?: boolean;
  /** ALLOWED_ORIGINS plus PUBLIC_URL (see app.ts). */
  allowedOrigins?: readonly string[];
  /** TLS_CERT / TLS_KEY (PEM): serve https:// and wss:// instead of plain http. */
  tls?: { cert: string | Buffer; key: string | Buffer };
  /**
   * The key file that opens the personal fields; it must lie outside the data folder. Default: a
   * folder beside it (data → data-keys/field-keys.json); `npm start` uses KEY_FILE.
   */
  keyFile?: string;
  /** How often to check whether a hall's daily purge is due (ms); null: only at start. */
  purgeCheckEveryMs?: number | null;
  /** How often bookings past their check-in window are marked missed (ms); null: never by itself. */
  appointmentSweepEveryMs?: number | null;
  /** Tests only: an evaluator pad's question stays open this long (the product: the hall rule, ≥ 60 s). */
  evaluatorTimeoutMs?: number;
}

export interface RunningServer {
  url: string;
  port: number;
  app: Application;
  /** Secrets generated on first start (null when the database already existed). */
  credentials: SeedCredentials | null;
  /** SHA-256 fingerprint of the TLS certificate ('AB:CD:…'), the kiosk's `serverCertificateSha256`. */
  certificateSha256: string | null;
  /** The key file in use, and whether this start created it (then it must be backed up). */
  keyFile: { path: string; created: boolean };
  close(): Promise<void>;
}

export async function startServer(options: StartOptions): Promise<RunningServer> {
  const db = openDatabase(options.databaseUrl ?? options.dbFile, {
    synchronous: options.synchronous ?? 'FULL',
    applicationName: 'hall-server',
  });
  const logger = options.logger ?? createLogger({ level: 'warn' });
  const dataDir = path.dirname(path.resolve(options.dbFile));
  const keyFile = path.resolve(options.keyFile ?? keyFileBeside(dataDir));
  let keys: ReturnType<typeof openKeyRing>;
  let credentials: SeedCredentials | null;
  const repos = createRepositories(db);
  try {
    // Several processes may start together on one PostgreSQL database: one at a time registers
    // its key and seeds an empty database; the others then find both done.
    ({ keys, credentials } = whileStartingAlone(db, () => {
      // A missing or wrong key refuses the start: nothing listens, nothing is written.
      const opened = openKeyRing({ db, keyFile, dataDir, now: new Date((options.clock ?? Date.now)()) });
      const sealed = sealPlainRows(db, opened.cipher);
      if (sealed > 0) logger.info({ rows: sealed }, 'personal fields of an older version sealed');
      return { keys: opened, credentials: isSeeded(repos) ? null : seedHalls(repos, options.hallConfig) };
    }));
  } catch (error) {
    db.close();
    throw error;
  }
  if (keys.created) logger.info({ keyFile }, 'key file created');
  const stopCheckpoints = startCheckpointTimer(db, logger);

  // A hall may use a self-signed certificate: kiosks pin its fingerprint instead of trusting a CA.
  const httpServer = options.tls ? https.createServer({ ...options.tls }) : http.createServer();
  const certificateSha256 = options.tls ? new X509Certificate(options.tls.cert).fingerprint256 : null;
  const app = createApplication(httpServer, {
    db,
    printer: options.printer,
    webRoot: options.webRoot,
    publicUrl: options.publicUrl ?? null,
    clock: options.clock,
    version: options.version,
    logger,
    frameTickMs: options.frameTickMs,
    frameIntervalMs: options.frameIntervalMs,
    dayCheckMs: options.dayCheckMs,
    commandBudget: options.commandBudget,
    statusPageLimits: options.statusPageLimits,
    allowLoopbackPrinters: options.allowLoopbackPrinters,
    allowedOrigins: options.allowedOrigins,
    cipher: keys.cipher,
    backupDir: path.join(dataDir, 'backups'),
    evaluatorTimeoutMs: options.evaluatorTimeoutMs,
  });
  // The daily purge runs before the first visitor is served, then whenever a hall's day changes. A
  // failure (disk full) must not stop the hall opening: the next check tries again.
  try {
    await app.services.retention.purgeDue();
  } catch (error) {
    logger.error({ err: error }, 'personal data purge failed');
  }
  const stopPurges =
    options.purgeCheckEveryMs === null
      ? () => {}
      : startPurgeScheduler(app.services.retention, logger, options.purgeCheckEveryMs ?? 10 * 60_000);
  // PostgreSQL: listen to the other processes before taking connections.
  if (app.cluster && !(await app.cluster.ready()))
    logger.warn('cross-process broadcasts are not listening yet');
  const stopSweeps =
    options.appointmentSweepEveryMs === null
      ? () => {}
      : startMissedSweep(
          app.services.appointments.bookings,
          () => repos.halls.list().map((h) => h.id),
          (error) => logger.error({ err: error }, 'appointment missed sweep failed'),
          options.appointmentSweepEveryMs ?? 60_000,
        );
  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(options.port, options.host, () => resolve());
  });
  const port = (httpServer.address() as AddressInfo).port;
  const shownHost = options.host === '0.0.0.0' || options.host === '::' ? '127.0.0.1' : options.host;

  return {
    url: `${options.tls ? 'https' : 'http'}://${shownHost}:${port}`,
    port,
    app,
    credentials,
    certificateSha256,
    keyFile: { path: keyFile, created: keys.created },
    async close() {
      stopCheckpoints();
      stopPurges();
      stopSweeps();
      // io.close() closes the http server too, and waits for every connection to end: cut the
      // idle keep-alive connections of browsers now, or it would wait for them to time out.
      const closed = app.close();
      httpServer.closeAllConnections();
      await closed;
      db.close();
    },
  };
}

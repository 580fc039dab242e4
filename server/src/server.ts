// Starts a complete server on a data folder: opens (and migrates) the SQLite file, writes the
// hall configuration on first start, and listens. Used by main.ts, the tests and the benchmarks.
import { X509Certificate } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { createApplication, type Application } from './app';
import { openDatabase, startCheckpointTimer } from './core/db/database';
import type { HallConfig } from './hall/hallConfig';
import { createRepositories } from './repositories';
import { isSeeded, seedHalls, type SeedCredentials } from './hall/seed';
import type { ServerPrinter } from './printing/serverPrinter';
import { createLogger, type Logger } from './core/logger';

export interface StartOptions {
  dbFile: string;
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
  /** PRINTER_ALLOW_LOOPBACK (see app.ts). */
  allowLoopbackPrinters?: boolean;
  /** ALLOWED_ORIGINS plus PUBLIC_URL (see app.ts). */
  allowedOrigins?: readonly string[];
  /** TLS_CERT / TLS_KEY (PEM): serve https:// and wss:// instead of plain http. */
  tls?: { cert: string | Buffer; key: string | Buffer };
}

export interface RunningServer {
  url: string;
  port: number;
  app: Application;
  /** Secrets generated on first start (null when the database already existed). */
  credentials: SeedCredentials | null;
  /** SHA-256 fingerprint of the TLS certificate ('AB:CD:…'), the kiosk's `serverCertificateSha256`. */
  certificateSha256: string | null;
  close(): Promise<void>;
}

export async function startServer(options: StartOptions): Promise<RunningServer> {
  const db = openDatabase(options.dbFile, { synchronous: options.synchronous ?? 'FULL' });
  const repos = createRepositories(db);
  const credentials = isSeeded(repos) ? null : seedHalls(repos, options.hallConfig);
  const logger = options.logger ?? createLogger({ level: 'warn' });
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
    allowLoopbackPrinters: options.allowLoopbackPrinters,
    allowedOrigins: options.allowedOrigins,
  });
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
    async close() {
      stopCheckpoints();
      // io.close() closes the http server too, and waits for every connection to end: cut the
      // idle keep-alive connections of browsers now, or it would wait for them to time out.
      const closed = app.close();
      httpServer.closeAllConnections();
      await closed;
      db.close();
    },
  };
}

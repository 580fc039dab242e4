// Starts the real server for a test: a fresh SQLite file in a temp folder, the demo hall with known
// test passwords, the virtual printer, port 0 on 127.0.0.1. restart() stops and starts it again on
// the same data folder and port, as after a crash or an update.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEMO_HALL_CONFIG } from '../../server/src/hall/demoHall';
import type { HallConfig, HallConfigHall } from '../../server/src/hall/hallConfig';
import { createServerPrinter } from '../../server/src/printing/createServerPrinter';
import { startServer, type RunningServer } from '../../server/src/server';
import type { HallRules } from '@hall/shared/contracts/entities';
import type { StatusPageLimits } from '../../server/src/core/frames/statusPages';
import type { Logger } from '../../server/src/core/logger';
import { openDatabase, type Db } from '../../server/src/core/db/database';
import { createTestPgDatabase, TEST_PG_URL, type TestPgDatabase } from './pgTestDatabase';
import { hallDayClock } from './hallDayClock';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const TEST_PASSWORDS = {
  staff: 'staff-pass-1',
  admin: 'admin-pass-1',
  city: 'city-pass-1',
  desk: 'desk-pass-1',
};

export interface TestServerOptions {
  rules?: Partial<HallRules>;
  /**
   * Opening hours and schedule. By default the test hall takes tickets all day, every day (no
   * cut-off), so no test depends on the hour it runs at; the hours tests set real ones.
   */
  hours?: HallConfigHall['hours'];
  schedule?: HallConfigHall['schedule'];
  /** Default: real speed from 10:00 of the hall's business day, never its midnight (hallDayClock.ts). */
  clock?: () => number;
  /** Extra staff accounts (username, password = `${username}-pass`). */
  extraStaff?: string[];
  frameTickMs?: number;
  /** Least time between two frames to one room of a hall (default the server's). */
  frameIntervalMs?: number;
  /** How often the server looks for a new business day (default a minute). */
  dayCheckMs?: number | null;
  commandBudget?: number;
  statusPageLimits?: StatusPageLimits;
  /** PRINTER_ALLOW_LOOPBACK; true by default here because the fake printers are on 127.0.0.1. */
  allowLoopbackPrinters?: boolean;
  /** Serve https:// with this certificate and key (PEM). */
  tls?: { cert: string; key: string };
  /** The server's log (e.g. one writing into a test's buffer). */
  logger?: Logger;
  /** How often missed bookings are swept; null (default here): only when a test asks. */
  appointmentSweepEveryMs?: number | null;
  /** How long an evaluator pad's question stays open (the product: ≥ 60 s from the hall rule). */
  evaluatorTimeoutMs?: number;
  /** More halls after the test hall (each with its own codes and accounts). */
  extraHalls?: HallConfig['halls'];
  /** A hall PC's own SQLite file even under `npm run test:pg` (a hall set up apart, moved in later). */
  sqlite?: boolean;
}

export interface TestServer {
  url: string;
  port: number;
  dataDir: string;
  certificateSha256: string | null;
  dbFile: string;
  /** postgres://… when the suite runs on PostgreSQL (npm run test:pg), else null (SQLite: dbFile). */
  databaseUrl: string | null;
  /** A second connection to the server's database (SQLite read-only, or PostgreSQL), to inspect rows. */
  openDb(options?: { readonly?: boolean }): Db;
  /** The key file for personal fields (in its own temp folder, outside dataDir). */
  keyFile: string;
  credentials: {
    kioskKey: string;
    displayKey: string;
    staff: { username: string; password: string };
    admin: { username: string; password: string };
  };
  app: RunningServer['app'];
  /** The time on the server's clock (not the machine's: see TestServerOptions.clock). */
  now(): number;
  /** Every device key the first start printed, with its hall (extraHalls' devices too). */
  seededDevices: { hallCode: string; kind: string; key: string }[];
  /** The id of window `number` of the (first) hall: kiosks no longer see windows. */
  windowId(number: number): number;
  close(): Promise<void>;
  /** Stop, then start again on the same data and port. */
  restart(): Promise<void>;
  /** Stop without starting again (restart later with start()). */
  stop(): Promise<void>;
  start(): Promise<void>;
}

export function testHallConfig(options: TestServerOptions = {}): HallConfig {
  const demo = DEMO_HALL_CONFIG.halls[0]!;
  return {
    halls: [
      {
        ...demo,
        hours: options.hours ?? { opens: '00:00', closes: '24:00' },
        schedule: options.schedule ?? { openWeekdays: [1, 2, 3, 4, 5, 6, 7], issueStopMinutes: 0 },
        rules: { ...demo.rules, ...options.rules },
        staff: [
          { username: 'staff', name: '窗口民警', role: 'staff', password: TEST_PASSWORDS.staff },
          { username: 'admin', name: '值班主管', role: 'admin', password: TEST_PASSWORDS.admin },
          { username: 'city', name: '市局统计', role: 'city', password: TEST_PASSWORDS.city },
          { username: 'desk', name: '导办台', role: 'desk', password: TEST_PASSWORDS.desk },
          ...(options.extraStaff ?? []).map((username) => ({
            username,
            name: username,
            role: 'staff' as const,
            password: `${username}-pass`,
          })),
        ],
      },
      ...(options.extraHalls ?? []),
    ],
  };
}

export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hall-test-'));
  const dbFile = path.join(dataDir, 'hall.sqlite');
  const keyDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hall-test-keys-'));
  const keyFile = path.join(keyDir, 'field-keys.json');
  // Fake printers listen on 127.0.0.1, so this test server allows loopback printer targets
  // (PRINTER_ALLOW_LOOPBACK=1); test/server/printerTargets.test.ts checks the default refuses them.
  const allowLoopbackPrinters = options.allowLoopbackPrinters ?? true;
  const pgDatabase: TestPgDatabase | null =
    TEST_PG_URL && !options.sqlite ? await createTestPgDatabase(TEST_PG_URL) : null;
  const printer = createServerPrinter(
    dataDir,
    { interface: 'virtual', widthColumns: 48 },
    { allowLoopback: allowLoopbackPrinters },
  );
  const hallConfig = testHallConfig(options);
  const clock = options.clock ?? hallDayClock(hallConfig.halls[0]!.timezone);
  const boot = (port: number) =>
    startServer({
      dbFile,
      databaseUrl: pgDatabase?.url ?? null,
      webRoot: path.join(REPO_ROOT, 'dist', 'web'),
      port,
      host: '127.0.0.1',
      hallConfig,
      printer,
      clock,
      synchronous: 'NORMAL',
      frameTickMs: options.frameTickMs,
      frameIntervalMs: options.frameIntervalMs,
      dayCheckMs: options.dayCheckMs,
      commandBudget: options.commandBudget,
      statusPageLimits: options.statusPageLimits,
      allowLoopbackPrinters,
      tls: options.tls,
      logger: options.logger,
      keyFile,
      appointmentSweepEveryMs: options.appointmentSweepEveryMs ?? null,
      evaluatorTimeoutMs: options.evaluatorTimeoutMs,
    });
  let running: RunningServer | null = await boot(0);
  const seeded = running.credentials!;
  const port = running.port;
  const key = (kind: 'kiosk' | 'display') => seeded.devices.find((d) => d.kind === kind)!.key;

  const server: TestServer = {
    url: running.url,
    port,
    certificateSha256: running.certificateSha256,
    dataDir,
    dbFile,
    databaseUrl: pgDatabase?.url ?? null,
    openDb(openOptions = {}) {
      if (pgDatabase) return openDatabase(pgDatabase.url, { readonly: true });
      return openDatabase(dbFile, { readonly: openOptions.readonly ?? true });
    },
    keyFile,
    seededDevices: seeded.devices,
    credentials: {
      kioskKey: key('kiosk'),
      displayKey: key('display'),
      staff: { username: 'staff', password: TEST_PASSWORDS.staff },
      admin: { username: 'admin', password: TEST_PASSWORDS.admin },
    },
    now: clock,
    get app() {
      if (!running) throw new Error('test server is stopped');
      return running.app;
    },
    windowId(number) {
      const { repos } = server.app;
      const hall = repos.halls.list()[0]!;
      const found = repos.windows.list(hall.id).find((w) => w.number === number);
      if (!found) throw new Error(`no window ${number}`);
      return found.id;
    },
    async stop() {
      await running?.close();
      running = null;
    },
    async start() {
      if (!running) running = await boot(port);
    },
    async restart() {
      await server.stop();
      await server.start();
    },
    async close() {
      await server.stop();
      await pgDatabase?.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
      fs.rmSync(keyDir, { recursive: true, force: true });
    },
  };
  return server;
}

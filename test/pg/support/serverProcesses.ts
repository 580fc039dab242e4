// Several real server processes (server/src/main.ts, as `npm start` runs it) on one PostgreSQL
// database, each on its own port 0 and data folder, sharing the key file and hall configuration —
// the city deployment on one machine. Each can be SIGKILLed and started again.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase, type Db } from '../../../server/src/core/db/database';
import type { HallConfig } from '../../../server/src/hall/hallConfig';
import { REPO_ROOT, testHallConfig, TEST_PASSWORDS } from '../../support/testServer';
import { createTestPgDatabase, TEST_PG_URL, type TestPgDatabase } from '../../support/pgTestDatabase';
import { hallDayClock } from '../../support/hallDayClock';

export interface ServerProcess {
  name: string;
  url: string;
  port: number;
  pid: number | null;
  /** SIGKILL: no shutdown code runs. */
  kill(): Promise<void>;
  /** Start again on the same port. */
  start(): Promise<void>;
}

export interface ServerProcesses {
  processes: ServerProcess[];
  databaseUrl: string;
  kioskKey: string;
  displayKey: string;
  passwords: typeof TEST_PASSWORDS;
  /** A connection of the test's own to the database. */
  openDb(): Db;
  close(): Promise<void>;
}

interface Launched {
  child: ChildProcess;
  output: string;
}

function launch(env: NodeJS.ProcessEnv): Promise<Launched> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
      cwd: REPO_ROOT,
      env: { ...process.env, LOG_LEVEL: 'warn', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (/(工作台|Staff\/Admin)/.test(output) && /(首次启动|shown at first start)/.test(output)) {
        clearTimeout(timer);
        child.stdout!.off('data', onData);
        // Keep draining: a full pipe would block the server.
        child.stdout!.resume();
        resolve({ child, output });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => {
      if (output.length < 100_000) output += chunk.toString();
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${output}`));
    });
  });
}

/** Starts `count` processes on a fresh database (the first seeds it and prints the device keys). */
export async function startServerProcesses(
  count: number,
  options: { hallConfig?: HallConfig; env?: NodeJS.ProcessEnv; maintenanceUrl?: string } = {},
): Promise<ServerProcesses> {
  const maintenanceUrl = options.maintenanceUrl ?? TEST_PG_URL;
  if (!maintenanceUrl) throw new Error('HALL_TEST_PG_URL is not set: run these tests with npm run test:pg');
  const database: TestPgDatabase = await createTestPgDatabase(maintenanceUrl);
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'hall-city-'));
  const configFile = path.join(root, 'hall.config.json');
  fs.writeFileSync(configFile, JSON.stringify(options.hallConfig ?? testHallConfig()));
  const keyFile = path.join(root, 'keys', 'field-keys.json');
  const names = ['A', 'B', 'C', 'D', 'E', 'F'];
  // Every process (and each restart) on one clock at 10:00 of the hall's business day, as the
  // in-process test servers: a run crossing the hall's midnight would restart numbers mid-test.
  const clockOffset = hallDayClock(testHallConfig().halls[0]!.timezone)() - Date.now();
  const envOf = (i: number, port: number): NodeJS.ProcessEnv => ({
    DATABASE_URL: database.url,
    DATA_DIR: path.join(root, `data-${names[i]}`),
    HALL_CONFIG: configFile,
    KEY_FILE: keyFile,
    HOST: '127.0.0.1',
    PORT: String(port),
    NODE_ENV: 'test',
    TEST_CLOCK_OFFSET_MS: String(clockOffset),
    ...options.env,
  });
  let kioskKey = '';
  let displayKey = '';
  const processes: ServerProcess[] = [];
  const running = new Map<number, ChildProcess>();

  async function boot(i: number, port: number): Promise<{ url: string; port: number }> {
    const { child, output } = await launch(envOf(i, port));
    running.set(i, child);
    const url = /Kiosk:\s+(http:\/\/127\.0\.0\.1:\d+)\/kiosk\//.exec(output)?.[1];
    if (!url) throw new Error(`unexpected start output:\n${output}`);
    if (i === 0 && port === 0) {
      kioskKey = /Kiosk:\s+\S+\?key=(\S+)/.exec(output)?.[1] ?? '';
      displayKey = /Display:\s+\S+\?key=(\S+)/.exec(output)?.[1] ?? '';
      if (!kioskKey || !displayKey) throw new Error(`no device keys in the first start:\n${output}`);
    }
    return { url, port: Number(new URL(url).port) };
  }

  for (let i = 0; i < count; i += 1) {
    const first = await boot(i, 0);
    const name = names[i]!;
    const process: ServerProcess = {
      name,
      url: first.url,
      port: first.port,
      get pid() {
        return running.get(i)?.pid ?? null;
      },
      async kill() {
        const child = running.get(i);
        if (!child) return;
        running.delete(i);
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGKILL');
        await exited;
      },
      async start() {
        if (running.has(i)) return;
        await boot(i, first.port);
      },
    };
    processes.push(process);
  }

  return {
    processes,
    databaseUrl: database.url,
    kioskKey,
    displayKey,
    passwords: TEST_PASSWORDS,
    openDb: () => openDatabase(database.url, { readonly: true }),
    async close() {
      await Promise.all(processes.map((p) => p.kill()));
      await database.drop();
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
}

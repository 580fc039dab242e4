// Runs the real server in its own process exactly as `npm start` does — the esbuild bundle
// (dist/server/main.js) under plain Node — with a generated hall configuration on a fresh data
// folder, production database settings (WAL, synchronous FULL), listening on 127.0.0.1 only.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { HallConfig } from '../../server/src/hall/hallConfig';
import { REPO_ROOT } from './paths';
import { SERVER_NODE_ARGS, serverEnv } from '../../server/scripts/serverRuntime.mjs';

export interface DeviceKey {
  kind: 'kiosk' | 'display' | 'evaluator';
  name: string;
  key: string;
}

export interface ServerChild {
  url: string;
  pid: number;
  dataDir: string;
  dbFile: string;
  devices: DeviceKey[];
  /** SIGTERM and wait: the server closes cleanly (and writes its CPU profile when asked to). */
  stop(): Promise<void>;
}

export interface ServerChildOptions {
  config: HallConfig;
  /** Directory for a V8 CPU profile of the server (node --cpu-prof), or null. */
  cpuProfileDir: string | null;
  /** The server bundle (dist/server/main.js), run with plain Node as `npm start` runs it. */
  bundle: string;
  /** More environment (DATABASE_URL for the city deployment on PostgreSQL). */
  env?: NodeJS.ProcessEnv;
  /**
   * Device keys the start banner prints: every device on the first start of a database; none when
   * another process seeded it already (the city deployment's second and third processes).
   */
  expectedDevices?: number;
}

const START_TIMEOUT_MS = 60_000;

// A bench stopped half-way (Ctrl-C, a crash) must not leave a server or its data behind it.
const running = new Map<ChildProcess, string>();
process.once('exit', () => {
  for (const [child, dataDir] of running) {
    child.kill('SIGKILL');
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.rmSync(`${dataDir}-keys`, { recursive: true, force: true });
  }
});

function waitForBanner(child: ChildProcess, expectedDevices: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), START_TIMEOUT_MS);
    const onExit = (code: number | null) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${output}`));
    };
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      // The device keys are the last lines of the first-start banner, which may arrive in pieces.
      if (/Staff\/Admin:/.test(output) && parseDevices(output).length === expectedDevices) {
        clearTimeout(timer);
        child.off('exit', onExit);
        resolve(output);
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', onExit);
  });
}

function parseDevices(output: string): DeviceKey[] {
  const devices: DeviceKey[] = [];
  for (const match of output.matchAll(/^\s+(kiosk|display|evaluator)\s+(.+?): (\S+)\n/gm)) {
    devices.push({ kind: match[1] as DeviceKey['kind'], name: match[2]!, key: match[3]! });
  }
  return devices;
}

export async function startServerChild(options: ServerChildOptions): Promise<ServerChild> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hall-bench-'));
  const configFile = path.join(dataDir, 'bench-halls.json');
  fs.writeFileSync(configFile, JSON.stringify(options.config));
  const profileArgs = options.cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${options.cpuProfileDir}`] : [];
  const entry = [...SERVER_NODE_ARGS, options.bundle];
  const child = spawn(process.execPath, [...profileArgs, ...entry], {
    cwd: REPO_ROOT,
    env: serverEnv({
      ...process.env,
      NODE_ENV: 'production',
      DATA_DIR: dataDir,
      HALL_CONFIG: configFile,
      HOST: '127.0.0.1',
      PORT: '0',
      DB_SYNCHRONOUS: 'FULL',
      // Beside the data folder (removed with it), never in the real ~/.config.
      KEY_FILE: `${dataDir}-keys/field-keys.json`,
      ...options.env,
    }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.set(child, dataDir);
  child.once('exit', () => running.delete(child));
  const expectedDevices =
    options.expectedDevices ?? options.config.halls.reduce((n, hall) => n + hall.devices.length, 0);
  const output = await waitForBanner(child, expectedDevices);
  const url = /Staff\/Admin:\s+(http:\/\/127\.0\.0\.1:\d+)\/console\//.exec(output)?.[1];
  if (!url) throw new Error(`unexpected start output:\n${output}`);
  // Keep reading so a chatty server never blocks on a full pipe; show its errors.
  child.stdout!.resume();
  child.stderr!.on('data', (chunk: Buffer) => process.stderr.write(`[server] ${chunk.toString()}`));

  return {
    url,
    pid: child.pid!,
    dataDir,
    dbFile: path.join(dataDir, 'hall.sqlite'),
    devices: parseDevices(output),
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

// Runs the real server entry point (server/src/main.ts) in a child process, as `npm start` does,
// so tests can kill it with SIGKILL and start it again on the same data folder.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT, testHallConfig, TEST_PASSWORDS } from './testServer';

export interface ChildServer {
  url: string;
  port: number;
  dataDir: string;
  /** The key file for personal fields (beside dataDir, never inside it). */
  keyFile: string;
  kioskKey: string;
  displayKey: string;
  passwords: typeof TEST_PASSWORDS;
  /** SIGKILL: no shutdown code runs, as in a power cut of the process. */
  kill(): Promise<void>;
  /** Start again on the same data folder and port. */
  start(): Promise<void>;
  close(): Promise<void>;
}

function launch(env: NodeJS.ProcessEnv): Promise<{ child: ChildProcess; output: string }> {
  return new Promise((resolve, reject) => {
    // One process (node with tsx's loader), so SIGKILL reaches the server itself, not a wrapper.
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
      cwd: REPO_ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (/(工作台|Staff\/Admin)/.test(output) && /(首次启动|shown at first start)/.test(output)) {
        clearTimeout(timer);
        resolve({ child, output });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${output}`));
    });
  });
}

export async function startChildServer(): Promise<ChildServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hall-child-'));
  const configFile = path.join(dataDir, 'hall.config.json');
  fs.writeFileSync(configFile, JSON.stringify(testHallConfig()));
  // The key file outside the data folder, and never in the real ~/.config of whoever runs the tests.
  const keyFile = `${dataDir}-keys/field-keys.json`;
  const env = { DATA_DIR: dataDir, HALL_CONFIG: configFile, HOST: '127.0.0.1', PORT: '0', KEY_FILE: keyFile };
  const first = await launch(env);
  const output = first.output;
  let child = first.child;
  const url = /Kiosk:\s+(http:\/\/127\.0\.0\.1:\d+)\/kiosk\/\?key=(\S+)/.exec(output);
  const display = /Display:\s+\S+\?key=(\S+)/.exec(output);
  if (!url || !display) throw new Error(`unexpected start output:\n${output}`);
  const port = Number(new URL(url[1]!).port);
  let running: ChildProcess | null = child;

  const server: ChildServer = {
    url: url[1]!,
    port,
    dataDir,
    keyFile,
    kioskKey: url[2]!,
    displayKey: display[1]!,
    passwords: TEST_PASSWORDS,
    async kill() {
      if (!running) return;
      const exited = new Promise((resolve) => running!.once('exit', resolve));
      running.kill('SIGKILL');
      await exited;
      running = null;
    },
    async start() {
      if (running) return;
      ({ child } = await launch({ ...env, PORT: String(port) }));
      running = child;
    },
    async close() {
      await server.kill();
      fs.rmSync(dataDir, { recursive: true, force: true });
      fs.rmSync(`${dataDir}-keys`, { recursive: true, force: true });
    },
  };
  return server;
}

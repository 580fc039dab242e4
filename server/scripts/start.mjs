// `npm start`: rebuilds what changed (pages, server bundle), then runs the server as plain Node
// (dist/server/main.js) in a child process that gets the terminal and the signals.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildWeb } from './buildWeb.mjs';
import { buildServer } from '../build.mjs';
import { SERVER_NODE_ARGS, serverEnv } from './serverRuntime.mjs';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

await buildWeb();
const outDir = await buildServer();

const child = spawn(process.execPath, [...SERVER_NODE_ARGS, join(outDir, 'main.js')], {
  cwd: ROOT,
  stdio: 'inherit',
  env: serverEnv(process.env),
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));

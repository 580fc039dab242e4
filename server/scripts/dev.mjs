// `npm run dev`: the server in watch mode (restarts on every change under server/src or shared/)
// and the three front ends on Vite dev servers with hot reload, proxying /api and /socket.io to the
// server. Where an Electron binary is installed, the kiosk app runs too: its main process and
// preload are rebuilt and Electron restarted on change, the renderer hot-reloads from Vite.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServer } from 'vite';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const require = createRequire(import.meta.url);
const PORT = Number(process.env.PORT ?? 8080);
const serverUrl = `http://127.0.0.1:${PORT}`;
const children = [];

function run(label, command, args, env = {}) {
  const child = spawn(command, args, { cwd: ROOT, stdio: 'inherit', env: { ...process.env, ...env } });
  child.on('exit', (code) => {
    if (code !== null && code !== 0) process.stderr.write(`[dev] ${label} exited with ${code}\n`);
  });
  children.push(child);
  return child;
}

// The server: tsx restarts it when a file it imports changes.
run(
  'server',
  process.execPath,
  [require.resolve('tsx/cli'), 'watch', '--clear-screen=false', 'server/src/main.ts'],
  {
    PORT: String(PORT),
  },
);

const apps = [
  { name: 'display', config: 'display/vite.config.ts', port: 5173, path: '/display/' },
  { name: 'console', config: 'server/console/vite.config.ts', port: 5174, path: '/console/' },
  { name: 'kiosk', config: 'kiosk/vite.config.ts', port: 5175, path: '/kiosk/' },
];
const servers = [];
for (const app of apps) {
  const server = await createServer({
    configFile: join(ROOT, app.config),
    server: { port: app.port, strictPort: true, host: '127.0.0.1' },
    env: { HALL_SERVER_URL: serverUrl },
    logLevel: 'warn',
  });
  await server.listen();
  servers.push(server);
}
process.stdout.write(
  [
    '',
    '开发模式 / Development mode (hot reload):',
    ...apps.map((a) => `  ${a.name.padEnd(8)} http://127.0.0.1:${a.port}${a.path}`),
    `  server   ${serverUrl} (device keys and passwords: see the server's first start)`,
    '',
  ].join('\n'),
);

// The kiosk app, only where Electron's binary exists (it is downloaded lazily on first launch).
let electronBinary = null;
try {
  electronBinary = require('electron');
} catch {
  electronBinary = null;
}
if (typeof electronBinary === 'string' && existsSync(electronBinary)) {
  const { watchKiosk } = await import('../../kiosk/build-main.mjs');
  let electron = null;
  await watchKiosk(() => {
    electron?.kill();
    // The app's config file (HALL_KIOSK_CONFIG) says which server it loads its pages from; point
    // its serverUrl at the kiosk's Vite server (http://127.0.0.1:5175) for renderer hot reload.
    electron = run('electron', electronBinary, ['kiosk']);
  });
} else {
  process.stdout.write(
    'Electron 未安装，取号机在浏览器中打开 / no Electron binary: open the kiosk in a browser.\n',
  );
}

function stop() {
  for (const child of children) child.kill('SIGTERM');
  void Promise.all(servers.map((s) => s.close())).then(() => process.exit(0));
}
process.on('SIGINT', stop);
process.on('SIGTERM', stop);

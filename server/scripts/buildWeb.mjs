// Builds the three web apps (display, console, kiosk renderer) into dist/web/<app>, each only when
// its sources changed since its last build (or always, with --force).
// Usage: node server/scripts/buildWeb.mjs [--force]
import { build } from 'vite';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { isFresh, markBuilt, sourceHash } from './sourceHash.mjs';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Each app: its Vite config and the folders its build reads. */
export const WEB_APPS = [
  { name: 'display', config: 'display/vite.config.ts', inputs: ['display', 'shared'] },
  { name: 'console', config: 'server/console/vite.config.ts', inputs: ['server/console', 'shared'] },
  {
    name: 'kiosk',
    config: 'kiosk/vite.config.ts',
    inputs: ['kiosk/src/renderer', 'kiosk/src/preload', 'kiosk/vite.config.ts', 'shared'],
  },
];

const COMMON_INPUTS = ['package-lock.json', 'tsconfig.base.json'];

export async function buildWeb({ force = false, log = (line) => process.stdout.write(`${line}\n`) } = {}) {
  for (const app of WEB_APPS) {
    const outDir = join(ROOT, 'dist', 'web', app.name);
    const hash = sourceHash(ROOT, [...app.inputs, ...COMMON_INPUTS]);
    if (!force && isFresh(outDir, hash)) {
      log(`${app.name}: 已是最新 / up to date`);
      continue;
    }
    log(`${app.name}: 正在构建 / building…`);
    await build({ configFile: join(ROOT, app.config), logLevel: 'warn' });
    markBuilt(outDir, hash);
  }
}

const invokedDirectly = process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href;
if (invokedDirectly) {
  buildWeb({ force: process.argv.includes('--force') }).catch((error) => {
    process.stderr.write(`${error instanceof Error ? error.stack : error}\n`);
    process.exit(1);
  });
}

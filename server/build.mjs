// Bundles the server (and its command-line tools) with esbuild into dist/server, so `npm start`
// runs plain Node with no TypeScript loader in the process. npm packages stay external (they are
// installed); the workspace packages (@hall/shared, @hall/printing) are TypeScript and are bundled.
// Usage: node server/build.mjs [--force]
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { isFresh, markBuilt, sourceHash } from './scripts/sourceHash.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const OUT_DIR = join(ROOT, 'dist', 'server');
const ENTRIES = {
  main: 'server/src/main.ts',
  account: 'server/src/cli/account.ts',
  backup: 'server/src/cli/backup.ts',
  reports: 'server/src/cli/reports.ts',
  // The report worker thread runs as its own file beside main.js (see reports/reportPool.ts).
  reportWorker: 'server/src/reports/reportWorker.ts',
  // PostgreSQL's connection thread (DATABASE_URL), also beside main.js (core/db/postgres/pgBridge.ts).
  pgBridgeWorker: 'server/src/core/db/postgres/pgBridgeWorker.ts',
};

function npmDependencies() {
  const names = new Set();
  for (const pkg of ['server/package.json', 'shared/package.json', 'shared/printing/package.json']) {
    const { dependencies = {} } = JSON.parse(readFileSync(join(ROOT, pkg), 'utf8'));
    for (const name of Object.keys(dependencies)) if (!name.startsWith('@hall/')) names.add(name);
  }
  return [...names];
}

export async function buildServer({ force = false, log = (line) => process.stdout.write(`${line}\n`) } = {}) {
  const hash = sourceHash(ROOT, ['server/src', 'server/package.json', 'shared', 'package-lock.json']);
  if (!force && isFresh(OUT_DIR, hash)) {
    log('server: 已是最新 / up to date');
    return OUT_DIR;
  }
  log('server: 正在构建 / building…');
  await build({
    absWorkingDir: ROOT,
    entryPoints: Object.fromEntries(Object.entries(ENTRIES).map(([name, file]) => [name, join(ROOT, file)])),
    outdir: OUT_DIR,
    bundle: true,
    platform: 'node',
    target: 'node24',
    format: 'esm',
    sourcemap: true,
    external: npmDependencies(),
    logLevel: 'warning',
  });
  markBuilt(OUT_DIR, hash);
  return OUT_DIR;
}

const invokedDirectly = process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href;
if (invokedDirectly) {
  buildServer({ force: process.argv.includes('--force') }).catch((error) => {
    process.stderr.write(`${error instanceof Error ? error.stack : error}\n`);
    process.exit(1);
  });
}

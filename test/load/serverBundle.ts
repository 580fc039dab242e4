// Builds the server into one ESM file with esbuild (native and printer packages stay external), so
// the bench can also measure the server without tsx's in-process TypeScript loader — the way a
// production start script would run it.
import { build } from 'esbuild';
import path from 'node:path';
import { RESULTS_DIR, REPO_ROOT } from './paths';

export async function bundleServer(): Promise<string> {
  const outdir = path.join(RESULTS_DIR, 'server-bundle');
  await build({
    // The report worker thread is loaded from a file beside main.mjs (server/src/reports/reportPool.ts).
    entryPoints: {
      main: path.join(REPO_ROOT, 'server/src/main.ts'),
      reportWorker: path.join(REPO_ROOT, 'server/src/reports/reportWorker.ts'),
    },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outdir,
    outExtension: { '.js': '.mjs' },
    external: ['better-sqlite3', 'node-thermal-printer', 'qrcode', 'iconv-lite'],
    // Bundled CommonJS dependencies call require(); give the ESM bundle one.
    banner: {
      js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
    },
    logLevel: 'warning',
  });
  return path.join(outdir, 'main.mjs');
}

// Bundles the Electron main process and the preload with esbuild (no Electron binary needed):
//   dist/kiosk/main/index.cjs      main process, every npm dependency inlined
//   dist/kiosk/main/offline.html   page shown while the server is unreachable
//   dist/kiosk/preload/index.cjs   preload, one CommonJS file (a sandboxed preload may only require('electron'))
// The packaged app ships no node_modules (see electron-builder.yml), so only `electron` and Node
// built-ins may stay external. Usage: node kiosk/build-main.mjs [--outdir=dir]
import { build } from 'esbuild';
import { copyFile, mkdir } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const DEFAULT_OUTDIR = join(ROOT, 'dist', 'kiosk');
// Electron 42 runs Chromium 148 and Node 24; older targets only add needless down-levelling.
const NODE_TARGET = 'node22';
const CHROME_TARGET = 'chrome130';

/** @param {{ outdir?: string, logLevel?: import('esbuild').LogLevel }} [options] */
export async function buildKiosk(options = {}) {
  const outdir = options.outdir ?? DEFAULT_OUTDIR;
  const common = {
    bundle: true,
    format: /** @type {const} */ ('cjs'),
    platform: /** @type {const} */ ('node'),
    external: ['electron'],
    alias: { '@shared': join(ROOT, 'shared') },
    sourcemap: true,
    logLevel: options.logLevel ?? 'warning',
    absWorkingDir: ROOT,
  };
  const [main, preload] = await Promise.all([
    build({
      ...common,
      entryPoints: [join(ROOT, 'kiosk/src/main/index.ts')],
      outfile: join(outdir, 'main', 'index.cjs'),
      target: NODE_TARGET,
      metafile: true,
    }),
    build({
      ...common,
      entryPoints: [join(ROOT, 'kiosk/src/preload/index.ts')],
      outfile: join(outdir, 'preload', 'index.cjs'),
      target: [NODE_TARGET, CHROME_TARGET],
      metafile: true,
    }),
  ]);
  await mkdir(join(outdir, 'main'), { recursive: true });
  await copyFile(join(ROOT, 'kiosk/src/main/offline.html'), join(outdir, 'main', 'offline.html'));
  return { outdir, main: main.metafile, preload: preload.metafile };
}

const invokedDirectly = process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href;
if (invokedDirectly) {
  const outArg = process.argv.find((arg) => arg.startsWith('--outdir='));
  const outdir = outArg ? resolve(outArg.slice('--outdir='.length)) : undefined;
  buildKiosk(outdir ? { outdir } : {}).then(
    (result) => console.log(`kiosk main and preload built into ${result.outdir}`),
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}

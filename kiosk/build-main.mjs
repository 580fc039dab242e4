// Bundles the Electron main process and the preload with esbuild (no Electron binary needed):
//   kiosk/dist/main/index.cjs      main process, every npm dependency inlined
//   kiosk/dist/main/offline.html   page shown while the server is unreachable
//   kiosk/dist/preload/index.cjs   preload, one CommonJS file (a sandboxed preload may only require('electron'))
// The packaged app ships no node_modules (see electron-builder.yml), so only `electron` and Node
// built-ins may stay external. Usage: node kiosk/build-main.mjs [--outdir=dir]
import { build, context } from 'esbuild';
import { copyFile, mkdir } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = dirname(fileURLToPath(import.meta.url));
const DEFAULT_OUTDIR = join(ROOT, 'dist');
// Electron 45 runs Chromium 154 and Node 24; older targets only add needless down-levelling.
const NODE_TARGET = 'node24';
const CHROME_TARGET = 'chrome140';

/** @param {{ outdir?: string, logLevel?: import('esbuild').LogLevel }} [options] */
function buildOptions(options = {}) {
  const outdir = options.outdir ?? DEFAULT_OUTDIR;
  const common = {
    bundle: true,
    format: /** @type {const} */ ('cjs'),
    platform: /** @type {const} */ ('node'),
    external: ['electron'],
    sourcemap: true,
    logLevel: options.logLevel ?? 'warning',
    absWorkingDir: ROOT,
    metafile: true,
  };
  return {
    outdir,
    main: {
      ...common,
      entryPoints: [join(ROOT, 'src/main/index.ts')],
      outfile: join(outdir, 'main', 'index.cjs'),
      target: NODE_TARGET,
    },
    preload: {
      ...common,
      entryPoints: [join(ROOT, 'src/preload/index.ts')],
      outfile: join(outdir, 'preload', 'index.cjs'),
      target: [NODE_TARGET, CHROME_TARGET],
    },
  };
}

async function copyOfflinePage(outdir) {
  await mkdir(join(outdir, 'main'), { recursive: true });
  await copyFile(join(ROOT, 'src/main/offline.html'), join(outdir, 'main', 'offline.html'));
}

/** @param {{ outdir?: string, logLevel?: import('esbuild').LogLevel }} [options] */
export async function buildKiosk(options = {}) {
  const { outdir, main: mainOptions, preload: preloadOptions } = buildOptions(options);
  const [main, preload] = await Promise.all([build(mainOptions), build(preloadOptions)]);
  await copyOfflinePage(outdir);
  return { outdir, main: main.metafile, preload: preload.metafile };
}

/**
 * `npm run dev`: rebuilds main and preload on every change and calls `onBuilt` after each
 * successful build (the dev script restarts Electron then).
 * @param {() => void} onBuilt
 */
export async function watchKiosk(onBuilt) {
  const { outdir, main, preload } = buildOptions();
  await copyOfflinePage(outdir);
  let pending = 2;
  const notify = {
    name: 'notify',
    /** @param {import('esbuild').PluginBuild} b */
    setup(b) {
      b.onEnd((result) => {
        if (result.errors.length > 0) return;
        if (pending > 0) pending -= 1;
        if (pending === 0) onBuilt();
      });
    },
  };
  const contexts = await Promise.all([
    context({ ...main, plugins: [notify] }),
    context({ ...preload, plugins: [notify] }),
  ]);
  await Promise.all(contexts.map((c) => c.watch()));
  return contexts;
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

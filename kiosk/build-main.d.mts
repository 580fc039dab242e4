// Types for kiosk/build-main.mjs, so TypeScript tests can call it.
import type { LogLevel, Metafile } from 'esbuild';

export function buildKiosk(options?: {
  outdir?: string;
  logLevel?: LogLevel;
}): Promise<{ outdir: string; main: Metafile; preload: Metafile }>;

export function watchKiosk(onBuilt: () => void): Promise<unknown[]>;

import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

// Browser end-to-end tests: real server, real Chromium (Debian's /usr/bin/chromium via
// playwright-core). Files run one after another: Chromium is heavy on a 2-core machine.
export default defineConfig({
  root: fileURLToPath(new URL('../..', import.meta.url)),
  test: {
    include: ['test/e2e/**/*.e2e.test.ts'],
    testTimeout: 90_000,
    hookTimeout: 90_000,
    fileParallelism: false,
    pool: 'forks',
  },
});

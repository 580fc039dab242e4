import { defineConfig } from 'vitest/config';
import vue from '@vitejs/plugin-vue';

// Unit tests sit beside their code (*.test.ts); tests that cross parts live under test/.
// Browser end-to-end tests have their own config (test/e2e/vitest.config.ts).
export default defineConfig({
  plugins: [vue()],
  test: {
    include: [
      'shared/**/*.test.ts',
      'server/**/*.test.ts',
      'kiosk/**/*.test.ts',
      'display/**/*.test.ts',
      'test/**/*.test.ts',
    ],
    // PostgreSQL-only tests run in `npm run test:pg` (test/pg/vitest.config.ts), which starts a cluster.
    exclude: ['test/e2e/**', 'test/pg/**', '**/*.pg.test.ts', 'node_modules/**'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Prints the fault suite's SUMMARY (faults, inputs, crashes, tickets lost) after every run.
    globalSetup: ['test/fault/support/summaryGlobalSetup.ts'],
  },
});

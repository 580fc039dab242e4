import { defineConfig } from 'vitest/config';

// `npm run test:pg` (test/pg/run.mjs): the integration suite on PostgreSQL (test/support's servers
// create a database per server in the throwaway cluster named by HALL_TEST_PG_URL), the
// PostgreSQL-only unit tests (*.pg.test.ts) and the multi-process tests in test/pg/.
export default defineConfig({
  test: {
    include: ['test/server/**/*.test.ts', 'test/pg/**/*.test.ts', 'server/**/*.pg.test.ts'],
    exclude: ['node_modules/**'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});

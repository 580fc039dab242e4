import { defineConfig } from 'vitest/config';

// `npm run test:pg` (test/pg/run.mjs): the integration suite on PostgreSQL (test/support's servers
// create a database per server in the throwaway cluster named by HALL_TEST_PG_URL), the
// PostgreSQL-only unit tests (*.pg.test.ts) and the multi-process tests in test/pg/.
export default defineConfig({
  test: {
    include: ['test/server/**/*.test.ts', 'test/pg/**/*.test.ts', 'server/**/*.pg.test.ts'],
    exclude: [
      'node_modules/**',
      // About the SQLite file itself (its bytes, WAL and backups; `npm run keys` on the stopped
      // file): they run in `npm test`. On PostgreSQL sealed fields reach the database sealed, and
      // backups are the operator's pg_dump.
      'test/server/privacyAtRest.test.ts',
      'test/server/keyRotation.test.ts',
    ],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});

// `npm run test:pg`: starts a throwaway PostgreSQL cluster (cluster.mjs), runs the integration suite
// and the multi-process tests on it (test/pg/vitest.config.ts), and removes the cluster. Extra
// arguments go to vitest (e.g. a file filter).
import { spawnSync } from 'node:child_process';
import { startCluster } from './cluster.mjs';

const cluster = await startCluster();
process.stdout.write(`PostgreSQL test cluster on ${cluster.url} (${cluster.dir})\n`);
let status;
try {
  const result = spawnSync(
    process.execPath,
    ['node_modules/vitest/vitest.mjs', 'run', '-c', 'test/pg/vitest.config.ts', ...process.argv.slice(2)],
    { stdio: 'inherit', env: { ...process.env, ...cluster.env } },
  );
  status = result.status ?? 1;
} finally {
  cluster.stop();
}
process.exit(status);

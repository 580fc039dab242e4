// `npm run reports -- rebuild`: drops the per-day report rollups and builds them again from the
// event log (the source of truth). `npm run reports -- check <from> <to> [hallId]`: computes that
// report from the rollups and straight from the events, and lists any figure that differs.
// Run them with the server stopped (like restore): they write to the database file.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadServerConfig } from '../config';
import { openDatabase } from '../core/db/database';
import { checkRollups, rebuildRollups } from '../reports/rollupMaintenance';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const USAGE = '用法 / usage: npm run reports -- rebuild | check <from YYYY-MM-DD> <to YYYY-MM-DD> [hallId]';

function main(): void {
  const [command, from, to, hall] = process.argv.slice(2);
  const config = loadServerConfig(process.env, repoRoot);
  const db = openDatabase(config.dbFile);
  try {
    if (command === 'rebuild') {
      const stats = rebuildRollups(db, Date.now());
      console.log(`已重建 / Rebuilt ${stats.builtDays} hall-days of report rollups in ${stats.ms} ms`);
      return;
    }
    if (command === 'check' && from && to) {
      const result = checkRollups(db, { from, to, hallId: hall ? Number(hall) : null }, Date.now());
      for (const d of result.differences)
        console.log(`${d.path}: rollups ${JSON.stringify(d.actual)} ≠ events ${JSON.stringify(d.expected)}`);
      console.log(`${result.differences.length} of ${result.figures} figures differ`);
      if (result.differences.length > 0) process.exitCode = 1;
      return;
    }
    throw new Error(USAGE);
  } finally {
    db.close();
  }
}

try {
  main();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}

// `npm run backup`: copies the live database to data/backups/ (the server may keep running).
// `npm run restore -- <file>`: with the server stopped, puts a backup back in place.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadServerConfig } from '../config';
import { backupDatabase, restoreDatabase } from '../backup';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

async function main(): Promise<void> {
  const config = loadServerConfig(process.env, repoRoot);
  const [command, file] = process.argv.slice(2);
  if (command === 'restore') {
    if (!file) throw new Error('用法 / usage: npm run restore -- <backup file>');
    const kept = restoreDatabase(path.resolve(file), config.dbFile);
    console.log(`已恢复 / Restored ${file} → ${config.dbFile}`);
    if (kept) console.log(`原数据库保留为 / Previous database kept as ${kept}`);
    return;
  }
  const target = await backupDatabase(config.dbFile, path.join(config.DATA_DIR, 'backups'));
  console.log(`已备份 / Backup written: ${target}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});

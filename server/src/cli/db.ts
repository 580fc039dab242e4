// `npm run db -- export --hall <id> [--from <db>] [--out <file>]`: writes one hall's data to a file.
// `npm run db -- import <file> [--to <db>] [--renumber] [--rename-taken-users <suffix>] [--hall-code <code>]`:
// adds that hall to a database, all or nothing; new ids when its ids are taken there (printed).
// <db> is a SQLite file or a postgres:// URL; the default is this server's own database
// (DATABASE_URL, else DATA_DIR/hall.sqlite). How and what: server/src/core/db/transfer/.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadServerConfig } from '../config';
import { openDatabase } from '../core/db/database';
import { exportHall, importHall, type TransferCounts } from '../core/db/transfer/hallTransfer';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const USAGE =
  '用法 / usage: npm run db -- export --hall <id> [--from <sqlite file | postgres://…>] [--out <file>]\n' +
  '              npm run db -- import <file> [--to <sqlite file | postgres://…>] [--renumber]\n' +
  '                                 [--rename-taken-users <suffix>] [--hall-code <code>]';

function option(args: string[], name: string): string | undefined {
  const at = args.indexOf(name);
  if (at < 0) return undefined;
  const value = args[at + 1];
  if (value === undefined || value.startsWith('--')) throw new Error(`${name} needs a value\n${USAGE}`);
  args.splice(at, 2);
  return value;
}

const describeTarget = (target: string) => target.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');

function printCounts(verb: string, counts: TransferCounts): void {
  const total = counts.tables.reduce((n, t) => n + t.rows, 0);
  console.log(`${verb} hall ${counts.hallId}: ${total} rows`);
  const plan = counts.renumbered;
  if (plan) {
    console.log(`新编号 / New ids: hall ${plan.fromHallId} → ${plan.toHallId}; each table's ids + offset:`);
  }
  for (const t of counts.tables) {
    const offset = plan?.offsets.get(t.table);
    console.log(`  ${t.table.padEnd(22)} ${String(t.rows).padStart(7)}${offset ? `   ids +${offset}` : ''}`);
  }
  if (counts.hallCode) console.log(`大厅代码 / Hall code: ${counts.hallCode.from} → ${counts.hallCode.to}`);
  if (counts.renamedUsers?.length) {
    console.log('已改名的账号（请告知本人）/ Renamed accounts (tell each person):');
    for (const r of counts.renamedUsers) console.log(`  ${r.from} → ${r.to}`);
  }
}

function flag(args: string[], name: string): boolean {
  const at = args.indexOf(name);
  if (at >= 0) args.splice(at, 1);
  return at >= 0;
}

function main(): void {
  const args = process.argv.slice(2);
  const command = args.shift();
  const config = loadServerConfig(process.env, repoRoot);
  const ownDatabase = config.DATABASE_URL ?? config.dbFile;
  if (command === 'export') {
    const hall = Number(option(args, '--hall'));
    if (!Number.isInteger(hall) || hall <= 0) throw new Error(`--hall <id> is required\n${USAGE}`);
    const from = option(args, '--from') ?? ownDatabase;
    const out = path.resolve(
      option(args, '--out') ?? `hall-${hall}-${new Date().toISOString().slice(0, 10)}.jsonl`,
    );
    // Read-only: the hall's server may keep running (one consistent snapshot is read).
    const db = openDatabase(from, { readonly: true });
    try {
      printCounts(`已导出 / Exported from ${describeTarget(from)} to ${out},`, exportHall(db, hall, out));
    } finally {
      db.close();
    }
    return;
  }
  if (command === 'import') {
    const to = option(args, '--to') ?? ownDatabase;
    const options = {
      renumber: flag(args, '--renumber'),
      renameTakenUsers: option(args, '--rename-taken-users'),
      hallCode: option(args, '--hall-code'),
    };
    const [file, ...rest] = args;
    if (!file || rest.length > 0) throw new Error(USAGE);
    const db = openDatabase(to);
    try {
      printCounts(
        `已导入 / Imported ${file} into ${describeTarget(to)},`,
        importHall(db, path.resolve(file), options),
      );
    } finally {
      db.close();
    }
    return;
  }
  throw new Error(USAGE);
}

try {
  main();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}

// `npm run account -- password <username>`: sets a new random password (printed once) for an
// account, e.g. when the first-start passwords were lost. `npm run account -- create-city <username>
// <name> [hall code]`: creates a city account (reads every hall's reports), which no hall admin can
// create. Run them on the server PC.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadServerConfig } from '../config';
import { openDatabase } from '../core/db/database';
import { createRepositories } from '../repositories';
import { hashPassword, randomToken } from '../core/secrets';
import { valuesDetail } from '../audit/auditDetail';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

const USAGE =
  '用法 / usage: npm run account -- password <username> | create-city <username> <name> [hall code]';

function createCity(repos: ReturnType<typeof createRepositories>, args: string[]): void {
  const [username, name, hallCode] = args;
  if (!username || !/^[A-Za-z0-9_.-]{2,32}$/.test(username) || !name) throw new Error(USAGE);
  if (repos.staff.findByUsername(username)) throw new Error(`账号已存在 / Account ${username} exists`);
  const halls = repos.halls.list();
  const hall = hallCode ? halls.find((h) => h.code === hallCode) : halls[0];
  if (!hall) throw new Error(`没有这个大厅 / No hall with code ${hallCode}`);
  const password = randomToken(9);
  const id = repos.staff.insert({
    hallId: hall.id,
    username,
    name,
    role: 'city',
    passwordHash: hashPassword(password),
  });
  repos.audit.append(
    hall.id,
    Date.now(),
    null,
    'account.createCity.cli',
    valuesDetail({ id, label: username }, { role: 'city', name }),
  );
  console.log(`市级统计账号 / City account ${username}, password: ${password}`);
}

function main(): void {
  const [command, username, ...rest] = process.argv.slice(2);
  if (!username || (command !== 'password' && command !== 'create-city')) throw new Error(USAGE);
  const config = loadServerConfig(process.env, repoRoot);
  const db = openDatabase(config.dbFile);
  try {
    const repos = createRepositories(db);
    if (command === 'create-city') return createCity(repos, [username, ...rest]);
    const account = repos.staff.findByUsername(username);
    if (!account) throw new Error(`没有这个账号 / No account named ${username}`);
    const password = randomToken(9);
    repos.staff.setPassword(account.id, hashPassword(password));
    repos.staff.deleteSessionsOf(account.id);
    repos.audit.append(
      account.hallId,
      Date.now(),
      null,
      'account.passwordReset.cli',
      valuesDetail({ id: account.id, label: username }, { passwordReset: true }),
    );
    console.log(`新密码 / New password for ${username}: ${password}`);
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

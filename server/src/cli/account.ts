// `npm run account -- password <username>`: sets a new random password (printed once) for a
// staff or admin account, e.g. when the first-start passwords were lost. Run it on the server PC.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadServerConfig } from '../config';
import { openDatabase } from '../core/db/database';
import { createRepositories } from '../repositories';
import { hashPassword, randomToken } from '../core/secrets';
import { valuesDetail } from '../audit/auditDetail';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

function main(): void {
  const [command, username] = process.argv.slice(2);
  if (command !== 'password' || !username)
    throw new Error('用法 / usage: npm run account -- password <username>');
  const config = loadServerConfig(process.env, repoRoot);
  const db = openDatabase(config.dbFile);
  try {
    const repos = createRepositories(db);
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

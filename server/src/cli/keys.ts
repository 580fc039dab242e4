// `npm run keys -- status | rotate | forget-retired [--drop-unmatchable] | forget-lost --yes`: the
// key file that seals personal fields (README › Privacy). All but status change the database, so
// they need the server stopped: they take the database exclusively and refuse while it is open.
// `npm run keys -- add-from <other key file>` changes only the key file (a hall moved in brings
// fields sealed with its own key file; README › City deployment).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { loadServerConfig } from '../config';
import { migrate, type Db } from '../core/db/database';
import { addKeysFrom } from '../core/crypto/keyFile';
import {
  forgetLostKeys,
  forgetRetiredKeys,
  keyStatus,
  requireKeyFile,
  rotateKeys,
  type KeyUse,
} from '../privacy/keyRotation';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const USAGE =
  '用法 / usage: npm run keys -- status | rotate | forget-retired [--drop-unmatchable] | forget-lost --yes\n' +
  '              npm run keys -- add-from <other key file>';

function openExclusive(file: string): Db {
  const db = new Database(file, { fileMustExist: true, timeout: 0 });
  try {
    db.pragma('locking_mode = EXCLUSIVE');
    db.exec('BEGIN EXCLUSIVE; COMMIT');
  } catch (error) {
    db.close();
    if ((error as { code?: string }).code === 'SQLITE_BUSY') {
      throw new Error(
        '服务器正在使用数据库，请先停止服务器 / The server has the database open: stop it first',
        { cause: error },
      );
    }
    throw error;
  }
  db.pragma('journal_mode = WAL');
  db.pragma('secure_delete = ON');
  db.pragma('foreign_keys = ON');
  migrate(db);
  return db;
}

const describe = (k: KeyUse) =>
  `  ${k.id}${k.current ? ' (当前 current)' : ''}  created ${k.createdAt}` +
  `${k.retiredAt ? `  retired ${k.retiredAt}` : ''}  sealed values: ${k.sealedValues}, keyed hashes: ${k.indexValues}`;

function main(): void {
  const [command, ...flags] = process.argv.slice(2);
  const config = loadServerConfig(process.env, repoRoot);
  if (command === 'rotate' || command === 'forget-retired') requireKeyFile(config.keyFile);
  const options = { keyFile: config.keyFile, dataDir: config.DATA_DIR, now: new Date() };
  if (command === 'add-from') {
    const other = flags[0];
    if (!other || flags.length > 1) throw new Error(USAGE);
    const added = addKeysFrom(config.keyFile, path.resolve(other), options.now);
    console.log(
      `已加入密钥 / Keys added to ${config.keyFile}: ${added.join(', ') || '— (已全部存在 / all there already)'}`,
    );
    if (added.length > 0) console.log('请立即另行备份密钥文件 / Back up the key file again now.');
    return;
  }
  if (command === 'status') {
    const db = new Database(config.dbFile, { readonly: true, fileMustExist: true });
    try {
      const status = keyStatus({ keyFile: config.keyFile, db });
      console.log(
        `密钥文件 / Key file: ${status.keyFile}${status.keys.length === 0 ? ' (不存在 / missing)' : ''}`,
      );
      for (const k of status.keys) console.log(describe(k));
      if (status.missing.length > 0) {
        console.log(
          `数据库需要而密钥文件缺少或不同的密钥 / Keys this database needs that the file lacks: ${status.missing.join(', ')}`,
        );
        process.exitCode = 1;
      }
    } finally {
      db.close();
    }
    return;
  }
  if (command !== 'rotate' && command !== 'forget-retired' && command !== 'forget-lost')
    throw new Error(USAGE);
  if (command === 'forget-lost' && !flags.includes('--yes')) {
    throw new Error(
      '这会永久清空用丢失的密钥加密的个人信息；确认请加 --yes / This empties for good every personal field ' +
        'sealed with a key the key file lacks; add --yes to confirm',
    );
  }
  const db = openExclusive(config.dbFile);
  try {
    if (command === 'forget-lost') {
      const result = forgetLostKeys({ ...options, db });
      console.log(
        `已清空 / Emptied the personal fields of ${result.cleared} records (lost keys: ${result.lost.join(', ') || '—'}).`,
      );
      console.log('请备份密钥文件 / Back up the key file now: ' + config.keyFile);
      return;
    }
    if (command === 'rotate') {
      const result = rotateKeys({ ...options, db });
      console.log(`新密钥 / New key ${result.keyId}; 重新加密 / re-sealed ${result.resealed} records.`);
      console.log(
        `旧密钥保留（用于旧备份）/ Retired keys kept for older backups: ${result.retired.join(', ')}`,
      );
      console.log('请立即另行备份新的密钥文件 / Back up the key file again now: ' + config.keyFile);
      return;
    }
    const result = forgetRetiredKeys({
      ...options,
      db,
      dropUnmatchable: flags.includes('--drop-unmatchable'),
    });
    console.log(`已删除的旧密钥 / Retired keys forgotten: ${result.forgotten.join(', ') || '—'}`);
    for (const k of result.kept) {
      console.log(`仍在使用，保留 / Still used, kept:${describe(k)}`);
      if (k.unrecomputable > 0 && k.sealedValues === 0 && k.indexValues === k.unrecomputable) {
        console.log(
          '    (ID-number hashes only: --drop-unmatchable removes them; those records stay findable by phone)',
        );
      }
    }
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

// Pairs the key file with the database at start. The database remembers a fingerprint of every key
// that ever sealed its fields (table field_keys), so a missing or wrong key file is refused with a
// clear message instead of failing later on the first record someone opens, and a new key file is
// created only for a database that has never held sealed data.
import type { Db } from '../db/database';
import { createFieldCipher, keyCheckValue, type FieldCipher } from './fieldCipher';
import { createKeyFile, isInside, KeyFileError, keysOf, readKeyFile, type KeyFileContent } from './keyFile';

export interface OpenKeyRingOptions {
  db: Db;
  keyFile: string;
  /** The data folder: the key file must not be inside it (a copy of the folder would carry it). */
  dataDir: string;
  now: Date;
}

export interface OpenedKeyRing {
  cipher: FieldCipher;
  content: KeyFileContent;
  /** True when this start created the key file. */
  created: boolean;
}

interface KeyRow {
  key_id: string;
  check_value: string;
  retired_at: number | null;
}

export function registeredKeys(db: Db): KeyRow[] {
  return db
    .prepare('SELECT key_id, check_value, retired_at FROM field_keys ORDER BY added_at')
    .all() as KeyRow[];
}

export function openKeyRing(options: OpenKeyRingOptions): OpenedKeyRing {
  const { db, keyFile } = options;
  if (isInside(keyFile, options.dataDir)) {
    throw new KeyFileError(
      `密钥文件不能放在数据文件夹内 / The key file ${keyFile} must not be inside the data folder ` +
        `${options.dataDir}: a copy of that folder or a backup would carry the key with the data. ` +
        'Set KEY_FILE to a path outside it.',
    );
  }
  const registered = registeredKeys(db);
  let content = readKeyFile(keyFile);
  let created = false;
  if (!content) {
    if (registered.length > 0) {
      throw new KeyFileError(
        `找不到密钥文件 ${keyFile}，而数据库中的个人信息已加密。请从备份恢复密钥文件，或用 KEY_FILE 指向它。 / ` +
          `The database holds encrypted personal data but the key file ${keyFile} is missing. ` +
          'Restore the key file from its backup or point KEY_FILE at it (README › Privacy › If the key is lost).',
      );
    }
    content = createKeyFile(keyFile, options.now);
    created = true;
  }
  const keys = keysOf(content);
  for (const row of registered) {
    const key = keys.find((k) => k.id === row.key_id);
    if (!key || keyCheckValue(key) !== row.check_value) {
      throw new KeyFileError(
        `密钥文件 ${keyFile} 与数据库不匹配（缺少或不同的密钥 ${row.key_id}）。请使用加密该数据库时的密钥文件。 / ` +
          `The key file ${keyFile} does not belong to this database (key ${row.key_id} is ` +
          `${key ? 'different' : 'missing'}). Use the key file this database was encrypted with.`,
      );
    }
  }
  if (!registered.some((r) => r.key_id === content.current)) {
    const current = keys.find((k) => k.id === content.current)!;
    db.prepare(
      'INSERT INTO field_keys (key_id, check_value, added_at, retired_at) VALUES (?, ?, ?, NULL) ON CONFLICT (key_id) DO NOTHING',
    ).run(current.id, keyCheckValue(current), options.now.getTime());
  }
  return { cipher: createFieldCipher(keys, content.current), content, created };
}

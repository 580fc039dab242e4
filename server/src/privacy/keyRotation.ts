// `npm run keys`: what the key file holds and which keys the database still uses (status), a new
// key with every field re-sealed under it (rotate), and dropping retired keys nothing uses any more
// (forget-retired). The key file is always written BEFORE the database changes: a crash in between
// leaves a key file that opens both the old and the new state.
import type { Db } from '../core/db/database';
import { createFieldCipher, keyCheckValue } from '../core/crypto/fieldCipher';
import {
  createKeyFile,
  KeyFileError,
  keysOf,
  newKeyEntry,
  readKeyFile,
  writeKeyFile,
  type KeyFileContent,
} from '../core/crypto/keyFile';
import { openKeyRing, registeredKeys } from '../core/crypto/keyRing';
import { compact, resealAll } from './resealing';
import { SEALED_TABLES } from './sealedTables';

export interface KeyUse {
  id: string;
  createdAt: string;
  retiredAt: string | null;
  current: boolean;
  /** Sealed values in the database made with this key. */
  sealedValues: number;
  /** Keyed hashes in the database made with this key. */
  indexValues: number;
  /** Of those, hashes whose source is not stored (a full ID number), so rotation cannot redo them. */
  unrecomputable: number;
}

export interface KeyOptions {
  db: Db;
  keyFile: string;
  dataDir: string;
  now: Date;
}

function count(db: Db, table: string, column: string, prefix: string): number {
  return (
    db
      .prepare(`SELECT COUNT(*) AS n FROM ${table} WHERE ${column} LIKE ? ESCAPE '\\'`)
      .get(`${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`) as { n: number }
  ).n;
}

export function keyUses(db: Db, content: KeyFileContent): KeyUse[] {
  return content.keys.map((k) => {
    let sealedValues = 0;
    let indexValues = 0;
    let unrecomputable = 0;
    for (const spec of SEALED_TABLES) {
      for (const column of spec.columns) sealedValues += count(db, spec.table, column, `f1.${k.id}.`);
      for (const index of spec.indexes) {
        const n = count(db, spec.table, index.column, `${k.id}.`);
        indexValues += n;
        if (index.source === null) unrecomputable += n;
      }
    }
    return {
      id: k.id,
      createdAt: k.createdAt,
      retiredAt: k.retiredAt,
      current: k.id === content.current,
      sealedValues,
      indexValues,
      unrecomputable,
    };
  });
}

/** Read-only (the server may run): the keys, their use, and keys the database knows but the file lacks. */
export function keyStatus(options: Omit<KeyOptions, 'now' | 'dataDir'>): {
  keyFile: string;
  keys: KeyUse[];
  missing: string[];
} {
  const content = readKeyFile(options.keyFile);
  const keys = content ? keysOf(content) : [];
  const missing = registeredKeys(options.db)
    .filter((r) => {
      const key = keys.find((k) => k.id === r.key_id);
      return !key || keyCheckValue(key) !== r.check_value;
    })
    .map((r) => r.key_id);
  return { keyFile: options.keyFile, keys: content ? keyUses(options.db, content) : [], missing };
}

/** A new current key; every sealed field and recomputable hash is redone under it. */
export function rotateKeys(options: KeyOptions): { keyId: string; retired: string[]; resealed: number } {
  const { db, now } = options;
  const before = openKeyRing(options).content;
  const fresh = newKeyEntry(now);
  const retired = before.keys.filter((k) => k.retiredAt === null).map((k) => k.id);
  const after: KeyFileContent = {
    ...before,
    current: fresh.id,
    keys: [
      ...before.keys.map((k) => (k.retiredAt === null ? { ...k, retiredAt: now.toISOString() } : k)),
      fresh,
    ],
  };
  writeKeyFile(options.keyFile, after);
  const cipher = createFieldCipher(keysOf(after), fresh.id);
  db.transaction(() => {
    db.prepare(
      'INSERT INTO field_keys (key_id, check_value, added_at, retired_at) VALUES (?, ?, ?, NULL)',
    ).run(fresh.id, keyCheckValue(keysOf(after).find((k) => k.id === fresh.id)!), now.getTime());
    db.prepare('UPDATE field_keys SET retired_at = ? WHERE key_id != ? AND retired_at IS NULL').run(
      now.getTime(),
      fresh.id,
    );
  })();
  const resealed = resealAll(db, cipher);
  return { keyId: fresh.id, retired, resealed };
}

/**
 * Removes retired keys the database no longer uses from the key file (backups made before the
 * rotation can then no longer be opened). A key still used by hashes of ID numbers, which cannot be
 * redone, is kept unless `dropUnmatchable`: those records then stay findable by phone only.
 */
export function forgetRetiredKeys(options: KeyOptions & { dropUnmatchable: boolean }): {
  forgotten: string[];
  kept: KeyUse[];
} {
  const { db } = options;
  const content = openKeyRing(options).content;
  const forgotten: string[] = [];
  const kept: KeyUse[] = [];
  for (const use of keyUses(db, content)) {
    if (use.current || use.retiredAt === null) continue;
    const onlyUnmatchable = use.sealedValues === 0 && use.indexValues === use.unrecomputable;
    if (use.sealedValues + use.indexValues > 0 && !(onlyUnmatchable && options.dropUnmatchable)) {
      kept.push(use);
      continue;
    }
    forgotten.push(use.id);
  }
  if (forgotten.length === 0) return { forgotten, kept };
  writeKeyFile(options.keyFile, { ...content, keys: content.keys.filter((k) => !forgotten.includes(k.id)) });
  db.transaction(() => {
    for (const id of forgotten) {
      for (const spec of SEALED_TABLES) {
        for (const index of spec.indexes) {
          db.prepare(`UPDATE ${spec.table} SET ${index.column} = NULL WHERE ${index.column} LIKE ?`).run(
            `${id}.%`,
          );
        }
      }
      db.prepare('DELETE FROM field_keys WHERE key_id = ?').run(id);
    }
  })();
  return { forgotten, kept };
}

/**
 * After the key file was lost: empties every personal field sealed with a key the key file does not
 * hold (they cannot be read by anyone any more), forgets those keys, and registers the file's key
 * (a new key file is created when there is none). Rows, states and counts stay. Returns rows
 * emptied and keys forgotten.
 */
export function forgetLostKeys(options: KeyOptions): { cleared: number; lost: string[] } {
  const { db, now } = options;
  const content = readKeyFile(options.keyFile) ?? createKeyFile(options.keyFile, now);
  const held = new Set(content.keys.map((k) => k.id));
  const lost = registeredKeys(db)
    .map((r) => r.key_id)
    .filter((id) => !held.has(id));
  let cleared = 0;
  db.transaction(() => {
    for (const spec of SEALED_TABLES) {
      const notNull = new Set(
        (db.prepare(`PRAGMA table_info(${spec.table})`).all() as { name: string; notnull: number }[])
          .filter((c) => c.notnull === 1)
          .map((c) => c.name),
      );
      const columns = [...spec.columns, ...spec.indexes.map((i) => i.column)];
      for (const id of lost) {
        const uses = [
          ...spec.columns.map((c) => `${c} LIKE 'f1.${id}.%'`),
          ...spec.indexes.map((i) => `${i.column} LIKE '${id}.%'`),
        ].join(' OR ');
        const empty = columns.map((c) => `${c} = ${notNull.has(c) ? "''" : 'NULL'}`).join(', ');
        cleared += db
          .prepare(
            `UPDATE ${spec.table} SET ${empty}, ${spec.clearedAtColumn} = COALESCE(${spec.clearedAtColumn}, ?)
              WHERE ${uses}`,
          )
          .run(now.getTime()).changes;
      }
    }
    for (const id of lost) db.prepare('DELETE FROM field_keys WHERE key_id = ?').run(id);
  })();
  // Registers the file's current key, as a start would.
  openKeyRing(options);
  compact(db);
  return { cleared, lost };
}

export function requireKeyFile(keyFile: string): void {
  if (!readKeyFile(keyFile)) throw new KeyFileError(`找不到密钥文件 / No key file at ${keyFile}`);
}

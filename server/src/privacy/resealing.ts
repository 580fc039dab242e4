// Rewrites the sealed columns of every table in SEALED_TABLES: sealing the plain rows an older
// version left (on upgrade) or re-sealing every row under the current key (rotation). Each runs in
// one transaction; afterwards the file is compacted so the old bytes (plain text, or ciphertexts of
// a key being retired) do not linger in free pages or the WAL.
import type { Db } from '../core/db/database';
import { isPostgres } from '../core/db/sqlDatabase';
import type { FieldCipher } from '../core/crypto/fieldCipher';
import type { SealedTable } from './sealedTable';
import { SEALED_TABLES } from './sealedTables';

type Row = Record<string, string | number | null> & { id: number };

function rewrite(
  db: Db,
  cipher: FieldCipher,
  spec: SealedTable,
  which: 'plain' | 'sealed',
  read: (context: string, stored: string) => string,
): number {
  const columns = [...spec.columns, ...spec.indexes.map((i) => i.column)];
  const rows = db
    .prepare(`SELECT id, ${columns.join(', ')} FROM ${spec.table} WHERE sealed = ?`)
    .all(which === 'plain' ? 0 : 1) as Row[];
  if (rows.length === 0) return 0;
  const update = db.prepare(
    `UPDATE ${spec.table} SET ${columns.map((c) => `${c} = @${c}`).join(', ')}, sealed = 1 WHERE id = @id`,
  );
  for (const row of rows) {
    const plain: Record<string, string | null> = {};
    const next: Record<string, string | number | null> = { id: row.id };
    for (const column of spec.columns) {
      const stored = row[column] as string | null;
      const context = `${spec.table}.${column}`;
      plain[column] = stored === null || stored === '' ? stored : read(context, stored);
      next[column] = cipher.sealOptional(context, plain[column] ?? null);
    }
    for (const index of spec.indexes) {
      const source = index.source === null ? null : plain[index.source];
      next[index.column] =
        source === null || source === undefined || source === ''
          ? (row[index.column] ?? null) // not recomputable (source not stored) or nothing to index
          : cipher.blindIndex(index.kind, index.normalize(source));
    }
    update.run(next);
  }
  return rows.length;
}

/** Upgrade: seals rows written in the clear by a version before encryption. Returns rows sealed. */
export function sealPlainRows(db: Db, cipher: FieldCipher): number {
  const sealed = db.transaction(() =>
    SEALED_TABLES.reduce((n, spec) => n + rewrite(db, cipher, spec, 'plain', (_c, plain) => plain), 0),
  )();
  if (sealed > 0) compact(db);
  return sealed;
}

/** Rotation: re-seals every sealed row under the cipher's current key. Returns rows re-sealed. */
export function resealAll(db: Db, cipher: FieldCipher): number {
  const resealed = db.transaction(() =>
    SEALED_TABLES.reduce(
      (n, spec) => n + rewrite(db, cipher, spec, 'sealed', (context, stored) => cipher.open(context, stored)),
      0,
    ),
  )();
  compact(db);
  return resealed;
}

/**
 * Moves every committed page into the main file and empties the WAL, then rebuilds the file so no
 * free page keeps an old value. Only where nobody else writes (start-up, the keys command).
 */
export function compact(db: Db): void {
  // PostgreSQL: no file of ours to compact (and sealed fields reach it sealed in the first place).
  if (isPostgres(db)) return;
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.exec('VACUUM');
  db.pragma('wal_checkpoint(TRUNCATE)');
}

/** Empties the WAL after an erasure or a purge while the server runs (readers may delay it). */
export function flushWal(db: Db): void {
  if (isPostgres(db)) return;
  db.pragma('wal_checkpoint(TRUNCATE)');
}

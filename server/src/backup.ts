// Online backup with SQLite's backup API: safe while the server runs (it copies a consistent
// snapshot page by page without stopping writers), and restore of such a file.
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';

export function backupFileName(at: Date): string {
  const stamp = at.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `hall-${stamp}.sqlite`;
}

export async function backupDatabase(dbFile: string, backupDir: string, at = new Date()): Promise<string> {
  if (!fs.existsSync(dbFile)) throw new Error(`没有数据库文件 / No database at ${dbFile}`);
  fs.mkdirSync(backupDir, { recursive: true });
  const target = path.join(backupDir, backupFileName(at));
  const db = new Database(dbFile, { readonly: true, fileMustExist: true });
  try {
    await db.backup(target);
  } finally {
    db.close();
  }
  verifyDatabase(target);
  return target;
}

/** Throws unless the file is a readable SQLite database that passes integrity_check. */
export function verifyDatabase(file: string): void {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const result = db.pragma('integrity_check', { simple: true });
    if (result !== 'ok') throw new Error(`备份文件损坏 / Backup failed integrity check: ${String(result)}`);
    db.prepare('SELECT COUNT(*) FROM tickets').get();
  } finally {
    db.close();
  }
}

/** Restore: with the server stopped, replace the database by a verified backup (old file kept aside). */
export function restoreDatabase(backupFile: string, dbFile: string, at = new Date()): string | null {
  verifyDatabase(backupFile);
  let kept: string | null = null;
  if (fs.existsSync(dbFile)) {
    kept = `${dbFile}.before-restore-${backupFileName(at).slice(5, -7)}`;
    fs.renameSync(dbFile, kept);
  }
  for (const suffix of ['-wal', '-shm']) fs.rmSync(`${dbFile}${suffix}`, { force: true });
  fs.copyFileSync(backupFile, dbFile);
  return kept;
}

// Backups hold personal fields too (sealed): one older than the longest retention period may hold
// what the live database has already cleared, so it is deleted. Only files named as `npm run backup`
// names them are touched, and their age is read from the name (a copy changes the file's mtime).
import fs from 'node:fs';
import path from 'node:path';

const BACKUP_NAME = /^hall-(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})(\d{2})\.sqlite$/;

/** When the backup was taken, from its file name; null for any other file. */
export function backupTakenAt(fileName: string): number | null {
  const m = BACKUP_NAME.exec(fileName);
  if (!m) return null;
  const [, y, mo, d, h, mi, s] = m.map(Number) as number[];
  return Date.UTC(y!, mo! - 1, d!, h!, mi!, s!);
}

/** Deletes backups taken before `before`. Returns the names deleted. */
export function pruneBackups(backupDir: string, before: number): string[] {
  let names: string[];
  try {
    names = fs.readdirSync(backupDir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const pruned: string[] = [];
  for (const name of names.sort()) {
    const takenAt = backupTakenAt(name);
    if (takenAt === null || takenAt >= before) continue;
    fs.rmSync(path.join(backupDir, name), { force: true });
    pruned.push(name);
  }
  return pruned;
}

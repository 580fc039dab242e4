import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from './core/db/database';
import { createRepositories } from './repositories';
import { seedHalls } from './hall/seed';
import { backupDatabase, restoreDatabase, verifyDatabase } from './backup';
import { testHallConfig } from '../../test/support/testServer';

describe('backup and restore', () => {
  it('backs up a database that is open for writing, and restores it', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hall-backup-'));
    const dbFile = path.join(dir, 'hall.sqlite');
    const live = openDatabase(dbFile);
    const repos = createRepositories(live);
    const hall = testHallConfig().halls[0]!;
    seedHalls(repos, { halls: [{ ...hall, staff: [] }] });
    live.prepare('INSERT INTO notices (hall_id, text) VALUES (1, ?)').run('备份前 before backup');

    const backup = await backupDatabase(dbFile, path.join(dir, 'backups'), new Date('2026-11-28T09:30:00Z'));
    expect(path.basename(backup)).toBe('hall-20261128-093000.sqlite');
    live.prepare('INSERT INTO notices (hall_id, text) VALUES (1, ?)').run('备份后 after backup');
    live.close();

    const kept = restoreDatabase(backup, dbFile);
    expect(kept && fs.existsSync(kept)).toBe(true);
    const restored = openDatabase(dbFile);
    const texts = restored.prepare('SELECT text FROM notices ORDER BY id').all() as { text: string }[];
    expect(texts.map((t) => t.text)).toEqual(['备份前 before backup']);
    restored.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('refuses to restore a file that is not a sound database', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hall-backup-'));
    const junk = path.join(dir, 'junk.sqlite');
    fs.writeFileSync(junk, 'not a database');
    expect(() => verifyDatabase(junk)).toThrow();
    expect(() => restoreDatabase(junk, path.join(dir, 'hall.sqlite'))).toThrow();
    expect(fs.existsSync(path.join(dir, 'hall.sqlite'))).toBe(false);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

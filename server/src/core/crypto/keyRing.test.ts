import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../db/database';
import { readKeyFile, writeKeyFile } from './keyFile';
import { openKeyRing } from './keyRing';

let root: string;
let dataDir: string;
let keyFile: string;
let db: Db;
const now = new Date('2026-05-06T08:00:00Z');

beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'hall-keys-'));
  dataDir = path.join(root, 'data');
  keyFile = path.join(root, 'keys', 'field-keys.json');
  db = openDatabase(path.join(dataDir, 'hall.sqlite'));
});
afterEach(() => {
  db.close();
  fs.rmSync(root, { recursive: true, force: true });
});

describe('key ring at start', () => {
  it('creates a key file readable by its owner only, and remembers its fingerprint', () => {
    const opened = openKeyRing({ db, keyFile, dataDir, now });
    expect(opened.created).toBe(true);
    expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(fs.statSync(path.dirname(keyFile)).mode & 0o777).toBe(0o700);
    const rows = db.prepare('SELECT key_id, check_value FROM field_keys').all() as { key_id: string }[];
    expect(rows.map((r) => r.key_id)).toEqual([opened.cipher.currentKeyId]);
    // The database keeps a fingerprint, never the secret.
    const secret = readKeyFile(keyFile)!.keys[0]!.secret;
    expect(JSON.stringify(db.prepare('SELECT * FROM field_keys').all())).not.toContain(secret);
    const again = openKeyRing({ db, keyFile, dataDir, now });
    expect(again.created).toBe(false);
    expect(again.cipher.open('t.c', opened.cipher.seal('t.c', 'x'))).toBe('x');
  });

  it('refuses to start when the key file of an encrypted database is missing', () => {
    openKeyRing({ db, keyFile, dataDir, now });
    fs.rmSync(keyFile);
    expect(() => openKeyRing({ db, keyFile, dataDir, now })).toThrow(/key file .* is missing/);
    expect(fs.existsSync(keyFile)).toBe(false);
  });

  it('refuses a key file that belongs to another database', () => {
    openKeyRing({ db, keyFile, dataDir, now });
    const otherFile = path.join(root, 'other', 'keys.json');
    const otherDb = openDatabase(path.join(root, 'other-data', 'hall.sqlite'));
    openKeyRing({ db: otherDb, keyFile: otherFile, dataDir: path.join(root, 'other-data'), now });
    otherDb.close();
    expect(() => openKeyRing({ db, keyFile: otherFile, dataDir, now })).toThrow(/does not belong/);
    // Same key id, different secret: still refused.
    const content = readKeyFile(keyFile)!;
    const forged = {
      ...content,
      keys: content.keys.map((k) => ({ ...k, secret: Buffer.alloc(32, 7).toString('base64') })),
    };
    writeKeyFile(keyFile, forged);
    expect(() => openKeyRing({ db, keyFile, dataDir, now })).toThrow(/is different/);
  });

  it('refuses a key file others may read, a malformed one, and one inside the data folder', () => {
    openKeyRing({ db, keyFile, dataDir, now });
    fs.chmodSync(keyFile, 0o644);
    expect(() => openKeyRing({ db, keyFile, dataDir, now })).toThrow(/chmod 600/);
    fs.chmodSync(keyFile, 0o600);
    fs.writeFileSync(keyFile, '{"format":"hall-queue/field-keys"}', { mode: 0o600 });
    expect(() => openKeyRing({ db, keyFile, dataDir, now })).toThrow(/malformed/);
    expect(() => openKeyRing({ db, keyFile: path.join(dataDir, 'keys.json'), dataDir, now })).toThrow(
      /must not be inside the data folder/,
    );
  });
});

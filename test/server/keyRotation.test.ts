// Key rotation keeps every record readable: `npm run keys -- rotate` (server stopped) writes a new
// key, re-seals every field under it and keeps the old one for older backups; the server then
// starts and shows every record as before, and people are still found by phone and ID number.
// The command refuses while the server has the database open.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HomeVisit } from '@hall/shared/contracts/admin';
import type { RevealedRecord, SubjectCopy } from '@hall/shared/contracts/privacy';
import { readKeyFile } from '../../server/src/core/crypto/keyFile';
import { forgetRetiredKeys, keyStatus } from '../../server/src/privacy/keyRotation';
import { REPO_ROOT, startTestServer, type TestServer } from '../support/testServer';
import { emitAck, type ConnectedClient } from '../support/clients';
import {
  connectAdmin,
  data,
  databaseFiles,
  findInFiles,
  PEOPLE,
  registerVisit,
} from '../support/personalData';

let server: TestServer;
let visits: HomeVisit[];
let before: RevealedRecord[];

function keysCommand(args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/cli/keys.ts', ...args], {
      cwd: REPO_ROOT,
      env: { ...process.env, DATA_DIR: server.dataDir, KEY_FILE: server.keyFile },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    child.once('exit', (code) => resolve({ code, output }));
  });
}

const revealAll = async (admin: ConnectedClient) => {
  const out: RevealedRecord[] = [];
  for (const v of visits) {
    out.push(
      data(
        await emitAck<RevealedRecord>(admin.socket, 'privacy:reveal', {
          kind: 'home_visit',
          id: v.id,
          reason: 'verify_record',
        }),
      ),
    );
  }
  return out;
};

const sealedKeyIds = (): string[] => {
  const db = new Database(server.dbFile, { readonly: true });
  try {
    const values = db
      .prepare('SELECT person_name, phone, address, masked_id_number, notes FROM home_visits')
      .raw()
      .all()
      .flat() as (string | null)[];
    return [...new Set(values.filter((v): v is string => !!v).map((v) => v.split('.')[1]!))];
  } finally {
    db.close();
  }
};

beforeAll(async () => {
  server = await startTestServer();
  const { client: admin } = await connectAdmin(server);
  visits = [];
  for (const person of PEOPLE) visits.push(await registerVisit(admin, person));
  before = await revealAll(admin);
  admin.close();
});

afterAll(async () => {
  await server?.close();
});

describe('npm run keys', () => {
  it('refuses to rotate while the server has the database open', async () => {
    const { code, output } = await keysCommand(['rotate']);
    expect(code).toBe(1);
    expect(output).toContain('stop it first');
    expect(readKeyFile(server.keyFile)!.keys).toHaveLength(1);
  }, 30_000);

  it('rotates with the server stopped: a new key, every field re-sealed, the old key kept', async () => {
    await server.stop();
    const oldKey = readKeyFile(server.keyFile)!.current;
    expect(sealedKeyIds()).toEqual([oldKey]);
    const { code, output } = await keysCommand(['rotate']);
    expect(output).toContain('re-sealed 3 records');
    expect(code).toBe(0);
    const content = readKeyFile(server.keyFile)!;
    expect(content.current).not.toBe(oldKey);
    expect(content.keys.find((k) => k.id === oldKey)?.retiredAt).not.toBeNull();
    expect(sealedKeyIds()).toEqual([content.current]);
    // The old ciphertexts are gone from the file, not just superseded.
    expect(findInFiles(databaseFiles(server.dbFile), [`f1.${oldKey}.`])).toEqual([]);
    const status = await keysCommand(['status']);
    expect(status.output).toContain(`${content.current} (当前 current)`);
    expect(status.code).toBe(0);
  }, 60_000);

  it('the server starts with the rotated key file and every record reads as before', async () => {
    await server.start();
    const { client: admin } = await connectAdmin(server);
    expect(await revealAll(admin)).toEqual(before);
    // Found by phone (its keyed hash was redone) and by ID number (kept under the old key).
    const byPhone = data(
      await emitAck<SubjectCopy>(admin.socket, 'privacy:subjectFind', { phone: PEOPLE[1]!.phone }),
    );
    expect(byPhone.records.map((r) => r.id)).toEqual([visits[1]!.id]);
    const byId = data(
      await emitAck<SubjectCopy>(admin.socket, 'privacy:subjectFind', { idNumber: PEOPLE[2]!.idNumber }),
    );
    expect(byId.records.map((r) => r.id)).toEqual([visits[2]!.id]);
    // New records are sealed with the new key.
    await registerVisit(admin, { ...PEOPLE[0]!, name: '新登记' });
    admin.close();
    expect(sealedKeyIds()).toEqual([readKeyFile(server.keyFile)!.current]);
  });

  it('an old key still used by ID-number hashes is kept unless asked to drop them', async () => {
    await server.stop();
    const db = new Database(server.dbFile);
    try {
      const options = { db, keyFile: server.keyFile, dataDir: server.dataDir, now: new Date() };
      const status = keyStatus({ db, keyFile: server.keyFile });
      const retired = status.keys.find((k) => !k.current)!;
      expect(retired).toMatchObject({ sealedValues: 0, indexValues: 3, unrecomputable: 3 });
      expect(forgetRetiredKeys({ ...options, dropUnmatchable: false })).toMatchObject({ forgotten: [] });
      expect(forgetRetiredKeys({ ...options, dropUnmatchable: true })).toMatchObject({
        forgotten: [retired.id],
      });
      expect(readKeyFile(server.keyFile)!.keys.map((k) => k.id)).toEqual([
        status.keys.find((k) => k.current)!.id,
      ]);
    } finally {
      db.close();
    }
    await server.start();
    const { client: admin } = await connectAdmin(server);
    expect(await revealAll(admin)).toEqual(before);
    admin.close();
  });

  it('a lost key file: the start is refused; forget-lost empties what nobody can read, and the hall goes on', async () => {
    await server.stop();
    fs.rmSync(server.keyFile);
    await expect(server.start()).rejects.toThrow(/is missing/);
    const status = await keysCommand(['status']);
    expect(status.code).toBe(1);
    expect(status.output).toContain('Keys this database needs that the file lacks');
    const unconfirmed = await keysCommand(['forget-lost']);
    expect(unconfirmed.code).toBe(1);
    expect(unconfirmed.output).toContain('--yes');
    const { code, output } = await keysCommand(['forget-lost', '--yes']);
    expect(output).toContain('Emptied the personal fields of 4 records');
    expect(code).toBe(0);
    await server.start();
    const { client: admin } = await connectAdmin(server);
    const list = data(await emitAck<HomeVisit[]>(admin.socket, 'homeVisit:list', {}));
    expect(list).toHaveLength(4);
    expect(
      list.every((v) => v.personalClearedAt !== null && v.maskedName === '' && v.status === 'requested'),
    ).toBe(true);
    const fresh = await registerVisit(admin, PEOPLE[1]!);
    const revealed = data(
      await emitAck<RevealedRecord>(admin.socket, 'privacy:reveal', {
        kind: 'home_visit',
        id: fresh.id,
        reason: 'verify_record',
      }),
    );
    expect(revealed.personal.phone).toBe(PEOPLE[1]!.phone);
    admin.close();
  }, 60_000);
});

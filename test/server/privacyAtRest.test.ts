// Personal fields at rest: after a scenario that stores names, phones, addresses and ID numbers,
// none of them is in the database file, its WAL or a backup; the plain rows of an older version are
// sealed on upgrade with nothing left behind; and a missing or wrong key refuses the start.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HomeVisit } from '@hall/shared/contracts/admin';
import type { IssuedTicket, TicketView } from '@hall/shared/contracts/entities';
import type { RevealedRecord } from '@hall/shared/contracts/privacy';
import { backupDatabase } from '../../server/src/backup';
import { MIGRATIONS } from '../../server/src/core/db/migrations';
import { startServer } from '../../server/src/server';
import { createServerPrinter } from '../../server/src/printing/createServerPrinter';
import { REPO_ROOT, startTestServer, testHallConfig, type TestServer } from '../support/testServer';
import {
  connectClient,
  emitAck,
  newRequestId,
  staffAtWindow,
  type ConnectedClient,
} from '../support/clients';
import {
  connectAdmin,
  data,
  databaseFiles,
  findInFiles,
  PEOPLE,
  registerVisit,
  secretsOf,
} from '../support/personalData';

const allSecrets = PEOPLE.flatMap(secretsOf);

describe('a scenario that stores personal data leaves none of it in the clear', () => {
  let server: TestServer;
  let admin: ConnectedClient;
  let visits: HomeVisit[];

  beforeAll(async () => {
    server = await startTestServer();
    admin = (await connectAdmin(server)).client;
    visits = [];
    for (const person of PEOPLE) visits.push(await registerVisit(admin, person));
    // The register's later steps write notes and a cancel reason too.
    const officers = data(await emitAck<{ id: number }[]>(admin.socket, 'admin:staffList'));
    data(
      await emitAck(admin.socket, 'homeVisit:schedule', {
        id: visits[0]!.id,
        scheduledDate: '2026-05-07',
        officerId: officers[0]!.id,
        notes: `${PEOPLE[0]!.notes}（再次确认）`,
      }),
    );
    data(
      await emitAck(admin.socket, 'homeVisit:cancel', {
        id: visits[2]!.id,
        reason: `${PEOPLE[2]!.name}已搬家`,
      }),
    );
    // A kiosk ticket with a masked ID, served by proxy (a ticket holds no name, phone or address; its
    // masked ID, proxy relation and note are cleared after the day: privacyRetention.test.ts).
    const kiosk = await connectClient(server.url, {
      role: 'kiosk',
      deviceKey: server.credentials.kioskKey,
    });
    const issued = data(
      await emitAck<IssuedTicket>(kiosk.socket, 'ticket:issue', {
        requestId: newRequestId(),
        serviceId: kiosk.snapshot.services[0]!.id,
        maskedIdNumber: '4409**********2413',
      }),
    );
    const w = await staffAtWindow(
      server.url,
      'staff',
      server.credentials.staff.password,
      kiosk.snapshot.windows[0]!.id,
    );
    const called = data(await emitAck<TicketView>(w.socket, 'counter:callNext'));
    expect(called.id).toBe(issued.ticket.id);
    data(await emitAck(w.socket, 'counter:start', { ticketId: called.id }));
    data(
      await emitAck(w.socket, 'counter:finish', {
        ticketId: called.id,
        marks: {
          proxy: true,
          proxyRelation: '子女',
          assistedPayment: true,
          formHelp: false,
          note: '材料齐全',
        },
      }),
    );
    w.close();
    kiosk.close();
  });

  afterAll(async () => {
    admin?.close();
    await server?.close();
  });

  it('the database file and its WAL hold none of it while the server runs', () => {
    // The WAL has every write since the last checkpoint: this is where a plain value would show first.
    expect(fs.statSync(`${server.dbFile}-wal`).size).toBeGreaterThan(0);
    expect(findInFiles(databaseFiles(server.dbFile), allSecrets)).toEqual([]);
  });

  it('nor does a backup, which still opens with the key', async () => {
    const backup = await backupDatabase(server.dbFile, path.join(server.dataDir, 'backups'));
    expect(findInFiles([backup], allSecrets)).toEqual([]);
    // The backup holds sealed values, not empty ones: with the key file they open again.
    const copy = new Database(backup, { readonly: true });
    const sealed = copy.prepare('SELECT phone FROM home_visits ORDER BY id').pluck().all() as string[];
    copy.close();
    expect(sealed).toHaveLength(3);
    for (const value of sealed) expect(value).toMatch(/^f1\.[0-9a-f]{8}\./);
  });

  it('the full details open again, through a logged reveal', async () => {
    const revealed = data(
      await emitAck<RevealedRecord>(admin.socket, 'privacy:reveal', {
        kind: 'home_visit',
        id: visits[1]!.id,
        reason: 'contact_person',
      }),
    );
    expect(revealed.personal).toMatchObject({
      personName: PEOPLE[1]!.name,
      phone: PEOPLE[1]!.phone,
      address: PEOPLE[1]!.address,
      notes: PEOPLE[1]!.notes,
      maskedIdNumber: `${PEOPLE[1]!.idNumber.slice(0, 4)}**********${PEOPLE[1]!.idNumber.slice(-4)}`,
    });
  });

  it('after a clean stop the files still hold none of it', async () => {
    await server.stop();
    expect(findInFiles(databaseFiles(server.dbFile), allSecrets)).toEqual([]);
    await server.start();
  });
});

describe('upgrading a database written before encryption', () => {
  let root: string;
  const keyFile = () => path.join(root, 'keys', 'field-keys.json');
  const dbFile = () => path.join(root, 'data', 'hall.sqlite');

  beforeAll(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'hall-upgrade-'));
  });
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  const boot = () =>
    startServer({
      dbFile: dbFile(),
      webRoot: path.join(REPO_ROOT, 'dist', 'web'),
      port: 0,
      host: '127.0.0.1',
      hallConfig: testHallConfig(),
      printer: createServerPrinter(path.join(root, 'data'), { interface: 'virtual', widthColumns: 48 }),
      synchronous: 'NORMAL',
      keyFile: keyFile(),
      purgeCheckEveryMs: null,
    });

  it('seals the old plain rows at start and leaves no plain byte behind', async () => {
    // The schema of the previous version (without the privacy migration), seeded, with plain visits.
    const first = await boot();
    await first.close();
    fs.rmSync(path.dirname(keyFile()), { recursive: true });
    const old = new Database(dbFile());
    old.exec('DROP TABLE home_visits; DROP TABLE field_keys; DROP TABLE retention_policies;');
    old.exec('DROP TABLE purge_runs; DROP TABLE access_log;');
    old.exec(MIGRATIONS[0]!.sql.slice(MIGRATIONS[0]!.sql.indexOf('CREATE TABLE home_visits')));
    // Only the privacy migration runs again at the next start, as on a real upgrade.
    const privacy = MIGRATIONS.find((m) => m.name === 'personal data protection')!;
    old.prepare('DELETE FROM schema_migrations WHERE version = ?').run(privacy.version);
    const hallId = (old.prepare('SELECT id FROM halls').pluck().get() as number) ?? 1;
    const serviceId = old.prepare('SELECT id FROM services').pluck().get() as number;
    const insert = old.prepare(
      `INSERT INTO home_visits (hall_id, person_name, masked_id_number, phone, address, service_id, reason,
         requested_date, status, cancel_reason, notes, created_at, completed_at)
       VALUES (?, ?, ?, ?, ?, ?, 'elderly', '2026-05-06', ?, ?, ?, ?, ?)`,
    );
    const tenDaysAgo = Date.now() - 10 * 86_400_000;
    PEOPLE.forEach((p, i) =>
      insert.run(
        hallId,
        p.name,
        `${p.idNumber.slice(0, 4)}**********${p.idNumber.slice(-4)}`,
        p.phone,
        p.address,
        serviceId,
        i === 2 ? 'cancelled' : 'done',
        i === 2 ? `${p.name}已搬家` : null,
        p.notes,
        tenDaysAgo,
        i === 2 ? null : tenDaysAgo,
      ),
    );
    // The old version also copied a cancel reason into the change log and the event log.
    old
      .prepare(
        "INSERT INTO audit_log (hall_id, at, staff_id, action, detail_json) VALUES (?, ?, NULL, 'homeVisit.cancel', ?)",
      )
      .run(hallId, tenDaysAgo, JSON.stringify({ id: 3, reason: `${PEOPLE[2]!.name}已搬家` }));
    old
      .prepare(
        "INSERT INTO events (hall_id, ticket_id, type, at, payload_json) VALUES (?, NULL, 'home_visit', ?, ?)",
      )
      .run(
        hallId,
        tenDaysAgo,
        JSON.stringify({ homeVisitId: 3, step: 'cancel', reason: `${PEOPLE[2]!.name}已搬家` }),
      );
    old.pragma('wal_checkpoint(TRUNCATE)');
    old.close();
    expect(findInFiles([dbFile()], [PEOPLE[0]!.phone, PEOPLE[1]!.address]).length).toBeGreaterThan(0);

    const upgraded = await boot();
    try {
      expect(upgraded.keyFile.created).toBe(true);
      expect(findInFiles(databaseFiles(dbFile()), PEOPLE.flatMap(secretsOf))).toEqual([]);
      const admin = (
        await connectAdmin({
          url: upgraded.url,
          credentials: { admin: { password: 'admin-pass-1' } } as never,
        })
      ).client;
      const list = data(await emitAck<HomeVisit[]>(admin.socket, 'homeVisit:list', {}));
      expect(list.map((v) => v.maskedName).sort()).toEqual(['杨**', '谭**', '陈**'].sort());
      expect(list.find((v) => v.status === 'cancelled')?.cancelReason).toBe(`${PEOPLE[2]!.name}已搬家`);
      const revealed = data(
        await emitAck<RevealedRecord>(admin.socket, 'privacy:reveal', {
          kind: 'home_visit',
          id: list.find((v) => v.maskedName === '谭**')!.id,
          reason: 'verify_record',
        }),
      );
      expect(revealed.personal).toMatchObject({ phone: PEOPLE[1]!.phone, address: PEOPLE[1]!.address });
      // Old rows are found by phone too: their keyed hash was computed on upgrade.
      const copy = data(
        await emitAck<{ records: unknown[] }>(admin.socket, 'privacy:subjectFind', {
          phone: PEOPLE[0]!.phone,
        }),
      );
      expect(copy.records).toHaveLength(1);
      admin.close();
    } finally {
      await upgraded.close();
    }
  });
});

describe('a missing or wrong key refuses the start', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
    const admin = (await connectAdmin(server)).client;
    await registerVisit(admin, PEOPLE[0]!);
    admin.close();
    await server.stop();
  });
  afterAll(async () => {
    await server?.close();
  });

  const bootWith = (keyFile: string) =>
    startServer({
      dbFile: server.dbFile,
      webRoot: path.join(REPO_ROOT, 'dist', 'web'),
      port: 0,
      host: '127.0.0.1',
      hallConfig: testHallConfig(),
      printer: createServerPrinter(server.dataDir, { interface: 'virtual', widthColumns: 48 }),
      keyFile,
    });

  it('refuses a missing key file and does not make a new one', async () => {
    const missing = path.join(path.dirname(server.keyFile), 'nowhere', 'field-keys.json');
    await expect(bootWith(missing)).rejects.toThrow(/key file .*is missing/);
    expect(fs.existsSync(missing)).toBe(false);
  });

  it('refuses the key file of another database', async () => {
    const other = await startTestServer();
    const otherKey = other.keyFile;
    await other.stop();
    try {
      await expect(bootWith(otherKey)).rejects.toThrow(/does not belong to this database/);
    } finally {
      await other.close();
    }
  });

  it('refuses through `npm start` too, with the message and exit code 1', async () => {
    const missing = path.join(path.dirname(server.keyFile), 'gone.json');
    const { code, output } = await new Promise<{ code: number | null; output: string }>((resolve) => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
        cwd: REPO_ROOT,
        env: { ...process.env, DATA_DIR: server.dataDir, KEY_FILE: missing, PORT: '0', HOST: '127.0.0.1' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let text = '';
      child.stdout.on('data', (c: Buffer) => (text += c.toString()));
      child.stderr.on('data', (c: Buffer) => (text += c.toString()));
      child.once('exit', (exitCode) => resolve({ code: exitCode, output: text }));
    });
    expect(code).toBe(1);
    expect(output).toContain('找不到密钥文件');
    expect(output).toContain('is missing');
  }, 30_000);

  it('starts again with the right key', async () => {
    await server.start();
    expect(server.app).toBeDefined();
  });
});

// Masked by default, every look logged: lists are masked; a reveal needs an admin and a reason and
// lands in the access log (who, when, which record, why); CSV exports leave personal fields out
// unless asked for with a reason, and such an export is logged the same way. A person's rights:
// their records found by ID number or phone (keyed hash) as a copy, then erased leaving the counts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HallReport, HomeVisit } from '@hall/shared/contracts/admin';
import type {
  AccessLogEntry,
  RevealedRecord,
  SubjectCopy,
  SubjectErasure,
} from '@hall/shared/contracts/privacy';
import { startTestServer, type TestServer } from '../support/testServer';
import { connectClient, emitAck, login, type ConnectedClient } from '../support/clients';
import {
  connectAdmin,
  data,
  databaseFiles,
  findInFiles,
  PEOPLE,
  registerVisit,
  secretsOf,
} from '../support/personalData';

let server: TestServer;
let admin: ConnectedClient;
let adminToken: string;
let adminId: number;
let visits: HomeVisit[];

const accessLog = async () => data(await emitAck<AccessLogEntry[]>(admin.socket, 'privacy:accessLog', {}));

async function getCsv(path: string, token = adminToken): Promise<{ status: number; text: string }> {
  const response = await fetch(`${server.url}${path}`, { headers: { Authorization: `Bearer ${token}` } });
  return { status: response.status, text: await response.text() };
}

beforeAll(async () => {
  server = await startTestServer();
  const session = await connectAdmin(server);
  admin = session.client;
  adminToken = session.token;
  adminId = (await login(server.url, 'admin', server.credentials.admin.password)).staff.id;
  visits = [];
  for (const person of PEOPLE) visits.push(await registerVisit(admin, person));
  // A second visit for the first person, found with the first when she asks for her data.
  visits.push(await registerVisit(admin, { ...PEOPLE[0]!, phone: '+86 138 1234 5671', notes: '第二次上门' }));
  const officers = data(await emitAck<{ id: number }[]>(admin.socket, 'admin:staffList'));
  data(
    await emitAck(admin.socket, 'homeVisit:schedule', {
      id: visits[1]!.id,
      scheduledDate: '2026-05-07',
      officerId: officers[0]!.id,
    }),
  );
  data(await emitAck(admin.socket, 'homeVisit:complete', { id: visits[1]!.id, documentDelivered: true }));
});

afterAll(async () => {
  admin?.close();
  await server?.close();
});

describe('lists are masked', () => {
  it('shows the family name, 138****5671 and the district only', async () => {
    const list = data(await emitAck<HomeVisit[]>(admin.socket, 'homeVisit:list', {}));
    const first = list.find((v) => v.id === visits[0]!.id)!;
    expect(first).toMatchObject({
      maskedName: '杨**',
      maskedPhone: '138****5671',
      district: '茂名市茂南区',
      maskedIdNumber: `${PEOPLE[0]!.idNumber.slice(0, 4)}**********${PEOPLE[0]!.idNumber.slice(-4)}`,
      hasNotes: true,
    });
    const text = JSON.stringify(list);
    for (const person of PEOPLE) for (const secret of secretsOf(person)) expect(text).not.toContain(secret);
  });

  it('the answer to a create is masked too', () => {
    expect(visits[2]).toMatchObject({ maskedName: '陈**', maskedPhone: '066****5431', district: '高州市' });
  });
});

describe('revealing a record', () => {
  it('needs a reason from the short list', async () => {
    const without = await emitAck(admin.socket, 'privacy:reveal', { kind: 'home_visit', id: visits[0]!.id });
    expect(!without.ok && without.error.code).toBe('VALIDATION_FAILED');
    const made_up = await emitAck(admin.socket, 'privacy:reveal', {
      kind: 'home_visit',
      id: visits[0]!.id,
      reason: 'curiosity',
    });
    expect(!made_up.ok && made_up.error.code).toBe('VALIDATION_FAILED');
    const unknown = await emitAck(admin.socket, 'privacy:reveal', {
      kind: 'home_visit',
      id: 99999,
      reason: 'verify_record',
    });
    expect(!unknown.ok && unknown.error.code).toBe('NOT_FOUND');
  });

  it('is refused to window staff', async () => {
    const session = await login(server.url, 'staff', server.credentials.staff.password);
    const staff = await connectClient(server.url, { role: 'staff', sessionToken: session.token });
    const refused = await emitAck(staff.socket, 'privacy:reveal', {
      kind: 'home_visit',
      id: visits[0]!.id,
      reason: 'verify_record',
    });
    expect(!refused.ok && refused.error.code).toBe('FORBIDDEN');
    const csv = await getCsv('/api/admin/home-visits.csv?personal=1&reason=verify_record', session.token);
    expect(csv.status).toBe(403);
    staff.close();
  });

  it('shows the full record and logs who, when, which and why', async () => {
    const before = await accessLog();
    const revealed = data(
      await emitAck<RevealedRecord>(admin.socket, 'privacy:reveal', {
        kind: 'home_visit',
        id: visits[0]!.id,
        reason: 'arrange_visit',
      }),
    );
    expect(revealed.personal).toEqual({
      personName: PEOPLE[0]!.name,
      phone: PEOPLE[0]!.phone,
      address: PEOPLE[0]!.address,
      maskedIdNumber: `${PEOPLE[0]!.idNumber.slice(0, 4)}**********${PEOPLE[0]!.idNumber.slice(-4)}`,
      notes: PEOPLE[0]!.notes,
      cancelReason: null,
    });
    const after = await accessLog();
    expect(after).toHaveLength(before.length + 1);
    expect(after[0]).toMatchObject({
      staffId: adminId,
      staffName: '值班主管',
      action: 'reveal',
      recordKind: 'home_visit',
      recordId: visits[0]!.id,
      recordCount: 1,
      reason: 'arrange_visit',
    });
    expect(Math.abs(after[0]!.at - server.now())).toBeLessThan(60_000);
  });

  it('every reveal appears, in order', async () => {
    const before = await accessLog();
    for (const v of visits.slice(1, 3)) {
      data(
        await emitAck(admin.socket, 'privacy:reveal', {
          kind: 'home_visit',
          id: v.id,
          reason: 'contact_person',
        }),
      );
    }
    const after = await accessLog();
    expect(after.slice(0, 2).map((e) => e.recordId)).toEqual([visits[2]!.id, visits[1]!.id]);
    expect(after).toHaveLength(before.length + 2);
  });

  it('the access log cannot be changed or deleted, even in the database', () => {
    const db = server.openDb({ readonly: false });
    try {
      expect(() => db.prepare("UPDATE access_log SET reason = 'verify_record'").run()).toThrow(/append-only/);
      expect(() => db.prepare('DELETE FROM access_log').run()).toThrow(/append-only/);
    } finally {
      db.close();
    }
  });
});

describe('CSV exports', () => {
  it('leave every personal field out by default, and are not a look', async () => {
    const before = await accessLog();
    const csv = await getCsv('/api/admin/home-visits.csv');
    expect(csv.status).toBe(200);
    const lines = csv.text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines).toHaveLength(visits.length + 1);
    expect(lines[0]).toBe('编号,业务,原因,申请日期,状态,安排日期,上门民警,完成时间,送证上门,代缴费');
    for (const person of PEOPLE) {
      for (const secret of [...secretsOf(person), '茂南区', person.name.slice(0, 1) + '*']) {
        expect(csv.text).not.toContain(secret);
      }
    }
    expect(await accessLog()).toHaveLength(before.length);
  });

  it('refuse personal fields without a reason', async () => {
    const csv = await getCsv('/api/admin/home-visits.csv?personal=1');
    expect(csv.status).toBe(400);
    expect(JSON.parse(csv.text)).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
  });

  it('carry personal fields when asked with a reason, and that export is logged', async () => {
    const before = await accessLog();
    const csv = await getCsv('/api/admin/home-visits.csv?personal=1&reason=arrange_visit&status=requested');
    expect(csv.status).toBe(200);
    const lines = csv.text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toContain('姓名,电话,地址');
    expect(lines).toHaveLength(4); // the three visits still requested
    expect(csv.text).toContain(PEOPLE[2]!.address);
    expect(csv.text).not.toContain(PEOPLE[1]!.address); // done, so filtered out
    const after = await accessLog();
    expect(after).toHaveLength(before.length + 1);
    expect(after[0]).toMatchObject({
      action: 'export',
      recordKind: 'home_visit',
      recordId: null,
      recordCount: 3,
      reason: 'arrange_visit',
      staffId: adminId,
    });
  });

  it('the access log downloads as CSV, with every look in it', async () => {
    const entries = await accessLog();
    const csv = await getCsv('/api/admin/access-log.csv');
    expect(csv.status).toBe(200);
    const lines = csv.text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe('时间,人员,操作,记录类别,记录编号,记录数,理由');
    expect(lines).toHaveLength(entries.length + 1);
    expect(lines.filter((l) => l.includes('查看完整信息'))).toHaveLength(
      entries.filter((e) => e.action === 'reveal').length,
    );
    expect(lines.filter((l) => l.includes('导出个人信息'))).toHaveLength(1);
    const bad = await getCsv('/api/admin/access-log.csv?from=2026-05-08&to=2026-05-01');
    expect(bad.status).toBe(400);
  });
});

describe("a person's rights", () => {
  const reportFor = async (): Promise<HallReport> =>
    data(
      await emitAck<HallReport>(admin.socket, 'admin:report', {
        from: '2026-01-01',
        to: '2026-12-31',
        hallId: admin.snapshot.hall.id,
      }),
    );

  it('finds every record of one person by ID number or by phone (however it is written)', async () => {
    const byId = data(
      await emitAck<SubjectCopy>(admin.socket, 'privacy:subjectFind', { idNumber: PEOPLE[0]!.idNumber }),
    );
    expect(byId.matchedBy).toBe('id_number');
    expect(byId.records.map((r) => r.id).sort()).toEqual([visits[0]!.id, visits[3]!.id].sort());
    const first = byId.records[0]!;
    expect(first.kind === 'home_visit' ? first.personal.address : null).toBe(PEOPLE[0]!.address);
    // Her copy also says who looked at her records and why.
    expect(byId.accessLog.some((e) => e.action === 'reveal' && e.recordId === visits[0]!.id)).toBe(true);
    const byPhone = data(
      await emitAck<SubjectCopy>(admin.socket, 'privacy:subjectFind', { phone: '138-1234-5671' }),
    );
    expect(byPhone.records.map((r) => r.id).sort()).toEqual(byId.records.map((r) => r.id).sort());
    const nobody = data(
      await emitAck<SubjectCopy>(admin.socket, 'privacy:subjectFind', { phone: '13800000000' }),
    );
    expect(nobody.records).toEqual([]);
  });

  it('refuses an invalid ID number, and a search by both or neither', async () => {
    const bad = await emitAck(admin.socket, 'privacy:subjectFind', { idNumber: '440902194803152410' });
    expect(!bad.ok && bad.error.code).toBe('ID_NUMBER_INVALID');
    const both = await emitAck(admin.socket, 'privacy:subjectFind', {
      idNumber: PEOPLE[0]!.idNumber,
      phone: '123456',
    });
    expect(!both.ok && both.error.code).toBe('VALIDATION_FAILED');
    const neither = await emitAck(admin.socket, 'privacy:subjectFind', {});
    expect(!neither.ok && neither.error.code).toBe('VALIDATION_FAILED');
  });

  it('a copy is logged and audited without the number searched', async () => {
    const log = await accessLog();
    expect(log[0]).toMatchObject({ action: 'subject_copy', recordId: null, reason: 'subject_request' });
    const audit = data(await emitAck<{ action: string; detail: unknown }[]>(admin.socket, 'admin:audit'));
    const copies = audit.filter((a) => a.action === 'privacy.subjectCopy');
    expect(copies.length).toBeGreaterThanOrEqual(3);
    expect(JSON.stringify(audit)).not.toContain(PEOPLE[0]!.idNumber);
    expect(JSON.stringify(audit)).not.toContain('5671');
  });

  it('erases one person leaving no trace but the counts', async () => {
    // The report counts the completed visit of the second person; the first person's are open.
    const before = await reportFor();
    const peek = server.openDb();
    const sealedBefore = peek
      .prepare(
        'SELECT person_name, phone, address, notes, phone_index, id_index FROM home_visits WHERE id IN (?, ?)',
      )
      .all(visits[0]!.id, visits[3]!.id) as Record<string, string>[];
    peek.close();
    const refused = await emitAck(admin.socket, 'privacy:subjectErase', { idNumber: PEOPLE[0]!.idNumber });
    expect(!refused.ok && refused.error.code).toBe('VALIDATION_FAILED'); // needs confirm: true
    const erased = data(
      await emitAck<SubjectErasure>(admin.socket, 'privacy:subjectErase', {
        idNumber: PEOPLE[0]!.idNumber,
        confirm: true,
      }),
    );
    expect(erased).toEqual({ erased: 2, cancelled: 2 });

    const again = data(
      await emitAck<SubjectCopy>(admin.socket, 'privacy:subjectFind', { phone: PEOPLE[0]!.phone }),
    );
    expect(again.records).toEqual([]);
    const list = data(await emitAck<HomeVisit[]>(admin.socket, 'homeVisit:list', {}));
    const gone = list.find((v) => v.id === visits[0]!.id)!;
    expect(gone).toMatchObject({
      maskedName: '',
      maskedPhone: '',
      district: '',
      status: 'cancelled',
      hasNotes: false,
    });
    expect(gone.personalClearedAt).not.toBeNull();
    const reveal = await emitAck(admin.socket, 'privacy:reveal', {
      kind: 'home_visit',
      id: visits[0]!.id,
      reason: 'verify_record',
    });
    expect(!reveal.ok && reveal.error.code).toBe('PERSONAL_DATA_CLEARED');
    // Counts stay: the rows are there, the report is unchanged.
    expect(list).toHaveLength(visits.length);
    expect(await reportFor()).toEqual(before);
    // No trace: neither the values nor their sealed forms or keyed hashes are left in the files.
    const leftovers = sealedBefore.flatMap((row) =>
      Object.values(row).filter((v): v is string => Boolean(v)),
    );
    expect(leftovers.length).toBeGreaterThan(8);
    const secrets = [...secretsOf(PEOPLE[0]!), ...leftovers];
    if (server.databaseUrl === null) {
      expect(findInFiles(databaseFiles(server.dbFile), secrets)).toEqual([]);
    } else {
      // PostgreSQL keeps no file of ours to scan (its dead row versions go at its next VACUUM):
      // what it holds is checked row by row.
      const db = server.openDb();
      const rows = JSON.stringify(db.prepare('SELECT * FROM home_visits').all());
      db.close();
      expect(secrets.filter((s) => rows.includes(s))).toEqual([]);
    }
    const log = await accessLog();
    expect(log.find((e) => e.action === 'subject_erase')).toMatchObject({
      recordKind: 'home_visit',
      recordCount: 2,
      reason: 'subject_request',
      staffId: adminId,
    });
    // The refused reveal of an erased record left no access-log row (it showed nothing).
    expect(log.filter((e) => e.action === 'reveal' && e.recordId === visits[0]!.id)).toHaveLength(1);
    const audit = data(await emitAck<{ action: string; detail: unknown }[]>(admin.socket, 'admin:audit'));
    expect(audit.find((a) => a.action === 'privacy.subjectErase')?.detail).toEqual({
      target: { id: null, label: null },
      changes: [
        { field: 'matchedBy', to: 'id_number' },
        { field: 'erased', to: 2 },
        { field: 'cancelled', to: 2 },
      ],
    });
    // The others are untouched.
    const other = data(
      await emitAck<RevealedRecord>(admin.socket, 'privacy:reveal', {
        kind: 'home_visit',
        id: visits[1]!.id,
        reason: 'verify_record',
      }),
    );
    expect(other.personal.phone).toBe(PEOPLE[1]!.phone);
  });
});

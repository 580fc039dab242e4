// A scripted day written through the real server (kiosk, three windows, the admin's home-visit
// register) with a controlled clock; then admin:report and the CSV download must equal figures
// worked out by hand from the script.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HallReport, HomeVisit } from '@hall/shared/contracts/admin';
import type { RevealedRecord } from '@hall/shared/contracts/privacy';
import type { IssuedTicket, TicketView } from '@hall/shared/contracts/entities';
import type { Result } from '@hall/shared/contracts/errors';
import { startTestServer, type TestServer } from '../support/testServer';
import {
  connectClient,
  emitAck,
  login,
  newRequestId,
  staffAtWindow,
  type ConnectedClient,
  type KioskClient,
} from '../support/clients';

/** Local hall time (Asia/Shanghai, UTC+8) on 2026-05-06. */
const local = (hh: number, mm: number) => Date.UTC(2026, 4, 6, hh - 8, mm);
let now = local(8, 0);

let server: TestServer;
let kiosk: KioskClient;
let admin: ConnectedClient;
let adminToken: string;
let staffToken: string;
type Window = Awaited<ReturnType<typeof staffAtWindow>>;
let w1: Window;
let w3: Window;
let w5: Window;

const serviceId = (code: string) => kiosk.snapshot.services.find((s) => s.code === code)!.id;
const windowId = (n: number) => server.windowId(n);

function data<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.data;
}

async function issue(
  time: number,
  code: string,
  priorityClass = 'normal',
  proxy = false,
): Promise<TicketView> {
  now = time;
  const result = await emitAck<IssuedTicket>(kiosk.socket, 'ticket:issue', {
    requestId: newRequestId(),
    serviceId: serviceId(code),
    priorityClass,
    proxy,
    proxyRelation: proxy ? '子女' : null,
  });
  return data(result).ticket;
}

async function act<T = TicketView>(
  time: number,
  client: ConnectedClient,
  event: string,
  payload?: unknown,
): Promise<T> {
  now = time;
  const result =
    payload === undefined
      ? await emitAck<T>(client.socket, event)
      : await emitAck<T>(client.socket, event, payload);
  return data(result);
}

const noMarks = { proxy: false, proxyRelation: null, assistedPayment: false, formHelp: false, note: null };

beforeAll(async () => {
  server = await startTestServer({
    clock: () => now,
    rules: { staffIdleMinutes: 480 },
    extraStaff: ['li', 'zhang'],
  });
  kiosk = await connectClient(server.url, { role: 'kiosk', deviceKey: server.credentials.kioskKey });
  const adminSession = await login(server.url, 'admin', server.credentials.admin.password);
  adminToken = adminSession.token;
  admin = await connectClient(server.url, { role: 'admin', sessionToken: adminToken });
  w1 = await staffAtWindow(server.url, 'staff', server.credentials.staff.password, windowId(1));
  w3 = await staffAtWindow(server.url, 'li', 'li-pass', windowId(3));
  w5 = await staffAtWindow(server.url, 'zhang', 'zhang-pass', windowId(5));
  staffToken = w1.session.token;

  // ---- the hall's day (comments: expected wait / service minutes) ----
  const t1 = await issue(local(9, 0), 'A', 'elderly', true);
  const t2 = await issue(local(9, 2), 'A');
  expect((await act(local(9, 5), w1, 'counter:callNext')).number).toBe('A-L001'); // wait 5
  await act(local(9, 6), w1, 'counter:start', { ticketId: t1.id });
  expect((await act(local(9, 10), w3, 'counter:callNext')).number).toBe('A002'); // wait 8
  await act(local(9, 11), w3, 'counter:start', { ticketId: t2.id });
  await act(local(9, 16), w1, 'counter:finish', {
    ticketId: t1.id,
    marks: { ...noMarks, assistedPayment: true },
  }); // 10
  await act(local(9, 19), w3, 'counter:finish', { ticketId: t2.id, marks: noMarks }); // 8

  const t3 = await issue(local(9, 20), 'B', 'elderly');
  expect((await act(local(9, 30), w5, 'counter:callNext')).number).toBe('B-L001'); // wait 10 at an ordinary window
  await act(local(9, 31), w5, 'counter:start', { ticketId: t3.id });
  await act(local(9, 41), w5, 'counter:finish', {
    ticketId: t3.id,
    marks: { ...noMarks, proxy: true, proxyRelation: '配偶' },
  }); // 10

  const t4 = await issue(local(10, 0), 'B');
  expect((await act(local(10, 4), w5, 'counter:callNext')).number).toBe('B002'); // wait 4
  await act(local(10, 6), w5, 'counter:noShow', { ticketId: t4.id });

  const t5 = await issue(local(10, 10), 'C');
  await act(local(10, 12), w5, 'counter:cancel', { ticketId: t5.id });

  const t6 = await issue(local(10, 20), 'A');
  expect((await act(local(10, 30), w3, 'counter:callNext')).id).toBe(t6.id); // wait 10
  const t7 = await act(local(10, 35), w3, 'counter:transfer', {
    ticketId: t6.id,
    toServiceId: serviceId('B'),
  });

  const t8 = await issue(local(10, 40), 'A', 'elderly');
  expect((await act(local(10, 41), w1, 'counter:callNext')).id).toBe(t8.id); // wait 1
  await act(local(10, 42), w1, 'counter:noShow', { ticketId: t8.id });
  await act(local(10, 43), w1, 'counter:requeue', { ticketId: t8.id });

  expect((await act(local(10, 45), w5, 'counter:callNext')).id).toBe(t7.id); // transfer leg: wait 10 from 10:35
  await act(local(10, 46), w5, 'counter:start', { ticketId: t7.id });
  await act(local(10, 50), w5, 'counter:finish', { ticketId: t7.id, marks: noMarks }); // 4

  expect((await act(local(11, 0), w1, 'counter:callNext')).id).toBe(t8.id);
  await act(local(11, 1), w1, 'counter:start', { ticketId: t8.id });
  await act(local(11, 5), w1, 'counter:finish', {
    ticketId: t8.id,
    marks: { ...noMarks, assistedPayment: true },
  }); // 4

  // ---- home visits (上门办) ----
  const officerId = w1.session.staff.id;
  const visit = (code: string, personName: string) => ({
    personName,
    maskedIdNumber: '4409**********1234',
    phone: '0668-1234567',
    address: '茂南区镇盛镇养老院',
    serviceId: serviceId(code),
    reason: 'bedridden',
    requestedDate: '2026-05-06',
  });
  const hv1 = await act<HomeVisit>(local(12, 0), admin, 'homeVisit:create', visit('B', '杨伯'));
  const hv2 = await act<HomeVisit>(local(12, 1), admin, 'homeVisit:create', {
    ...visit('C', '谭先生'),
    reason: 'elderly',
  });
  const hv3 = await act<HomeVisit>(local(12, 2), admin, 'homeVisit:create', visit('B', '李婆婆'));
  const hv4 = await act<HomeVisit>(local(12, 3), admin, 'homeVisit:create', visit('A', '陈伯'));
  now = local(12, 5);
  const early = await emitAck(admin.socket, 'homeVisit:complete', { id: hv1.id, documentDelivered: true });
  expect(!early.ok && early.error.code).toBe('CONFLICT'); // not scheduled yet
  for (const hv of [hv1, hv2, hv4]) {
    await act(local(12, 10), admin, 'homeVisit:schedule', {
      id: hv.id,
      scheduledDate: '2026-05-06',
      officerId,
    });
  }
  await act(local(15, 0), admin, 'homeVisit:complete', {
    id: hv1.id,
    documentDelivered: true,
    assistedPayment: true,
  });
  await act(local(16, 0), admin, 'homeVisit:complete', {
    id: hv2.id,
    documentDelivered: false,
    assistedPayment: false,
  });
  await act(local(16, 5), admin, 'homeVisit:cancel', { id: hv3.id, reason: '家属已代为到厅办理' });
  now = local(17, 0);
});

afterAll(async () => {
  for (const c of [kiosk, admin, w1, w3, w5]) c?.close();
  await server?.close();
});

describe('admin:report over the scripted day', () => {
  let report: HallReport;
  beforeAll(async () => {
    report = data(
      await emitAck<HallReport>(admin.socket, 'admin:report', {
        from: '2026-05-06',
        to: '2026-05-06',
        hallId: kiosk.snapshot.hall.id,
      }),
    );
  });

  it('counts visitors and outcomes (a transfer counts once)', () => {
    expect(report).toMatchObject({ issued: 7, served: 5, noShows: 1, cancelled: 1, transferred: 1 });
  });

  it('measures waits and service times', () => {
    expect(report.wait).toEqual({ count: 7, averageMinutes: 6.9, p90Minutes: 10 }); // 5,8,10,4,10,10,1
    expect(report.service).toEqual({ count: 5, averageMinutes: 7.2, p90Minutes: 10 }); // 10,8,10,4,4
    expect(report.hourly[9]).toBe(3);
    expect(report.hourly[10]).toBe(4);
  });

  it('groups by service, window, staff and class', () => {
    const byKey = (rows: HallReport['byService'], key: number | string) =>
      rows.find((r) => r.key === String(key));
    expect(byKey(report.byService, serviceId('A'))).toMatchObject({
      label: 'A 出入境证件',
      issued: 4,
      served: 3,
    });
    // B: two tickets, and the transfer leg from A counted apart.
    expect(byKey(report.byService, serviceId('B'))).toMatchObject({ issued: 2, transfersIn: 1, served: 2 });
    expect(byKey(report.byService, serviceId('C'))).toMatchObject({ issued: 1, served: 0 });
    expect(byKey(report.byWindow, windowId(1))).toMatchObject({
      label: '1号窗口（老年人专窗）',
      issued: 2,
      served: 2,
    });
    expect(byKey(report.byWindow, windowId(3))).toMatchObject({ issued: 2, served: 1 });
    expect(byKey(report.byWindow, windowId(5))).toMatchObject({ issued: 2, transfersIn: 1, served: 2 });
    expect(byKey(report.byStaff, w1.session.staff.id)).toMatchObject({
      label: '窗口民警',
      issued: 2,
      served: 2,
    });
    expect(byKey(report.byStaff, w5.session.staff.id)).toMatchObject({
      label: 'zhang',
      issued: 2,
      transfersIn: 1,
      served: 2,
    });
    expect(report.byPriorityClass.map((r) => [r.key, r.issued, r.served])).toEqual([
      ['normal', 4, 2],
      ['elderly', 3, 3],
    ]);
  });

  it('counts 代办 and 代缴费 for all visitors as well as for the elderly', () => {
    // Proxy: t1 (ticket flag) and t3 (mark), both elderly. Payment: t1 and t8 in the hall, and the
    // home visit to 杨伯.
    expect(report).toMatchObject({ withProxy: 2, withAssistedPayment: 3 });
    expect(report.byHall).toHaveLength(1);
    expect(report.byHall[0]).toMatchObject({ issued: 7, transfersIn: 1, served: 5, withAssistedPayment: 3 });
  });

  it('produces the elderly-services breakdown including home visits', () => {
    expect(report.elderly).toEqual({
      totalElderlyServices: 5,
      servedInHall: 3,
      byCategory: { exit_entry: 2, household: 2, id_card: 1, residence_permit: 0, other: 0 },
      viaElderlyWindow: 2,
      viaOrdinaryWindow: 1,
      withProxy: 2,
      withAssistedPayment: 3,
      homeVisits: 2,
      homeDeliveries: 1,
      elderlyWait: { count: 3, averageMinutes: 5.3, p90Minutes: 10 },
      ordinaryWait: { count: 4, averageMinutes: 8, p90Minutes: 10 },
      // Nobody rated on this scripted day (ratings: test/server/ratings.test.ts): 3 elderly served.
      satisfaction: expect.objectContaining({ rated: 0, satisfactionRate: null, participationRate: 0 }),
      otherSatisfaction: expect.objectContaining({ rated: 0, satisfactionRate: null }),
    });
  });

  it('an all-halls report equals the one hall here, and another day is empty', async () => {
    const all = data(
      await emitAck<HallReport>(admin.socket, 'admin:report', {
        from: '2026-05-01',
        to: '2026-05-31',
        hallId: null,
      }),
    );
    expect(all.elderly).toEqual(report.elderly);
    expect(all.issued).toBe(7);
    const other = data(
      await emitAck<HallReport>(admin.socket, 'admin:report', { from: '2026-05-07', to: '2026-05-08' }),
    );
    expect(other.issued).toBe(0);
    expect(other.elderly.totalElderlyServices).toBe(0);
  });

  it('refuses a reversed or impossible range with a clear code', async () => {
    const reversed = await emitAck(admin.socket, 'admin:report', { from: '2026-05-08', to: '2026-05-01' });
    expect(!reversed.ok && reversed.error.code).toBe('VALIDATION_FAILED');
    const impossible = await emitAck(admin.socket, 'admin:report', { from: '2026-02-30', to: '2026-03-01' });
    expect(!impossible.ok && impossible.error.code).toBe('VALIDATION_FAILED');
  });
});

describe('home-visit register', () => {
  it('lists with filters and keeps each visit’s status', async () => {
    const all = data(await emitAck<HomeVisit[]>(admin.socket, 'homeVisit:list', {}));
    expect(all).toHaveLength(4);
    const done = data(await emitAck<HomeVisit[]>(admin.socket, 'homeVisit:list', { status: 'done' }));
    // Lists are masked: the family name, 066****4567 and the district only.
    expect(done.map((v) => v.maskedName).sort()).toEqual(['杨*', '谭**']);
    expect(done.find((v) => v.maskedName === '杨*')).toMatchObject({
      maskedPhone: '066****4567',
      district: '茂南区',
      documentDelivered: true,
      assistedPayment: true,
    });
    const cancelled = data(
      await emitAck<HomeVisit[]>(admin.socket, 'homeVisit:list', { status: 'cancelled' }),
    );
    expect(cancelled[0]).toMatchObject({ maskedName: '李**', cancelReason: '家属已代为到厅办理' });
    const revealed = data(
      await emitAck<RevealedRecord>(admin.socket, 'privacy:reveal', {
        kind: 'home_visit',
        id: cancelled[0]!.id,
        reason: 'verify_record',
      }),
    );
    expect(revealed.personal).toMatchObject({
      personName: '李婆婆',
      phone: '0668-1234567',
      address: '茂南区镇盛镇养老院',
    });
    const none = data(
      await emitAck<HomeVisit[]>(admin.socket, 'homeVisit:list', { from: '2026-06-01', to: '2026-06-30' }),
    );
    expect(none).toEqual([]);
  });

  it('refuses an unknown officer, a finished visit, and a full ID number', async () => {
    const [scheduled] = data(
      await emitAck<HomeVisit[]>(admin.socket, 'homeVisit:list', { status: 'scheduled' }),
    );
    const badOfficer = await emitAck(admin.socket, 'homeVisit:schedule', {
      id: scheduled!.id,
      scheduledDate: '2026-05-07',
      officerId: 9999,
    });
    expect(!badOfficer.ok && badOfficer.error.code).toBe('NOT_FOUND');
    const [done] = data(await emitAck<HomeVisit[]>(admin.socket, 'homeVisit:list', { status: 'done' }));
    const again = await emitAck(admin.socket, 'homeVisit:cancel', { id: done!.id, reason: 'x' });
    expect(!again.ok && again.error.code).toBe('CONFLICT');
    const fullId = await emitAck(admin.socket, 'homeVisit:create', {
      personName: '某人',
      maskedIdNumber: '440902195001011234',
      phone: '12345678',
      address: '某地',
      serviceId: serviceId('B'),
      reason: 'elderly',
      requestedDate: '2026-05-06',
    });
    expect(!fullId.ok && fullId.error.code).toBe('VALIDATION_FAILED');
  });
});

describe('CSV download over HTTP', () => {
  const csvUrl = (query: string) => `${server.url}/api/admin/report.csv?${query}`;

  it('serves the report as UTF-8 CSV with BOM and CRLF to an admin', async () => {
    const response = await fetch(csvUrl(`from=2026-05-06&to=2026-05-06&hallId=${kiosk.snapshot.hall.id}`), {
      headers: { Authorization: `Bearer ${adminToken}` },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe(
      'attachment; filename="report-2026-05-06-2026-05-06.csv"',
    );
    const bytes = Buffer.from(await response.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString('utf8').split('\r\n');
    expect(lines[0]).toBe('办证大厅业务报表,市公安局出入境与户政办证大厅,日期,2026-05-06 至 2026-05-06');
    expect(lines).toContain('取号人数,7');
    expect(lines).toContain('老年人服务合计,5');
    expect(lines).toContain('代缴费,3');
    expect(lines).toContain('送证上门,1');
    expect(lines).toContain('其中 户政,2');
  });

  it('refuses without a token, with a staff token, and with bad dates', async () => {
    const none = await fetch(csvUrl('from=2026-05-06&to=2026-05-06'));
    expect(none.status).toBe(401);
    const staff = await fetch(csvUrl('from=2026-05-06&to=2026-05-06'), {
      headers: { Authorization: `Bearer ${staffToken}` },
    });
    expect(staff.status).toBe(403);
    expect(((await staff.json()) as Result<unknown>).ok).toBe(false);
    const bad = await fetch(csvUrl('from=yesterday&to=2026-05-06'), {
      headers: { Authorization: `Bearer ${adminToken}` },
    });
    expect(bad.status).toBe(400);
  });
});

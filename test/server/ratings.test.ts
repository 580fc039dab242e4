// 好差评 over real sockets: a window's evaluator pad (and no other) is asked when its window
// finishes a ticket; one rating per ticket whichever channel comes first; 不满意 needs a reason and
// opens a case that the supervisor answers in order (audited), which raises the monitor alarm once
// overdue; an unanswered question becomes 未评价 after the timeout; the phone may rate for the
// hall's number of days.
import { afterEach, describe, expect, it } from 'vitest';
import type { IssuedTicket, TicketView } from '@hall/shared/contracts/entities';
import type { MonitorState, AuditEntry, DeviceWithKey, HallReport } from '@hall/shared/contracts/admin';
import { businessDay } from '@hall/shared/hallTime';
import type {
  EvaluatorState,
  PhoneRatingState,
  Rating,
  RatingCase,
  RatingExportRecord,
} from '@hall/shared/contracts/ratings';
import { startTestServer, type TestServer } from '../support/testServer';
import {
  connectAccount,
  connectClient,
  connectRaw,
  emitAck,
  login,
  newRequestId,
  nextEvent,
  staffAtWindow,
  type ConnectedClient,
  type KioskClient,
  type TestSocket,
} from '../support/clients';

let server: TestServer;
const open: { close(): void }[] = [];
afterEach(async () => {
  for (const c of open.splice(0)) c.close();
  await server?.close();
});

async function hall(options: Parameters<typeof startTestServer>[0] = {}) {
  server = await startTestServer({ extraStaff: ['li'], ...options });
  const adminSession = await login(server.url, 'admin', server.credentials.admin.password);
  const admin = await connectClient(server.url, { role: 'admin', sessionToken: adminSession.token });
  const kiosk = await connectClient(server.url, { role: 'kiosk', deviceKey: server.credentials.kioskKey });
  open.push(admin, kiosk);
  return { admin, kiosk };
}

async function pad(admin: ConnectedClient, windowNumber: number): Promise<TestSocket> {
  const created = await emitAck<DeviceWithKey>(admin.socket, 'admin:deviceCreate', {
    kind: 'evaluator',
    name: `${windowNumber} 号窗口评价器`,
    windowId: server.windowId(windowNumber),
  });
  if (!created.ok) throw new Error(created.error.code);
  const socket = connectRaw(server.url, { role: 'evaluator', deviceKey: created.data.key });
  const state = await nextEvent(socket, 'evaluator:state');
  expect(state.window?.number).toBe(windowNumber);
  open.push(socket);
  return socket;
}

/** Issues a ticket and serves it to the end at the staff member's window. */
async function serve(kiosk: KioskClient, staff: ConnectedClient, serviceIndex = 0) {
  const issued = await emitAck<IssuedTicket>(kiosk.socket, 'ticket:issue', {
    requestId: newRequestId(),
    serviceId: kiosk.snapshot.services[serviceIndex]!.id,
  });
  if (!issued.ok) throw new Error(issued.error.code);
  const called = await emitAck<TicketView>(staff.socket, 'counter:callSpecific', {
    number: issued.data.ticket.number,
  });
  if (!called.ok) throw new Error(called.error.code);
  await emitAck(staff.socket, 'counter:start', { ticketId: called.data.id });
  const done = await emitAck<TicketView>(staff.socket, 'counter:finish', { ticketId: called.data.id });
  if (!done.ok) throw new Error(done.error.code);
  return { ticket: done.data, token: issued.data.statusPath.split('/').pop()! };
}

function phone(token: string): Promise<TestSocket> {
  return connectAccount(server.url, { role: 'ticket', statusToken: token }).then((s) => {
    open.push(s);
    return s;
  });
}

function ratingRows() {
  // server.openDb: the same rows on SQLite (npm test) and PostgreSQL (npm run test:pg).
  const db = server.openDb();
  try {
    return db.prepare('SELECT ticket_id, channel, level, reasons_json FROM ratings ORDER BY id').all();
  } finally {
    db.close();
  }
}

describe('ratings (好差评)', () => {
  it("asks only the finishing window's pad, records the tap once, and refuses a second rating in words", async () => {
    const { admin, kiosk } = await hall();
    const pad1 = await pad(admin, 1);
    const pad2 = await pad(admin, 2);
    const staff1 = await staffAtWindow(
      server.url,
      'staff',
      server.credentials.staff.password,
      server.windowId(1),
    );
    const staff2 = await staffAtWindow(server.url, 'li', 'li-pass', server.windowId(2));
    open.push(staff1, staff2);
    // The pad shows who serves at its window now.
    const synced = await emitAck<EvaluatorState>(pad1, 'evaluator:sync');
    expect(synced.ok && synced.data.officer?.name).toBe('窗口民警');
    // Another officer takes window 2 over: its pad shows the new name at once.
    const pad2Officer = nextEvent(pad2, 'evaluator:state');
    await emitAck(staff2.socket, 'window:release');
    expect((await pad2Officer).officer).toBeNull();
    const pad2Back = nextEvent(pad2, 'evaluator:state');
    await emitAck(staff2.socket, 'window:claim', { windowId: server.windowId(2) });
    expect((await pad2Back).officer?.name).toBe('li');
    await emitAck(staff2.socket, 'window:open');

    const pad2Prompts: number[] = [];
    pad2.on('evaluator:prompt', (p) => pad2Prompts.push(p.ticketId));
    const asked = nextEvent(pad1, 'evaluator:prompt');
    const first = await serve(kiosk, staff1);
    expect((await asked).ticketId).toBe(first.ticket.id);
    // Sentinel: window 2 finishes a visitor; its pad's first question is about that visitor, so it
    // was never asked about window 1's.
    const pad2Asked = nextEvent(pad2, 'evaluator:prompt');
    const second = await serve(kiosk, staff2);
    expect((await pad2Asked).ticketId).toBe(second.ticket.id);
    expect(pad2Prompts).toEqual([second.ticket.id]);

    // A pad may not rate another window's visitor.
    const foreign = await emitAck(pad1, 'evaluator:rate', { ticketId: second.ticket.id, level: 'satisfied' });
    expect(!foreign.ok && foreign.error.code).toBe('TICKET_NOT_AT_WINDOW');

    const closed = nextEvent(pad1, 'evaluator:closed');
    const rated = await emitAck<Rating>(pad1, 'evaluator:rate', {
      ticketId: first.ticket.id,
      level: 'very_satisfied',
    });
    expect(rated.ok && rated.data).toMatchObject({
      ticketId: first.ticket.id,
      channel: 'pad',
      level: 'very_satisfied',
      windowId: server.windowId(1),
      priorityClass: 'normal',
    });
    expect(await closed).toEqual({ ticketId: first.ticket.id, outcome: 'rated' });

    // The phone comes second: refused, in Chinese and English; the pad's rating stands.
    const phoneSocket = await phone(first.token);
    const state = await emitAck<PhoneRatingState>(phoneSocket, 'ticket:ratingState');
    expect(state.ok && state.data).toMatchObject({ state: 'rated', level: 'very_satisfied', channel: 'pad' });
    const again = await emitAck(phoneSocket, 'ticket:rate', {
      level: 'very_dissatisfied',
      reasons: ['attitude'],
    });
    expect(!again.ok && again.error).toMatchObject({
      code: 'RATING_ALREADY_GIVEN',
      zh: expect.stringContaining('已经评价过了'),
      en: expect.stringContaining('already been rated'),
    });
    const padAgain = await emitAck(pad1, 'evaluator:rate', {
      ticketId: first.ticket.id,
      level: 'dissatisfied',
      reasons: ['other'],
    });
    expect(!padAgain.ok && padAgain.error.code).toBe('RATING_ALREADY_GIVEN');
    expect(ratingRows()).toEqual([
      { ticket_id: first.ticket.id, channel: 'pad', level: 'very_satisfied', reasons_json: '[]' },
    ]);
    // Staff can never rate (every role is checked in test/fault/roleMatrix.test.ts).
    const byStaff = await emitAck(staff1.socket, 'evaluator:rate', {
      ticketId: first.ticket.id,
      level: 'satisfied',
    });
    expect(!byStaff.ok && byStaff.error.code).toBe('FORBIDDEN');
  });

  it('不满意 needs a reason and opens a case answered 核实 → 整改 → 反馈, audited; overdue raises the alarm', async () => {
    let now = Date.parse('2026-11-30T10:00:00+08:00'); // a Monday
    const { admin, kiosk } = await hall({ clock: () => now, rules: { staffIdleMinutes: 10_000 } });
    const pad1 = await pad(admin, 1);
    const staff1 = await staffAtWindow(
      server.url,
      'staff',
      server.credentials.staff.password,
      server.windowId(1),
    );
    open.push(staff1);
    const asked = nextEvent(pad1, 'evaluator:prompt');
    const { ticket } = await serve(kiosk, staff1);
    await asked;

    const noReason = await emitAck(pad1, 'evaluator:rate', { ticketId: ticket.id, level: 'dissatisfied' });
    expect(!noReason.ok && noReason.error.code).toBe('VALIDATION_FAILED');
    const rated = await emitAck<Rating>(pad1, 'evaluator:rate', {
      ticketId: ticket.id,
      level: 'dissatisfied',
      reasons: ['waiting', 'efficiency'],
    });
    expect(rated.ok && rated.data.reasons).toEqual(['waiting', 'efficiency']);

    const listed = await emitAck<RatingCase[]>(admin.socket, 'ratingCase:list', {});
    expect(listed.ok && listed.data).toHaveLength(1);
    const opened = listed.ok ? listed.data[0]! : null;
    expect(opened).toMatchObject({
      status: 'open',
      windowNumber: 1,
      officerName: '窗口民警',
      overdue: false,
    });
    // 5 working days from Monday 30 Nov: due at the end of Monday 7 Dec.
    expect(opened!.dueAt).toBe(Date.parse('2026-12-08T00:00:00+08:00'));

    const early = await emitAck(admin.socket, 'ratingCase:step', {
      id: opened!.id,
      step: 'feedback',
      text: '已回复',
    });
    expect(!early.ok && early.error.code).toBe('RATING_CASE_STEP_ORDER');
    const verified = await emitAck<RatingCase>(admin.socket, 'ratingCase:step', {
      id: opened!.id,
      step: 'verify',
      text: '调阅录像：当日下午排队较长',
    });
    expect(verified.ok && verified.data.status).toBe('verified');

    // A week later the case is still not closed: the monitor shows the alarm (to a new sign-in).
    now += 8 * 86_400_000;
    admin.close();
    const again = await login(server.url, 'admin', server.credentials.admin.password);
    const admin2 = await connectClient(server.url, { role: 'admin', sessionToken: again.token });
    open.push(admin2);
    const monitor = await emitAck<MonitorState>(admin2.socket, 'admin:monitor');
    expect(monitor.ok && monitor.data.overdueRatingCases).toBe(1);

    await emitAck(admin2.socket, 'ratingCase:step', {
      id: opened!.id,
      step: 'rectify',
      text: '高峰期增开 5 号窗口',
    });
    const closed = await emitAck<RatingCase>(admin2.socket, 'ratingCase:step', {
      id: opened!.id,
      step: 'feedback',
      text: '已电话告知来访人',
    });
    expect(closed.ok && closed.data).toMatchObject({ status: 'closed', overdue: false });
    expect(closed.ok && Object.keys(closed.data.steps)).toEqual(['verify', 'rectify', 'feedback']);
    const after = await emitAck<MonitorState>(admin2.socket, 'admin:monitor');
    expect(after.ok && after.data.overdueRatingCases).toBe(0);

    const audit = await emitAck<AuditEntry[]>(admin2.socket, 'admin:audit');
    const steps = audit.ok ? audit.data.filter((e) => e.action.startsWith('ratingCase.')) : [];
    expect(steps.map((e) => e.action).sort()).toEqual([
      'ratingCase.feedback',
      'ratingCase.rectify',
      'ratingCase.verify',
    ]);
    expect(steps.find((e) => e.action === 'ratingCase.verify')!.detail.changes).toEqual([
      { field: 'status', from: 'open', to: 'verified' },
      { field: 'verify', to: '调阅录像：当日下午排队较长' },
    ]);
  });

  it('an unanswered question becomes 未评价 after the timeout, and the phone may still rate once', async () => {
    const { admin, kiosk } = await hall({ evaluatorTimeoutMs: 300 });
    const pad1 = await pad(admin, 1);
    const staff1 = await staffAtWindow(
      server.url,
      'staff',
      server.credentials.staff.password,
      server.windowId(1),
    );
    open.push(staff1);
    const asked = nextEvent(pad1, 'evaluator:prompt');
    const closed = nextEvent(pad1, 'evaluator:closed');
    const { ticket, token } = await serve(kiosk, staff1);
    await asked;
    expect(await closed).toEqual({ ticketId: ticket.id, outcome: 'unrated' });

    const phoneSocket = await phone(token);
    // The 未评价 row is written by its own change: wait until the phone sees the ticket unrated.
    const state = await emitAck<PhoneRatingState>(phoneSocket, 'ticket:ratingState');
    expect(state.ok && state.data.state).toBe('open');
    await expect
      .poll(() => ratingRows())
      .toEqual([{ ticket_id: ticket.id, channel: 'pad', level: null, reasons_json: '[]' }]);
    const late = await emitAck(pad1, 'evaluator:rate', { ticketId: ticket.id, level: 'satisfied' });
    expect(!late.ok && late.error.code).toBe('RATING_PROMPT_CLOSED');
    const byPhone = await emitAck<Rating>(phoneSocket, 'ticket:rate', { level: 'satisfied' });
    expect(byPhone.ok && byPhone.data).toMatchObject({ channel: 'phone', level: 'satisfied' });
    const twice = await emitAck(phoneSocket, 'ticket:rate', { level: 'very_satisfied' });
    expect(!twice.ok && twice.error.code).toBe('RATING_ALREADY_GIVEN');
  });

  it('the phone rates only a finished ticket, within the hall’s days', async () => {
    let now = Date.parse('2026-11-30T10:00:00+08:00');
    const { kiosk } = await hall({
      clock: () => now,
      rules: { phoneRatingDays: 3, staffIdleMinutes: 10_000 },
    });
    const staff1 = await staffAtWindow(
      server.url,
      'staff',
      server.credentials.staff.password,
      server.windowId(1),
    );
    open.push(staff1);
    const issued = await emitAck<IssuedTicket>(kiosk.socket, 'ticket:issue', {
      requestId: newRequestId(),
      serviceId: kiosk.snapshot.services[0]!.id,
    });
    if (!issued.ok) throw new Error(issued.error.code);
    const waiting = await phone(issued.data.statusPath.split('/').pop()!);
    const notYet = await emitAck(waiting, 'ticket:rate', { level: 'satisfied' });
    expect(!notYet.ok && notYet.error.code).toBe('RATING_NOT_FINISHED');

    const { token } = await serve(kiosk, staff1);
    now += 4 * 86_400_000;
    const late = await phone(token);
    const state = await emitAck<PhoneRatingState>(late, 'ticket:ratingState');
    expect(state.ok && state.data.state).toBe('expired');
    const refused = await emitAck(late, 'ticket:rate', { level: 'satisfied' });
    expect(!refused.ok && refused.error).toMatchObject({
      code: 'RATING_EXPIRED',
      zh: expect.stringContaining('3 天'),
    });
  });
});

describe('evaluator devices', () => {
  it('an evaluator needs a window; moved to another window it reconnects there', async () => {
    const { admin } = await hall();
    const unbound = await emitAck(admin.socket, 'admin:deviceCreate', { kind: 'evaluator', name: '无窗口' });
    expect(!unbound.ok && unbound.error).toMatchObject({
      code: 'EVALUATOR_NOT_BOUND',
      zh: expect.stringContaining('绑定'),
    });
    const displayWithWindow = await emitAck(admin.socket, 'admin:deviceCreate', {
      kind: 'display',
      name: '屏',
      windowId: server.windowId(1),
    });
    expect(!displayWithWindow.ok && displayWithWindow.error.code).toBe('VALIDATION_FAILED');

    const created = await emitAck<DeviceWithKey>(admin.socket, 'admin:deviceCreate', {
      kind: 'evaluator',
      name: '流动评价器',
      windowId: server.windowId(1),
    });
    if (!created.ok) throw new Error(created.error.code);
    const first = connectRaw(server.url, { role: 'evaluator', deviceKey: created.data.key });
    open.push(first);
    expect((await nextEvent(first, 'evaluator:state')).window?.number).toBe(1);
    const cut = new Promise<string>((resolve) => first.once('disconnect', (reason) => resolve(reason)));
    const moved = await emitAck(admin.socket, 'admin:deviceUpdate', {
      id: created.data.device.id,
      windowId: server.windowId(3),
    });
    expect(moved.ok && moved.data).toMatchObject({ windowId: server.windowId(3) });
    // Cut without ending its session (no DEVICE_REVOKED): the client library connects again.
    expect(await cut).toBe('io server disconnect');
    const again = connectRaw(server.url, { role: 'evaluator', deviceKey: created.data.key });
    open.push(again);
    expect((await nextEvent(again, 'evaluator:state')).window?.number).toBe(3);
    const audit = await emitAck<AuditEntry[]>(admin.socket, 'admin:audit');
    const update = audit.ok ? audit.data.find((e) => e.action === 'device.update') : undefined;
    expect(update?.detail.changes).toEqual([
      { field: 'windowId', from: server.windowId(1), to: server.windowId(3) },
    ]);
  });
});

describe('satisfaction in reports (through the rollups) and the export', () => {
  it('a day rated at the pad and by phone reads back in the report, its CSV and the JSON export', async () => {
    const { admin, kiosk } = await hall();
    const pad1 = await pad(admin, 1);
    const staff1 = await staffAtWindow(
      server.url,
      'staff',
      server.credentials.staff.password,
      server.windowId(1),
    );
    open.push(staff1);
    // Three visitors at window 1: 非常满意 and 不满意 at the pad, 基本满意 by phone.
    const rate = async (level: string, reasons: string[] = []) => {
      const asked = nextEvent(pad1, 'evaluator:prompt');
      const served = await serve(kiosk, staff1);
      await asked;
      const r = await emitAck(pad1, 'evaluator:rate', { ticketId: served.ticket.id, level, reasons });
      if (!r.ok) throw new Error(r.error.code);
      return served;
    };
    await rate('very_satisfied');
    await rate('dissatisfied', ['attitude']);
    const asked = nextEvent(pad1, 'evaluator:prompt');
    const third = await serve(kiosk, staff1);
    await asked;
    const phoneSocket = await phone(third.token);
    const byPhone = await emitAck(phoneSocket, 'ticket:rate', { level: 'basically_satisfied' });
    expect(byPhone.ok && byPhone.data).toMatchObject({ channel: 'phone' });
    if (!byPhone.ok) throw new Error(byPhone.error.code);
    // A fourth visitor served and not rated: participation 3 of 4.
    await serve(kiosk, staff1);

    const today = businessDay(Date.now(), 'Asia/Shanghai');
    const report = await emitAck<HallReport>(admin.socket, 'admin:report', { from: today, to: today });
    if (!report.ok) throw new Error(report.error.code);
    expect(report.data.satisfaction).toEqual({
      rated: 3,
      byLevel: {
        very_satisfied: 1,
        satisfied: 0,
        basically_satisfied: 1,
        dissatisfied: 1,
        very_dissatisfied: 0,
      },
      unanswered: 0,
      satisfactionRate: 0.6667, // 2 of 3
      participationRate: 0.75, // 3 of 4 served
    });
    expect(report.data.byWindow.find((w) => w.key === String(server.windowId(1)))!.satisfaction.rated).toBe(
      3,
    );
    expect(report.data.byStaff.find((s) => s.label === '窗口民警')!.satisfaction.satisfactionRate).toBe(
      0.6667,
    );
    expect(report.data.ratingCases).toMatchObject({ opened: 1, open: 1, closed: 0 });
    expect(report.data.elderly.otherSatisfaction.rated).toBe(3);

    const csv = await fetch(`${server.url}/api/admin/report.csv?from=${today}&to=${today}`, {
      headers: {
        authorization: `Bearer ${(await login(server.url, 'admin', server.credentials.admin.password)).token}`,
      },
    });
    const bytes = Buffer.from(await csv.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // the BOM Excel needs
    const text = bytes.toString('utf8');
    expect(text).toContain('满意率,66.67%');
    expect(text).toContain('参评率,75%');
    expect(text).toContain('差评件,1');

    // The export for the provincial platform: an API key of scope `ratings`, JSON.
    const key = await emitAck<{ key: string }>(admin.socket, 'admin:apiKeyCreate', {
      name: '省好差评平台',
      scopes: ['ratings'],
    });
    if (!key.ok) throw new Error(key.error.code);
    const exported = await fetch(`${server.url}/api/v1/ratings?from=${today}&to=${today}`, {
      headers: { authorization: `Bearer ${key.data.key}` },
    });
    expect(exported.status).toBe(200);
    const body = (await exported.json()) as { ok: true; data: { ratings: RatingExportRecord[] } };
    expect(body.data.ratings.map((r) => [r.levelZh, r.channel, r.reasonsZh])).toEqual([
      ['非常满意', 'pad', []],
      ['不满意', 'pad', ['服务态度']],
      ['基本满意', 'phone', []],
    ]);
    expect(body.data.ratings[1]).toMatchObject({
      serviceCode: 'A',
      windowNumber: 1,
      officerName: '窗口民警',
      level: 'dissatisfied',
      reasons: ['attitude'],
      caseNumber: expect.stringMatching(/^[\w-]+-\d{8}-A\d{3}$/),
    });
    // A key without the scope is refused in words; so is no key.
    const other = await emitAck<{ key: string }>(admin.socket, 'admin:apiKeyCreate', {
      name: '预约系统',
      scopes: ['appointments'],
    });
    const refused = await fetch(`${server.url}/api/v1/ratings?from=${today}&to=${today}`, {
      headers: { authorization: `Bearer ${other.ok ? other.data.key : ''}` },
    });
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('API_KEY_SCOPE');
    const bad = await fetch(`${server.url}/api/v1/ratings?from=${today}&to=nope`, {
      headers: { authorization: `Bearer ${key.data.key}` },
    });
    expect(bad.status).toBe(400);

    // And as CSV for Excel (admins), with the BOM.
    const adminToken = (await login(server.url, 'admin', server.credentials.admin.password)).token;
    const sheet = await fetch(`${server.url}/api/admin/ratings.csv?from=${today}&to=${today}`, {
      headers: { authorization: `Bearer ${adminToken}` },
    });
    const sheetBytes = Buffer.from(await sheet.arrayBuffer());
    expect([...sheetBytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = sheetBytes.toString('utf8').slice(1).trim().split('\r\n');
    expect(rows[0]).toBe(
      '办件编号,号码,业务日期,业务编码,业务名称,窗口,工作人员,警号/工号,群众类别,评价等级,不满意原因,评价渠道,评价时间',
    );
    expect(rows).toHaveLength(4);
    expect(rows[2]).toContain(',不满意,服务态度,窗口评价器,');
  });
});

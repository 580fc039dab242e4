// Retention: the daily purge clears exactly the personal fields whose period is over (a ticket's
// masked ID, proxy relation and note after its day; a home visit's details a set time after it
// closed), keeps every figure the report shows, is audited, runs at start and once per day, and
// prunes backups older than the longest period. Driven by a controlled clock.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry, HallReport, HomeVisit } from '@hall/shared/contracts/admin';
import type { IssuedTicket, TicketView } from '@hall/shared/contracts/entities';
import type { PurgeRun, RetentionState } from '@hall/shared/contracts/privacy';
import { startTestServer, type TestServer } from '../support/testServer';
import {
  emitAck,
  newRequestId,
  staffAtWindow,
  connectClient,
  type ConnectedClient,
  type KioskClient,
} from '../support/clients';
import { connectAdmin, data, PEOPLE, registerVisit } from '../support/personalData';

/** Hall time (Asia/Shanghai, UTC+8). */
const at = (day: string, hh: number, mm = 0) =>
  Date.parse(`${day}T00:00:00Z`) + (hh - 8) * 3_600_000 + mm * 60_000;
const DAY1 = '2026-05-06';
let now = at(DAY1, 8);

let server: TestServer;
let kiosk: KioskClient;

async function admin(): Promise<ConnectedClient> {
  // A fresh sign-in after each jump of the clock (sessions expire when idle).
  return (await connectAdmin(server)).client;
}

function issue(maskedIdNumber: string, proxyRelation: string | null): Promise<TicketView> {
  return emitAck<IssuedTicket>(kiosk.socket, 'ticket:issue', {
    requestId: newRequestId(),
    serviceId: kiosk.snapshot.services[0]!.id,
    maskedIdNumber,
    proxy: proxyRelation !== null,
    proxyRelation,
  }).then((r) => data(r).ticket);
}

function ticketRow(id: number) {
  const db = server.openDb();
  try {
    return db
      .prepare('SELECT masked_id_number, proxy_relation, marks_json, proxy, state FROM tickets WHERE id = ?')
      .get(id) as {
      masked_id_number: string | null;
      proxy_relation: string | null;
      marks_json: string | null;
    };
  } finally {
    db.close();
  }
}

function doneEventPayload(ticketId: number): Record<string, unknown> {
  const db = server.openDb();
  try {
    return JSON.parse(
      db
        .prepare("SELECT payload_json FROM events WHERE ticket_id = ? AND type = 'done'")
        .pluck()
        .get(ticketId) as string,
    ) as Record<string, unknown>;
  } finally {
    db.close();
  }
}

async function report(client: ConnectedClient): Promise<HallReport> {
  return data(
    await emitAck<HallReport>(client.socket, 'admin:report', { from: DAY1, to: DAY1, hallId: null }),
  );
}

const purgeAudits = async (client: ConnectedClient) =>
  data(await emitAck<AuditEntry[]>(client.socket, 'admin:audit')).filter((a) => a.action === 'privacy.purge');

let served: TicketView;
let waiting: TicketView;
let visits: HomeVisit[];
let reportBefore: HallReport;

beforeAll(async () => {
  server = await startTestServer({ clock: () => now, rules: { staffIdleMinutes: 480 } });
  kiosk = await connectClient(server.url, { role: 'kiosk', deviceKey: server.credentials.kioskKey });
  const a = await admin();
  const w = await staffAtWindow(server.url, 'staff', server.credentials.staff.password, server.windowId(1));
  now = at(DAY1, 9);
  served = await issue('4409**********2413', '配偶');
  waiting = await issue('4409**********3521', null);
  now = at(DAY1, 9, 10);
  expect(data(await emitAck<TicketView>(w.socket, 'counter:callNext')).id).toBe(served.id);
  data(await emitAck(w.socket, 'counter:start', { ticketId: served.id }));
  now = at(DAY1, 9, 20);
  data(
    await emitAck(w.socket, 'counter:finish', {
      ticketId: served.id,
      marks: {
        proxy: true,
        proxyRelation: '配偶',
        assistedPayment: true,
        formHelp: true,
        note: '缺户口本复印件',
      },
    }),
  );
  w.close();

  visits = [];
  for (const person of PEOPLE) visits.push(await registerVisit(a, person, { requestedDate: DAY1 }));
  const officers = data(await emitAck<{ id: number }[]>(a.socket, 'admin:staffList'));
  now = at(DAY1, 10);
  data(
    await emitAck(a.socket, 'homeVisit:schedule', {
      id: visits[0]!.id,
      scheduledDate: DAY1,
      officerId: officers[0]!.id,
    }),
  );
  now = at(DAY1, 15);
  data(
    await emitAck(a.socket, 'homeVisit:complete', {
      id: visits[0]!.id,
      documentDelivered: true,
      assistedPayment: true,
    }),
  );
  data(await emitAck(a.socket, 'homeVisit:cancel', { id: visits[1]!.id, reason: '家属已代办' }));
  now = at(DAY1, 17);
  reportBefore = await report(a);
  expect(reportBefore.elderly.homeVisits).toBe(1);
  a.close();
});

afterAll(async () => {
  kiosk?.close();
  await server?.close();
});

describe('the daily purge', () => {
  it('keeps everything on the ticket’s own day', async () => {
    const a = await admin();
    const run = data(await emitAck<PurgeRun>(a.socket, 'privacy:purgeNow'));
    expect(run).toMatchObject({ day: DAY1, tickets: 0, homeVisits: 0 });
    expect(ticketRow(served.id).masked_id_number).toBe('4409**********2413');
    a.close();
  });

  it('clears tickets’ personal fields the next day, and only theirs', async () => {
    now = at('2026-05-07', 8, 30);
    const today = await issue('4409**********9999', '子女');
    const a = await admin();
    const run = data(await emitAck<PurgeRun>(a.socket, 'privacy:purgeNow'));
    expect(run).toMatchObject({ day: '2026-05-07', tickets: 2, homeVisits: 0, backups: 0 });

    const cleared = ticketRow(served.id);
    expect(cleared.masked_id_number).toBeNull();
    expect(cleared.proxy_relation).toBeNull();
    // The marks reports count stay; only the relation and the note go.
    expect(JSON.parse(cleared.marks_json!)).toEqual({
      proxy: true,
      proxyRelation: null,
      assistedPayment: true,
      formHelp: true,
      note: null,
    });
    expect(doneEventPayload(served.id)).toMatchObject({
      note: null,
      proxyRelation: null,
      assistedPayment: true,
    });
    expect(ticketRow(waiting.id).masked_id_number).toBeNull();
    expect(ticketRow(today.id)).toMatchObject({
      masked_id_number: '4409**********9999',
      proxy_relation: '子女',
    });

    expect(await report(a)).toEqual(reportBefore);
    expect(await purgeAudits(a)).toHaveLength(1);
    expect((await purgeAudits(a))[0]!.detail.changes).toEqual(
      expect.arrayContaining([
        { field: 'day', to: '2026-05-07' },
        { field: 'tickets', to: 2 },
        { field: 'homeVisits', to: 0 },
      ]),
    );
    a.close();
  });

  it('clears nothing twice and audits only what it cleared', async () => {
    const a = await admin();
    const again = data(await emitAck<PurgeRun>(a.socket, 'privacy:purgeNow'));
    expect(again).toMatchObject({ tickets: 0, homeVisits: 0, backups: 0 });
    expect(await purgeAudits(a)).toHaveLength(1);
    // The timer's check runs once per business day.
    expect(await server.app.services.retention.purgeDue()).toEqual([]);
    a.close();
  });

  it('keeps home visits for the whole period after they closed', async () => {
    now = at('2027-05-05', 9); // 364 days after they closed
    const a = await admin();
    const run = data(await emitAck<PurgeRun>(a.socket, 'privacy:purgeNow'));
    expect(run.homeVisits).toBe(0);
    const list = data(await emitAck<HomeVisit[]>(a.socket, 'homeVisit:list', {}));
    expect(list.every((v) => v.personalClearedAt === null)).toBe(true);
    a.close();
  });
});

describe('retention settings', () => {
  it('are validated, saved and audited', async () => {
    const a = await admin();
    const state = data(await emitAck<RetentionState>(a.socket, 'privacy:retention'));
    expect(state.policy).toEqual({ ticketDays: 0, homeVisitDays: 365, appointmentDays: 90 });
    expect(state.backupDays).toBe(365);
    expect(state.lastPurge?.day).toBe('2027-05-05');
    const tooShort = await emitAck(a.socket, 'privacy:retentionUpdate', { homeVisitDays: 10 });
    expect(!tooShort.ok && tooShort.error.code).toBe('VALIDATION_FAILED');
    const saved = data(
      await emitAck<RetentionState>(a.socket, 'privacy:retentionUpdate', { homeVisitDays: 200 }),
    );
    expect(saved.policy.homeVisitDays).toBe(200);
    expect(saved.backupDays).toBe(200);
    const audit = data(await emitAck<AuditEntry[]>(a.socket, 'admin:audit')).find(
      (e) => e.action === 'privacy.retention',
    );
    expect(audit?.detail.changes).toEqual([{ field: 'homeVisitDays', from: 365, to: 200 }]);
    a.close();
  });

  it('a shorter period clears the closed visits at the next purge, keeping the report', async () => {
    const a = await admin();
    const run = data(await emitAck<PurgeRun>(a.socket, 'privacy:purgeNow'));
    expect(run.homeVisits).toBe(2); // the completed and the cancelled one; the open request stays
    const list = data(await emitAck<HomeVisit[]>(a.socket, 'homeVisit:list', {}));
    const byId = new Map(list.map((v) => [v.id, v]));
    expect(byId.get(visits[0]!.id)).toMatchObject({
      maskedName: '',
      status: 'done',
      documentDelivered: true,
    });
    expect(byId.get(visits[1]!.id)).toMatchObject({
      maskedName: '',
      status: 'cancelled',
      cancelReason: null,
    });
    expect(byId.get(visits[2]!.id)).toMatchObject({ maskedName: '陈**', personalClearedAt: null });
    expect(await report(a)).toEqual(reportBefore);
    a.close();
  });
});

describe('backups', () => {
  it('older than the longest period are deleted; newer ones and other files stay', async () => {
    const dir = path.join(server.dataDir, 'backups');
    fs.mkdirSync(dir, { recursive: true });
    const name = (t: number) =>
      `hall-${new Date(t).toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15)}.sqlite`;
    const old = name(now - 201 * 86_400_000);
    const recent = name(now - 199 * 86_400_000);
    for (const file of [old, recent, 'notes.txt']) fs.writeFileSync(path.join(dir, file), 'x');
    now = at('2027-05-06', 9);
    const a = await admin();
    const run = data(await emitAck<PurgeRun>(a.socket, 'privacy:purgeNow'));
    expect(run.backups).toBe(1);
    expect(fs.readdirSync(dir).sort()).toEqual([recent, 'notes.txt'].sort());
    expect((await purgeAudits(a))[0]!.detail.changes).toContainEqual({ field: 'backups', to: 1 });
    const state = data(await emitAck<RetentionState>(a.socket, 'privacy:retention'));
    expect(state.lastPurge).toMatchObject({ day: '2027-05-06', backups: 1 });
    a.close();
  });
});

describe('at start', () => {
  it('the purge runs before the first visitor on a new day', async () => {
    now = at('2027-05-08', 7);
    await server.restart();
    kiosk.close();
    kiosk = await connectClient(server.url, { role: 'kiosk', deviceKey: server.credentials.kioskKey });
    const a = await admin();
    const state = data(await emitAck<RetentionState>(a.socket, 'privacy:retention'));
    expect(state.lastPurge?.day).toBe('2027-05-08');
    a.close();
  });
});

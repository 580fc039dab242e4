// Abuse: a revoked device is cut off at once (and only that device), the ticket-status token is
// 128 random bits that cannot be guessed and opens no personal data, and SQL- or script-looking
// names and notices are stored and returned literally. The browser half (shown as text, no script
// runs) is test/e2e/abuse.e2e.test.ts.
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  HallSnapshot,
  IssuedTicket,
  Notice,
  Service,
  StaffMember,
  TicketStatus,
} from '@hall/shared/contracts/entities';
import type { Result } from '@hall/shared/contracts/errors';
import { startTestServer, type TestServer } from '../support/testServer';
import {
  connectClient,
  connectRaw,
  emitAck,
  login,
  newRequestId,
  nextEvent,
  type ConnectedClient,
  type KioskClient,
} from '../support/clients';
import { HOSTILE_TEXT } from './support/hostileText';
import { createTally } from './support/tally';

const tally = createTally('abuse (revocation, tokens, injection)');
let server: TestServer;
let admin: ConnectedClient;
let kiosk: KioskClient;

beforeAll(async () => {
  server = await startTestServer();
  const session = await login(server.url, 'admin', server.credentials.admin.password);
  admin = await connectClient(server.url, { role: 'admin', sessionToken: session.token });
  kiosk = await connectClient(server.url, { role: 'kiosk', deviceKey: server.credentials.kioskKey });
});
afterAll(async () => {
  admin.close();
  kiosk.close();
  await server.close();
});

const issue = (extra: Record<string, unknown> = {}) =>
  emitAck<IssuedTicket>(kiosk.socket, 'ticket:issue', {
    requestId: newRequestId(),
    serviceId: kiosk.snapshot.services[0]!.id,
    ...extra,
  });

function query<T>(sql: string, ...params: unknown[]): T[] {
  const db = new Database(server.dbFile, { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

describe('status tokens', () => {
  it('are 128 random bits: right length and alphabet, no collisions, balanced bits', async () => {
    for (let i = 0; i < 400; i += 1) {
      const r = await issue();
      if (!r.ok) throw new Error(r.error.code);
    }
    const tokens = query<{ status_token: string }>('SELECT DISTINCT status_token FROM tickets').map(
      (r) => r.status_token,
    );
    const rows = query<{ n: number }>('SELECT COUNT(*) AS n FROM tickets')[0]!.n;
    expect(tokens.length).toBe(rows);
    const perBit = new Array<number>(128).fill(0);
    let ones = 0;
    for (const token of tokens) {
      expect(token).toMatch(/^[A-Za-z0-9_-]{22}$/);
      const bytes = Buffer.from(token, 'base64url');
      expect(bytes.length).toBe(16);
      for (let bit = 0; bit < 128; bit += 1) {
        if ((bytes[bit >> 3]! >> (bit & 7)) & 1) {
          perBit[bit]! += 1;
          ones += 1;
        }
      }
    }
    // 51,200 bits: a fair source lands within ±1 % of half (over 4 standard deviations).
    expect(Math.abs(ones / (tokens.length * 128) - 0.5)).toBeLessThan(0.01);
    // No bit position stuck (400 samples per bit: 30–70 % is over 8 standard deviations).
    for (const count of perBit) expect(count / tokens.length).toBeGreaterThan(0.3);
    for (const count of perBit) expect(count / tokens.length).toBeLessThan(0.7);
  });

  it('guessed tokens open nothing, over HTTP or as a ticket socket', async () => {
    for (let i = 0; i < 200; i += 1) {
      const guess = Buffer.from(Array.from({ length: 16 }, () => Math.floor(Math.random() * 256))).toString(
        'base64url',
      );
      const response = await fetch(`${server.url}/api/ticket-status/${guess}`);
      const result = (await response.json()) as Result<TicketStatus>;
      expect(!result.ok && result.error.code).toBe('TICKET_NOT_FOUND');
      tally.add({ inputsTried: 1 });
    }
    for (let i = 0; i < 10; i += 1) {
      const socket = connectRaw(server.url, { role: 'ticket', statusToken: `${'A'.repeat(21)}${i}` });
      const refusal = await new Promise<string>((resolve) =>
        socket.once('connect_error', (e) => resolve(e.message)),
      );
      socket.close();
      expect(refusal).toBe('UNAUTHENTICATED');
      tally.add({ inputsTried: 1 });
    }
  });

  it('the status page and the public display reveal no personal data', async () => {
    const r = await issue({ maskedIdNumber: '4405**********1234', proxy: true, proxyRelation: '女儿' });
    if (!r.ok) throw new Error(r.error.code);
    const token = r.data.statusPath.split('/').pop()!;
    const [row] = query<{ request_id: string }>(
      'SELECT request_id FROM tickets WHERE id = ?',
      r.data.ticket.id,
    );
    const response = await fetch(`${server.url}/api/ticket-status/${token}`);
    const body = await response.text();
    const status = JSON.parse(body) as Result<TicketStatus> as { ok: true; data: TicketStatus };
    expect(Object.keys(status.data).sort()).toEqual(
      [
        'calledAt',
        'estimatedWaitMinutes',
        'hallName',
        'issuedAt',
        'number',
        // open / later / none: whether a window that serves it is open (not personal).
        'outlook',
        'peopleAhead',
        'priorityClass',
        'serviceNameEn',
        'serviceNameZh',
        'state',
        'windowNumber',
      ].sort(),
    );
    for (const secret of ['4405', '1234', row!.request_id, token, '女儿']) expect(body).not.toContain(secret);
    // The ticket's own live page (socket) says no more than the HTTP answer.
    const socket = connectRaw(server.url, { role: 'ticket', statusToken: token });
    const pushed = await nextEvent(socket, 'ticket:status');
    socket.close();
    expect(pushed).toEqual(status.data);
    // A wall display is public too: no status token, ID or request id in what it receives.
    const display = await connectClient(server.url, {
      role: 'display',
      deviceKey: server.credentials.displayKey,
    });
    const seen = JSON.stringify(display.snapshot);
    display.close();
    for (const secret of [
      '4405**********1234',
      row!.request_id,
      token,
      'statusToken',
      'maskedIdNumber',
      'requestId',
    ])
      expect(seen).not.toContain(secret);
  });
});

describe('revoked devices', () => {
  it('are cut off at once, refused on reconnect, and no other device is touched', async () => {
    const created = await emitAck<{ device: { id: number }; key: string }>(
      admin.socket,
      'admin:deviceCreate',
      { kind: 'kiosk', name: '临时取号机', printer: null },
    );
    if (!created.ok) throw new Error(created.error.code);
    const victim = await connectClient(server.url, { role: 'kiosk', deviceKey: created.data.key });
    const display = await connectClient(server.url, {
      role: 'display',
      deviceKey: server.credentials.displayKey,
    });
    let stop = false;
    const issued: number[] = [];
    const load = (async () => {
      while (!stop && victim.socket.connected) {
        const r = await emitAck<IssuedTicket>(victim.socket, 'ticket:issue', {
          requestId: newRequestId(),
          serviceId: victim.snapshot.services[0]!.id,
        }).catch(() => null);
        if (r?.ok) issued.push(r.data.ticket.id);
      }
    })();
    await new Promise((wake) => setTimeout(wake, 100));
    const ended = nextEvent(victim.socket, 'session:ended');
    const gone = new Promise<void>((resolve) => victim.socket.once('disconnect', () => resolve()));
    tally.add({ faultsInjected: 1 });
    const revoked = await emitAck(admin.socket, 'admin:deviceRevoke', { id: created.data.device.id });
    expect(revoked.ok).toBe(true);
    expect(await ended).toEqual({ code: 'DEVICE_REVOKED' });
    await gone;
    stop = true;
    await load;
    // Nothing the revoked kiosk sent after the revocation was saved.
    const [revokedAt] = query<{ at: number }>(
      "SELECT at FROM audit_log WHERE action = 'device.revoke' ORDER BY id DESC LIMIT 1",
    );
    const late = query<{ n: number }>(
      'SELECT COUNT(*) AS n FROM tickets WHERE source_device_id = ? AND issued_at > ?',
      created.data.device.id,
      revokedAt!.at,
    );
    expect(late[0]!.n).toBe(0);
    expect(issued.length).toBeGreaterThan(0);
    await expect(connectClient(server.url, { role: 'kiosk', deviceKey: created.data.key })).rejects.toThrow(
      'DEVICE_REVOKED',
    );
    // The other devices work on.
    expect(display.socket.connected && kiosk.socket.connected).toBe(true);
    expect((await issue()).ok).toBe(true);
    display.close();
    tally.add({ faultsSurvived: 1 });
  });
});

describe('hostile text', () => {
  it('SQL- and script-looking names and notices are stored and returned literally', async () => {
    const service = await emitAck<Service>(admin.socket, 'admin:serviceUpsert', {
      code: 'E',
      nameZh: HOSTILE_TEXT.serviceZh,
      nameEn: HOSTILE_TEXT.serviceEn,
      category: 'other',
      typicalMinutes: 5,
    });
    const notice = await emitAck<Notice>(admin.socket, 'admin:noticeUpsert', { text: HOSTILE_TEXT.notice });
    const staff = await emitAck<StaffMember>(admin.socket, 'admin:staffCreate', {
      username: 'hostile',
      name: HOSTILE_TEXT.staffName,
      password: 'hostile-pass-1',
      role: 'staff',
    });
    for (const r of [service, notice, staff]) if (!r.ok) throw new Error(r.error.code);
    tally.add({ inputsTried: 3 });
    const sync = await emitAck<HallSnapshot>(admin.socket, 'hall:sync');
    if (!sync.ok) throw new Error(sync.error.code);
    const stored = sync.data.services.find((s) => s.code === 'E')!;
    expect([stored.nameZh, stored.nameEn]).toEqual([HOSTILE_TEXT.serviceZh, HOSTILE_TEXT.serviceEn]);
    expect(sync.data.notices.map((n) => n.text)).toContain(HOSTILE_TEXT.notice);
    const [person] = query<{ name: string }>("SELECT name FROM staff WHERE username = 'hostile'");
    expect(person!.name).toBe(HOSTILE_TEXT.staffName);
    // Every table is still there and still holds its rows.
    const tables = query<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table'").map(
      (t) => t.name,
    );
    expect(tables).toEqual(
      expect.arrayContaining(['tickets', 'staff', 'notices', 'services', 'events', 'devices']),
    );
    expect(query<{ n: number }>('SELECT COUNT(*) AS n FROM tickets')[0]!.n).toBeGreaterThan(400);
    // A sign-in with an SQL-looking name is just a wrong name.
    const response = await fetch(`${server.url}/api/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: "admin' --", password: "' OR '1'='1" }),
    });
    const result = (await response.json()) as Result<unknown>;
    expect(!result.ok && result.error.code).toBe('BAD_CREDENTIALS');
  });
});

// Who may read which hall's reports, on one server with two halls: a hall admin reads their own
// hall only (asking for every hall gives their hall; another hall is refused, over the socket and
// as CSV); a city account reads any hall, and all of them per hall and summed. On the test server,
// so `npm run test:pg` runs it on PostgreSQL too (the city's reports across halls).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HallReport, ReportScope } from '@hall/shared/contracts/admin';
import type { HallSnapshot, IssuedTicket } from '@hall/shared/contracts/entities';
import type { Result } from '@hall/shared/contracts/errors';
import { startTestServer, TEST_PASSWORDS, testHallConfig, type TestServer } from '../support/testServer';
import {
  connectAccount,
  connectClient,
  emitAck,
  login,
  newRequestId,
  type ConnectedClient,
  type KioskClient,
  type TestSocket,
} from '../support/clients';

let server: TestServer;
let kiosks: KioskClient[] = [];
let adminA: ConnectedClient;
let adminB: ConnectedClient;
let city: TestSocket;
let tokens: { adminA: string; city: string; staff: string };
// Tickets are issued now: a range from yesterday to tomorrow holds today in any time zone.
const dayAround = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const range = { from: dayAround(-1), to: dayAround(1) };

function data<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.data;
}
const hallOf = (i: number): HallSnapshot['hall'] => kiosks[i]!.snapshot.hall;

beforeAll(async () => {
  const base = testHallConfig().halls[0]!;
  const second = {
    ...base,
    code: 'second',
    name: '第二办证大厅',
    staff: [{ username: 'admin2', name: '二号厅主管', role: 'admin' as const, password: 'admin2-pass' }],
  };
  server = await startTestServer({ extraHalls: [second] });
  for (const hallCode of ['demo', 'second']) {
    const key = server.seededDevices.find((d) => d.hallCode === hallCode && d.kind === 'kiosk')!.key;
    kiosks.push(await connectClient(server.url, { role: 'kiosk', deviceKey: key }));
  }
  // One visitor in the first hall, two in the second.
  for (const [i, count] of [
    [0, 1],
    [1, 2],
  ] as const) {
    for (let n = 0; n < count; n += 1) {
      data(
        await emitAck<IssuedTicket>(kiosks[i]!.socket, 'ticket:issue', {
          requestId: newRequestId(),
          serviceId: kiosks[i]!.snapshot.services[0]!.id,
        }),
      );
    }
  }
  const a = await login(server.url, 'admin', TEST_PASSWORDS.admin);
  const b = await login(server.url, 'admin2', 'admin2-pass');
  const c = await login(server.url, 'city', TEST_PASSWORDS.city);
  const s = await login(server.url, 'staff', TEST_PASSWORDS.staff);
  tokens = { adminA: a.token, city: c.token, staff: s.token };
  adminA = await connectClient(server.url, { role: 'admin', sessionToken: a.token });
  adminB = await connectClient(server.url, { role: 'admin', sessionToken: b.token });
  city = await connectAccount(server.url, { role: 'staff', sessionToken: c.token });
});

afterAll(async () => {
  [...kiosks, adminA, adminB].forEach((c) => c?.close());
  city?.close();
  await server?.close();
  kiosks = [];
});

const report = (socket: TestSocket, hallId: number | null) =>
  emitAck<HallReport>(socket, 'admin:report', { ...range, hallId });

describe('a hall admin reads their own hall only', () => {
  it('"all halls" means their hall', async () => {
    const a = data(await report(adminA.socket, null));
    expect(a.hallId).toBe(hallOf(0).id);
    expect(a.issued).toBe(1);
    expect(a.byHall.map((r) => r.label)).toEqual([hallOf(0).name]);
    const b = data(await report(adminB.socket, null));
    expect(b.issued).toBe(2);
  });

  it('another hall is refused, over the socket and as CSV', async () => {
    const other = await report(adminA.socket, hallOf(1).id);
    expect(!other.ok && other.error.code).toBe('FORBIDDEN');
    const csv = await fetch(
      `${server.url}/api/admin/report.csv?from=${range.from}&to=${range.to}&hallId=${hallOf(1).id}`,
      { headers: { Authorization: `Bearer ${tokens.adminA}` } },
    );
    expect(csv.status).toBe(403);
    const own = await fetch(`${server.url}/api/admin/report.csv?from=${range.from}&to=${range.to}`, {
      headers: { Authorization: `Bearer ${tokens.adminA}` },
    });
    const lines = (await own.text()).split('\r\n');
    expect(lines[0]).toContain(hallOf(0).name);
    expect(lines).toContain('取号人数,1');
  });

  it('its scope names its hall only', async () => {
    const scope = data(await emitAck<ReportScope>(adminA.socket, 'report:scope'));
    expect(scope).toEqual({
      city: false,
      halls: [
        { id: hallOf(0).id, name: hallOf(0).name, nameEn: hallOf(0).nameEn, timezone: hallOf(0).timezone },
      ],
    });
  });
});

describe('a city account reads every hall', () => {
  it('sums all halls, with a row per hall', async () => {
    const all = data(await report(city, null));
    expect(all.hallId).toBeNull();
    expect(all.issued).toBe(3);
    expect(all.byHall.map((r) => [r.label, r.issued])).toEqual([
      [hallOf(0).name, 1],
      [hallOf(1).name, 2],
    ]);
    // Groups name their hall when a report covers several.
    expect(all.byService.map((r) => r.label)).toEqual([
      `${hallOf(0).name} · ${kiosks[0]!.snapshot.services[0]!.code} ${kiosks[0]!.snapshot.services[0]!.nameZh}`,
      `${hallOf(1).name} · ${kiosks[1]!.snapshot.services[0]!.code} ${kiosks[1]!.snapshot.services[0]!.nameZh}`,
    ]);
  });

  it('reads one hall on request, and gets a clear code for a hall that does not exist', async () => {
    expect(data(await report(city, hallOf(1).id)).issued).toBe(2);
    const missing = await report(city, 9999);
    expect(!missing.ok && missing.error.code).toBe('HALL_NOT_FOUND');
  });

  it('downloads the city CSV, and may do nothing else', async () => {
    const csv = await fetch(`${server.url}/api/admin/report.csv?from=${range.from}&to=${range.to}`, {
      headers: { Authorization: `Bearer ${tokens.city}` },
    });
    expect(csv.status).toBe(200);
    const lines = (await csv.text()).split('\r\n');
    expect(lines[0]).toContain('全部大厅');
    expect(lines).toContain('取号人数,3');
    for (const event of ['admin:monitor', 'admin:staffList', 'hall:sync', 'counter:callNext']) {
      const refused = await emitAck(city, event);
      expect(!refused.ok && refused.error.code, event).toBe('FORBIDDEN');
    }
    const scope = data(await emitAck<ReportScope>(city, 'report:scope'));
    expect(scope.city).toBe(true);
    expect(scope.halls.map((h) => h.id)).toEqual([hallOf(0).id, hallOf(1).id]);
  });

  it('a staff session gets no report at all', async () => {
    const csv = await fetch(`${server.url}/api/admin/report.csv?from=${range.from}&to=${range.to}`, {
      headers: { Authorization: `Bearer ${tokens.staff}` },
    });
    expect(csv.status).toBe(403);
  });
});

// The city's monitor across halls (issue 18): a city account sees every hall's queue (waiting,
// longest wait), its windows and its alarms, with the city's totals; a hall admin is refused it and
// keeps their own hall's monitor. Runs on SQLite (npm test) and PostgreSQL (npm run test:pg).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CityMonitor, MonitorState } from '@hall/shared/contracts/admin';
import type { IssuedTicket } from '@hall/shared/contracts/entities';
import { startTestServer, testHallConfig, TEST_PASSWORDS, type TestServer } from '../support/testServer';
import {
  connectAccount,
  connectClient,
  emitAck,
  login,
  newRequestId,
  staffAtWindow,
  type KioskClient,
  type TestSocket,
} from '../support/clients';
import { data } from '../support/personalData';

// 10:00 in Shanghai: far from the hall's midnight.
let now = Date.parse('2026-11-28T02:00:00Z');
const ALERT_MINUTES = 30;
let server: TestServer;
const kiosks: KioskClient[] = [];
let city: TestSocket;
let admin: TestSocket;
let staff: Awaited<ReturnType<typeof staffAtWindow>>;

async function issue(kiosk: KioskClient): Promise<void> {
  data(
    await emitAck<IssuedTicket>(kiosk.socket, 'ticket:issue', {
      requestId: newRequestId(),
      serviceId: kiosk.snapshot.services[0]!.id,
    }),
  );
}

beforeAll(async () => {
  const base = testHallConfig().halls[0]!;
  server = await startTestServer({
    clock: () => now,
    rules: { alertWaitMinutes: ALERT_MINUTES },
    extraHalls: [
      {
        ...base,
        code: 'second',
        name: '第二办证大厅',
        nameEn: 'Second hall',
        rules: { ...base.rules, alertWaitMinutes: ALERT_MINUTES },
        staff: [{ username: 'admin2', name: '二号厅主管', role: 'admin', password: 'admin2-pass' }],
      },
    ],
  });
  for (const hallCode of [base.code, 'second']) {
    const key = server.seededDevices.find((d) => d.hallCode === hallCode && d.kind === 'kiosk')!.key;
    kiosks.push(await connectClient(server.url, { role: 'kiosk', deviceKey: key }));
  }
  // The first hall: one visitor at 10:00 and one window open. The second: two visitors 20 minutes later.
  await issue(kiosks[0]!);
  now += 20 * 60_000;
  await issue(kiosks[1]!);
  await issue(kiosks[1]!);
  // The second hall's kiosk printer runs out of paper.
  data(await emitAck(kiosks[1]!.socket, 'printer:status', { ok: false, code: 'paper_out', message: '缺纸' }));
  now += (ALERT_MINUTES - 20) * 60_000 + 1000;
  // Signed in now (a session idle for half an hour would have expired).
  staff = await staffAtWindow(server.url, 'staff', server.credentials.staff.password, server.windowId(1));
  city = await connectAccount(server.url, {
    role: 'staff',
    sessionToken: (await login(server.url, 'city', TEST_PASSWORDS.city)).token,
  });
  admin = await connectAccount(server.url, {
    role: 'admin',
    sessionToken: (await login(server.url, 'admin', TEST_PASSWORDS.admin)).token,
  });
});

afterAll(async () => {
  kiosks.forEach((k) => k.close());
  staff?.close();
  city?.close();
  admin?.close();
  await server.close();
});

describe('the city monitor', () => {
  it('shows every hall: waiting, longest wait, open windows, alarms, and the totals', async () => {
    const monitor = data(await emitAck<CityMonitor>(city, 'city:monitor'));
    expect(monitor.at).toBe(now);
    const [first, second] = monitor.halls;
    expect(monitor.halls.map((h) => h.code)).toEqual([testHallConfig().halls[0]!.code, 'second']);
    expect(first).toMatchObject({
      waiting: 1,
      longestWaitMinutes: ALERT_MINUTES,
      openWindows: 1,
      pausedWindows: 0,
      alarms: { longWait: true, printerFaults: 0, overdueRatingCases: 0 },
    });
    expect(first!.windows).toBeGreaterThan(1);
    expect(second).toMatchObject({
      name: '第二办证大厅',
      waiting: 2,
      longestWaitMinutes: ALERT_MINUTES - 20,
      openWindows: 0,
      alarms: { longWait: false, printerFaults: 1, overdueRatingCases: 0 },
    });
    expect(monitor.totals).toEqual({
      waiting: 3,
      openWindows: 1,
      windows: first!.windows + second!.windows,
      hallsWithAlarms: 2,
    });
  });

  it('follows the halls: a call empties the first hall’s queue and its alarm', async () => {
    data(await emitAck(staff.socket, 'counter:callNext'));
    const monitor = data(await emitAck<CityMonitor>(city, 'city:monitor'));
    expect(monitor.halls[0]).toMatchObject({
      waiting: 0,
      longestWaitMinutes: 0,
      alarms: { longWait: false },
    });
    expect(monitor.totals.hallsWithAlarms).toBe(1);
  });

  it('is refused to a hall admin, who keeps their own hall’s monitor', async () => {
    const refused = await emitAck(admin, 'city:monitor');
    expect(!refused.ok && refused.error.code).toBe('FORBIDDEN');
    const own = data(await emitAck<MonitorState>(admin, 'admin:monitor'));
    expect(own.services.length).toBeGreaterThan(0);
  });
});

// Every console and admin route shows its data when opened directly (the address typed or a
// bookmark), when reloaded, and when opened in a new tab from the console — never "未连接到服务器"
// while the header says connected — and recovers after a server restart: what changed while the
// server was down is on screen once it is back, without anyone reloading the page.
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { HomeVisit } from '@hall/shared/contracts/admin';
import type { IssuedTicket } from '@hall/shared/contracts/entities';
import type { Result } from '@hall/shared/contracts/errors';
import { startTestServer, type TestServer } from '../support/testServer';
import {
  connectAccount,
  connectClient,
  emitAck,
  login,
  newRequestId,
  staffAtWindow,
  type ConnectedClient,
} from '../support/clients';
import { launchBrowser } from './support/browser';

let server: TestServer;
let browser: Browser;
let context: BrowserContext;
let home: Page;
let admin: ConnectedClient;
const issued: IssuedTicket[] = [];
let visit: HomeVisit;
let kioskDeviceId = 0;
let serviceBId = 0;

function data<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.data;
}

interface RouteCheck {
  name: string;
  path: string;
  /** Waits until the page shows the data it exists for. */
  shows(page: Page): Promise<void>;
  /** What the server's database was changed to while it was down. */
  changeWhileDown(db: Database.Database): void;
  /** Waits until the page shows that change, on its own. */
  showsChange(page: Page): Promise<void>;
}

const text = (page: Page, selector: string) => page.locator(selector).first();
const TIMEOUT = { timeout: 20_000 };

async function shows(page: Page, selector: string, words?: string): Promise<void> {
  const target = text(page, selector);
  await target.waitFor(TIMEOUT);
  if (words) await expect.poll(() => target.innerText(), TIMEOUT).toContain(words);
}

/** No page may say "not connected" while it can reach the server. */
async function expectNoOfflineError(page: Page): Promise<void> {
  expect(await page.locator('body').innerText()).not.toContain('未连接到服务器');
}

const ROUTES: RouteCheck[] = [
  {
    name: 'choose a window',
    path: '/console/window',
    shows: (page) => shows(page, '.window-card:has([data-test="claim-6"])', '窗口'),
    changeWhileDown: (db) => db.prepare("UPDATE windows SET name = '停机时改名窗口' WHERE number = 6").run(),
    showsChange: (page) => shows(page, '.window-card:has([data-test="claim-6"])', '停机时改名窗口'),
  },
  {
    name: 'the counter',
    path: '/console/counter',
    shows: (page) => shows(page, '[data-test="waiting-list"]', issued[1]!.ticket.number),
    // The visitor at the head of the queue left while the server was down.
    changeWhileDown: (db) =>
      db.prepare("UPDATE tickets SET state = 'cancelled' WHERE id = ?").run(issued[0]!.ticket.id),
    showsChange: async (page) => {
      await shows(page, '[data-test="waiting-list"]', issued[1]!.ticket.number);
      await expect
        .poll(() => page.locator('[data-test="waiting-list"]').innerText(), TIMEOUT)
        .not.toContain(issued[0]!.ticket.number);
    },
  },
  {
    name: 'the live monitor',
    path: '/console/admin/monitor',
    shows: (page) =>
      expect
        .poll(() => page.locator(`[data-test="load-${serviceBId}"] td.big`).innerText(), TIMEOUT)
        .toBe('3'),
    changeWhileDown: () => undefined, // the counter's change (one visitor left) shows here too
    // Polled: the first poll after the restart shows one visitor fewer.
    showsChange: (page) =>
      expect
        .poll(() => page.locator(`[data-test="load-${serviceBId}"] td.big`).innerText(), TIMEOUT)
        .toBe('2'),
  },
  {
    name: 'configuration: services',
    path: '/console/admin/config?tab=services',
    shows: (page) => shows(page, '[data-test="service-A"]', '出入境'),
    changeWhileDown: (db) =>
      db.prepare("UPDATE services SET name_zh = '出入境（停机时改）' WHERE code = 'A'").run(),
    showsChange: (page) => shows(page, '[data-test="service-A"]', '出入境（停机时改）'),
  },
  {
    name: 'configuration: windows',
    path: '/console/admin/config?tab=windows',
    shows: (page) => shows(page, '[data-test="window-row-5"]'),
    changeWhileDown: (db) => db.prepare("UPDATE windows SET name = '停机时改名五号' WHERE number = 5").run(),
    showsChange: (page) => shows(page, '[data-test="window-row-5"]', '停机时改名五号'),
  },
  {
    name: 'configuration: staff',
    path: '/console/admin/config?tab=staff',
    shows: (page) => shows(page, '[data-test="staff-staff"]', '窗口民警'),
    changeWhileDown: (db) =>
      db
        .prepare(
          "INSERT INTO staff (hall_id, username, name, role, password_hash) VALUES (1, 'downtime', '停机时加入', 'staff', 'scrypt$16384$8$1$AAAA$AAAA')",
        )
        .run(),
    showsChange: (page) => shows(page, '[data-test="staff-downtime"]', '停机时加入'),
  },
  {
    name: 'configuration: devices',
    path: '/console/admin/config?tab=devices',
    shows: (page) => shows(page, `[data-test="device-${kioskDeviceId}"]`),
    changeWhileDown: (db) =>
      db.prepare("UPDATE devices SET name = '停机时改名取号机' WHERE id = ?").run(kioskDeviceId),
    showsChange: (page) => shows(page, `[data-test="device-${kioskDeviceId}"]`, '停机时改名取号机'),
  },
  {
    name: 'configuration: rules',
    path: '/console/admin/config?tab=rules',
    shows: async (page) => {
      await shows(page, '[data-test="rule-mixRatio"]');
      await expect.poll(() => page.inputValue('[data-test="rule-mixRatio"]'), TIMEOUT).toBe('2');
    },
    changeWhileDown: (db) => {
      const rules = JSON.parse(
        db.prepare('SELECT rules_json FROM halls WHERE id = 1').pluck().get() as string,
      );
      db.prepare('UPDATE halls SET rules_json = ? WHERE id = 1').run(
        JSON.stringify({ ...rules, mixRatio: 3 }),
      );
    },
    showsChange: (page) =>
      expect.poll(() => page.inputValue('[data-test="rule-mixRatio"]'), TIMEOUT).toBe('3'),
  },
  {
    name: 'configuration: hall and notices',
    path: '/console/admin/config?tab=hall',
    shows: (page) => shows(page, '[data-test="notices-panel"]', '请带好身份证'),
    changeWhileDown: (db) =>
      db.prepare("INSERT INTO notices (hall_id, text) VALUES (1, '停机时新增的通知')").run(),
    showsChange: (page) => shows(page, '[data-test="notices-panel"]', '停机时新增的通知'),
  },
  {
    name: 'configuration: change log',
    path: '/console/admin/config?tab=audit',
    shows: (page) => shows(page, '[data-test="audit-panel"] tbody tr'),
    changeWhileDown: (db) =>
      db
        .prepare(
          "INSERT INTO audit_log (hall_id, at, staff_id, action, detail_json) VALUES (1, ?, NULL, 'downtime.marker', '{}')",
        )
        .run(Date.now()),
    showsChange: (page) => shows(page, '[data-test="audit-panel"]', 'downtime.marker'),
  },
  {
    name: 'reports',
    path: '/console/admin/reports',
    shows: async (page) => {
      await page.locator('[data-test="report-run"]:not([disabled])').waitFor(TIMEOUT);
      await page.click('[data-test="report-run"]');
      await shows(page, '[data-test="figure-issued"]', String(issued.length));
    },
    changeWhileDown: () => undefined,
    showsChange: async (page) => {
      // Back online, the page asks again and is answered (no "not connected").
      await page.locator('[data-test="report-run"]:not([disabled])').waitFor(TIMEOUT);
      await page.click('[data-test="report-run"]');
      await shows(page, '[data-test="figure-issued"]', String(issued.length));
    },
  },
  {
    name: 'home visits',
    path: '/console/admin/home-visits',
    shows: async (page) => {
      await shows(page, `[data-test="hv-row-${visit.id}"]`, visit.maskedName);
      // The officer list is there, so a visit can be scheduled.
      await page.click(`[data-test="hv-schedule-${visit.id}"]`);
      await expect
        .poll(() => page.locator('[data-test="hv-officer"] option').count(), TIMEOUT)
        .toBeGreaterThan(0);
      await page.click('[data-test="dialog-cancel"]');
    },
    // Personal fields are sealed in the file; the requested date is not.
    changeWhileDown: (db) =>
      db.prepare("UPDATE home_visits SET requested_date = '2026-12-24' WHERE id = ?").run(visit.id),
    showsChange: (page) => shows(page, `[data-test="hv-row-${visit.id}"]`, '2026-12-24'),
  },
  {
    name: 'personal data',
    path: '/console/admin/privacy',
    shows: (page) =>
      expect
        .poll(() => page.inputValue('[data-test="pv-homeVisitDays"]').catch(() => ''), TIMEOUT)
        .toBe('365'),
    changeWhileDown: (db) =>
      db
        .prepare(
          'INSERT OR REPLACE INTO retention_policies (hall_id, ticket_days, appointment_days, home_visit_days, updated_at) VALUES (1, 0, 90, 200, ?)',
        )
        .run(Date.now()),
    showsChange: (page) =>
      expect.poll(() => page.inputValue('[data-test="pv-homeVisitDays"]'), TIMEOUT).toBe('200'),
  },
  {
    name: 'access log',
    path: '/console/admin/access-log',
    shows: (page) => shows(page, '[data-test="al-table"] tbody tr'),
    changeWhileDown: (db) => {
      downtimeAccess = Number(
        db
          .prepare(
            "INSERT INTO access_log (hall_id, at, staff_id, action, record_kind, record_id, reason) VALUES (1, ?, NULL, 'reveal', 'home_visit', ?, 'verify_record')",
          )
          .run(Date.now(), visit.id).lastInsertRowid,
      );
    },
    showsChange: (page) => shows(page, `[data-test="al-row-${downtimeAccess}"]`),
  },
  {
    name: '差评 cases',
    path: '/console/admin/rating-cases',
    shows: (page) => shows(page, `[data-test="case-${ratingCaseId}"] [data-test="case-status"]`, '待核实'),
    changeWhileDown: (db) =>
      db.prepare("UPDATE rating_cases SET status = 'verified' WHERE id = ?").run(ratingCaseId),
    showsChange: (page) =>
      shows(page, `[data-test="case-${ratingCaseId}"] [data-test="case-status"]`, '已核实'),
  },
];
let downtimeAccess = 0;
let ratingCaseId = 0;

beforeAll(async () => {
  server = await startTestServer();
  const kiosk = await connectClient(server.url, { role: 'kiosk', deviceKey: server.credentials.kioskKey });
  const serviceA = kiosk.snapshot.services.find((s) => s.code === 'A')!.id;
  // Service B: window 6, the one the admin works below, serves it.
  const serviceB = kiosk.snapshot.services.find((s) => s.code === 'B')!.id;
  serviceBId = serviceB;
  for (let i = 0; i < 3; i += 1) {
    issued.push(
      data(
        await emitAck<IssuedTicket>(kiosk.socket, 'ticket:issue', {
          requestId: newRequestId(),
          serviceId: serviceB,
        }),
      ),
    );
  }
  // A fourth visitor (service C, which window 5 serves) rates 不满意 below: a 差评 case to show.
  const serviceC = kiosk.snapshot.services.find((s) => s.code === 'C')!.id;
  const rated = data(
    await emitAck<IssuedTicket>(kiosk.socket, 'ticket:issue', {
      requestId: newRequestId(),
      serviceId: serviceC,
    }),
  );
  issued.push(rated);
  kiosk.close();
  const session = await login(server.url, 'admin', server.credentials.admin.password);
  admin = await connectClient(server.url, { role: 'admin', sessionToken: session.token });
  data(await emitAck(admin.socket, 'admin:noticeUpsert', { text: '请带好身份证', active: true }));
  visit = data(
    await emitAck<HomeVisit>(admin.socket, 'homeVisit:create', {
      personName: '王阿姨',
      maskedIdNumber: null,
      phone: '13800000000',
      address: '幸福路 1 号',
      serviceId: serviceA,
      reason: 'bedridden',
      requestedDate: '2026-12-01',
      notes: null,
    }),
  );
  // A look at the visit's full record, so the access log has a line to show.
  data(
    await emitAck(admin.socket, 'privacy:reveal', {
      kind: 'home_visit',
      id: visit.id,
      reason: 'verify_record',
    }),
  );
  // The fourth visitor is served at window 5 and rates 不满意 on their phone.
  const staff5 = await staffAtWindow(
    server.url,
    'staff',
    server.credentials.staff.password,
    server.windowId(5),
  );
  const called = data(
    await emitAck<{ id: number }>(staff5.socket, 'counter:callSpecific', { number: rated.ticket.number }),
  );
  data(await emitAck(staff5.socket, 'counter:start', { ticketId: called.id }));
  data(await emitAck(staff5.socket, 'counter:finish', { ticketId: called.id }));
  staff5.close();
  const phone = await connectAccount(server.url, {
    role: 'ticket',
    statusToken: rated.statusPath.split('/').pop()!,
  });
  data(await emitAck(phone, 'ticket:rate', { level: 'dissatisfied', reasons: ['waiting'] }));
  phone.close();
  ratingCaseId = data(await emitAck<{ id: number }[]>(admin.socket, 'ratingCase:list', {}))[0]!.id;
  kioskDeviceId = data(await emitAck<{ id: number; kind: string }[]>(admin.socket, 'admin:deviceList')).find(
    (d) => d.kind === 'kiosk',
  )!.id;

  browser = await launchBrowser();
  context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
  home = await context.newPage();
  await home.goto(`${server.url}/console/login`);
  await home.fill('input[name=username]', 'admin');
  await home.fill('input[name=password]', server.credentials.admin.password);
  await home.click('button[type=submit]');
  await home.waitForURL(/\/console\/(window|counter)$/);
  // The admin works window 6, so the counter has a window to show.
  await home.goto(`${server.url}/console/window`);
  await home.click('[data-test="claim-6"]');
  await home.waitForURL(/\/console\/counter$/);
});

afterAll(async () => {
  admin?.close();
  await browser?.close();
  await server?.close();
});

/** A new tab opened from the console (it shares the session, as a middle-click would). */
async function newTab(path: string): Promise<Page> {
  const [tab] = await Promise.all([
    context.waitForEvent('page'),
    home.evaluate((url) => void window.open(url, '_blank'), `${server.url}${path}`),
  ]);
  await tab.waitForLoadState();
  return tab;
}

describe('console and admin routes', () => {
  const tabs = new Map<string, Page>();

  for (const route of ROUTES) {
    it(`${route.name}: shows its data opened directly, reloaded and in a new tab`, async () => {
      await home.goto(`${server.url}${route.path}`);
      await route.shows(home);
      await expectNoOfflineError(home);
      await home.reload();
      await route.shows(home);
      await expectNoOfflineError(home);
      const tab = await newTab(route.path);
      await route.shows(tab);
      await expectNoOfflineError(tab);
      tabs.set(route.name, tab);
    });
  }

  it('every route recovers after a server restart, showing what changed while it was down', async () => {
    await server.stop();
    const db = new Database(server.dbFile);
    try {
      for (const route of ROUTES) route.changeWhileDown(db);
    } finally {
      db.close();
    }
    await server.start();
    for (const route of ROUTES) {
      const tab = tabs.get(route.name)!;
      await route.showsChange(tab);
      await expectNoOfflineError(tab);
    }
  });
});

// Admin console in real Chromium against the real server: a rule and a window changed in the
// console change what the next call-next returns and what the display's snapshot shows (no
// restart); a device created and revoked in the console is cut off at once; a staff session cannot
// open admin pages. Every admin page is checked with axe at AAA and photographed at 1366×768 and
// 1920×1080 (screenshots in /tmp/shots).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { HallSnapshot, IssuedTicket, TicketView } from '@hall/shared/contracts/entities';
import type { Result } from '@hall/shared/contracts/errors';
import { startTestServer, type TestServer } from '../support/testServer';
import {
  connectClient,
  connectRaw,
  emitAck,
  newRequestId,
  nextEvent,
  staffAtWindow,
  type ConnectedClient,
} from '../support/clients';
import { checkAxeAAA, describeViolations, launchBrowser, shotPath } from './support/browser';

const SIZES = [
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
];

let server: TestServer;
let browser: Browser;
let kiosk: ConnectedClient;
let display: ConnectedClient;
let context: BrowserContext;
let page: Page;

const serviceId = (code: string) => kiosk.snapshot.services.find((s) => s.code === code)!.id;
const windowId = (n: number) => kiosk.snapshot.windows.find((w) => w.number === n)!.id;

function data<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.data;
}

async function issue(code: string, priorityClass = 'normal', proxy = false): Promise<TicketView> {
  const result = await emitAck<IssuedTicket>(kiosk.socket, 'ticket:issue', {
    requestId: newRequestId(),
    serviceId: serviceId(code),
    priorityClass,
    proxy,
  });
  return data(result).ticket;
}

async function serve(client: ConnectedClient, ticket: TicketView, marks = {}): Promise<void> {
  data(await emitAck(client.socket, 'counter:start', { ticketId: ticket.id }));
  data(await emitAck(client.socket, 'counter:finish', { ticketId: ticket.id, marks }));
}

async function signIn(p: Page, username: string, password: string): Promise<void> {
  await p.goto(`${server.url}/console/login`);
  await p.waitForSelector('input[name=username]');
  await p.fill('input[name=username]', username);
  await p.fill('input[name=password]', password);
  await p.click('button[type=submit]');
  await p.waitForURL(/\/console\/(window|counter)$/);
}

async function expectAccessible(p: Page): Promise<void> {
  const violations = await checkAxeAAA(p);
  expect(violations, describeViolations(violations)).toEqual([]);
}

/** Screenshots at both sizes; the page is left at 1366×768. */
async function shots(p: Page, name: string): Promise<void> {
  for (const size of [...SIZES].reverse()) {
    await p.setViewportSize(size);
    await p.waitForTimeout(150);
    // Nothing may stick out sideways: a supervisor should never have to scroll a page horizontally.
    const overflow = await p.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, `${name} at ${size.width}px`).toBeLessThanOrEqual(0);
    await p.screenshot({ path: shotPath(`admin-${name}-${size.width}x${size.height}`), fullPage: true });
  }
}

const successText = (p: Page) => p.locator('[data-test=message]').textContent({ timeout: 3000 });

beforeAll(async () => {
  server = await startTestServer();
  kiosk = await connectClient(server.url, { role: 'kiosk', deviceKey: server.credentials.kioskKey });
  display = await connectClient(server.url, { role: 'display', deviceKey: server.credentials.displayKey });
  browser = await launchBrowser();
  context = await browser.newContext({ viewport: SIZES[0], locale: 'zh-CN' });
  page = await context.newPage();
  page.on('pageerror', (error) => console.error('[admin page error]', error));
  await signIn(page, 'admin', server.credentials.admin.password);
});

afterAll(async () => {
  kiosk?.close();
  display?.close();
  await browser?.close();
  await server?.close();
});

describe('admin console', () => {
  it('a rule changed in the console decides the next call at once', async () => {
    const staff = await staffAtWindow(server.url, 'staff', server.credentials.staff.password, windowId(3));
    const n1 = await issue('A');
    const elderly = await issue('A', 'elderly', true);
    const n2 = await issue('A');
    const first = data(await emitAck<TicketView>(staff.socket, 'counter:callNext'));
    expect(first.id).toBe(n1.id);
    await serve(staff, first);

    await page.click('nav a[href="/console/admin/config"]');
    for (const tab of ['services', 'staff', 'hall']) {
      await page.click(`[data-test=tab-${tab}]`);
      await page.waitForSelector(
        `[data-test=${tab === 'hall' ? 'notices' : tab}-panel] tbody tr, [data-test=${tab}-panel] textarea`,
      );
      await expectAccessible(page);
      await shots(page, `config-${tab}`);
    }
    await page.click('[data-test=tab-rules]');
    await page.waitForSelector('[data-test=rules-panel]');
    await expectAccessible(page);
    await shots(page, 'config-rules');
    expect(await page.inputValue('[data-test=rule-mixRatio]')).toBe('2');
    const snapshot = nextEvent(display.socket, 'hall:snapshot');
    await page.fill('[data-test=rule-mixRatio]', '1');
    await page.click('[data-test=rules-save]');
    expect(await successText(page)).toContain('已保存');
    expect((await snapshot).rules.mixRatio).toBe(1);

    // With the old ratio (2) the window would now call n2; the console's change puts the elderly visitor first.
    const next = data(await emitAck<TicketView>(staff.socket, 'counter:callNext'));
    expect(next.id).toBe(elderly.id);
    await serve(staff, next, { assistedPayment: true });
    const last = data(await emitAck<TicketView>(staff.socket, 'counter:callNext'));
    expect(last.id).toBe(n2.id);
    await serve(staff, last);
    data(await emitAck(staff.socket, 'window:release'));
    staff.close();
  });

  it('a window changed in the console reaches the display and the next call', async () => {
    await page.click('[data-test=tab-windows]');
    await page.click('[data-test=window-edit-4]');
    await page.waitForSelector('[data-test=window-dialog]');
    await shots(page, 'config-window-dialog');
    await page.check('[data-test=window-elderly]');
    await page.check('[data-test=window-service-B]');
    const snapshot = nextEvent(display.socket, 'hall:snapshot');
    await page.click('[data-test=window-dialog] [data-test=dialog-confirm]');
    const seen: HallSnapshot = await snapshot;
    const w4 = seen.windows.find((w) => w.number === 4)!;
    expect(w4.elderlyDedicated).toBe(true);
    expect(w4.serviceIds).toContain(serviceId('B'));
    await expect
      .poll(() => page.locator('[data-test=window-row-4] [data-test=elderly-mark]').count())
      .toBe(1);
    await expectAccessible(page);
    await shots(page, 'config-windows');

    // Window 4 is now an elderly window serving B: it takes the elderly B ticket before the older normal A.
    const staff = await staffAtWindow(server.url, 'staff', server.credentials.staff.password, windowId(4));
    const normalA = await issue('A');
    const elderlyB = await issue('B', 'elderly');
    const called = data(await emitAck<TicketView>(staff.socket, 'counter:callNext'));
    expect(called.id).toBe(elderlyB.id);
    await serve(staff, called, { proxy: true });
    const then = data(await emitAck<TicketView>(staff.socket, 'counter:callNext'));
    expect(then.id).toBe(normalA.id);
    // Leave it called so the monitor shows a current ticket.
    staff.close();
  });

  it('a device created in the console shows its key once, and revoking it cuts it off at once', async () => {
    await page.click('[data-test=tab-devices]');
    await page.click('[data-test=device-add]');
    await page.fill('[data-test=device-name]', '二楼取号机');
    await page.click('[data-test=device-dialog] [data-test=dialog-confirm]');
    const key = (await page.locator('[data-test=device-key]').textContent())!.trim();
    expect(key.length).toBeGreaterThanOrEqual(40);
    await expectAccessible(page);
    await shots(page, 'config-device-key');
    await page.click('[data-test=key-dialog] [data-test=dialog-cancel]');

    const device = await connectClient(server.url, { role: 'kiosk', deviceKey: key });
    const row = page.locator('tr', { hasText: '二楼取号机' });
    await expect.poll(() => row.locator('[data-test=device-state]').textContent()).toContain('在线');
    // The printer in words: "虚拟打印机（每行 48 字符）", not "virtual（48）".
    expect(await row.locator('[data-test=device-printer]').textContent()).toBe('虚拟打印机（每行 48 字符）');
    await shots(page, 'config-devices');

    const ended = nextEvent(device.socket, 'session:ended');
    const gone = new Promise<string>((resolve) =>
      device.socket.once('disconnect', (reason) => resolve(reason)),
    );
    await row.locator('button', { hasText: '停用设备' }).click();
    await page.click('[data-test=revoke-dialog] [data-test=dialog-confirm]');
    expect((await ended).code).toBe('DEVICE_REVOKED');
    expect(await gone).toBe('io server disconnect');
    await expect.poll(() => row.locator('[data-test=device-state]').textContent()).toContain('已停用');

    const retry = connectRaw(server.url, { role: 'kiosk', deviceKey: key });
    const refusal = await new Promise<string>((resolve) =>
      retry.once('connect_error', (e) => resolve(e.message)),
    );
    retry.close();
    expect(refusal).toBe('DEVICE_REVOKED');
  });

  it('the monitor shows waiting, windows and devices live, with alerts in words', async () => {
    await issue('C');
    await page.click('nav a[href="/console/admin/monitor"]');
    await page.waitForSelector('[data-test=monitor-updated]');
    await expect
      .poll(() => page.locator('[data-test=monitor-window-4] .ticket').textContent())
      .toMatch(/A\d{3}/);
    const cRow = page.locator(`[data-test=load-${serviceId('C')}]`);
    await expect.poll(() => cRow.locator('td').first().textContent()).toBe('1');
    // A new ticket shows up within one poll.
    await issue('C');
    await expect.poll(() => cRow.locator('td').first().textContent(), { timeout: 8000 }).toBe('2');
    await expectAccessible(page);
    await shots(page, 'monitor');
  });

  it('reports the day with charts and the elderly figures, and downloads the CSV', async () => {
    await page.click('nav a[href="/console/admin/reports"]');
    await page.click('button:has-text("今天")');
    await page.click('[data-test=report-run]');
    await page.waitForSelector('[data-test=elderly-report]');
    expect(await page.textContent('[data-test=elderly-total]')).toBe('2');
    expect(await page.textContent('[data-test=elderly-withProxy] dd')).toBe('2');
    expect(await page.textContent('[data-test=elderly-withAssistedPayment] dd')).toBe('1');
    expect(await page.locator('[data-test=chart-hourly] svg').count()).toBe(1);
    await expectAccessible(page);
    await shots(page, 'reports');

    const download = page.waitForEvent('download');
    await page.click('[data-test=report-csv]');
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^report-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv$/);
    const path = await file.path();
    const bytes = (await import('node:fs')).readFileSync(path);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString('utf8')).toContain('老年人服务合计,2\r\n');

    // Every word comes from the locale files, in both languages: no raw key ever shows.
    expect(await page.evaluate(() => document.body.innerText)).not.toMatch(/admin\.[a-zA-Z]/);
    await page.click('button[aria-label="Switch the console to English"]');
    await expect.poll(() => page.textContent('h1')).toBe('Reports');
    expect(await page.evaluate(() => document.body.innerText)).not.toMatch(/admin\.[a-zA-Z]/);
    await expectAccessible(page);
    await shots(page, 'reports-en');
    await page.click('button[aria-label="切换为中文界面"]');
    await expect.poll(() => page.textContent('h1')).toBe('统计报表');

    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.app-header').isVisible()).toBe(false);
    expect(await page.locator('[data-test=report-run]').isVisible()).toBe(false);
    await page.screenshot({ path: shotPath('admin-reports-print'), fullPage: true });
    await page.emulateMedia({ media: 'screen' });
  });

  it('keeps the home-visit register through the console', async () => {
    await page.click('nav a[href="/console/admin/home-visits"]');
    await page.fill('[data-test=hv-name]', '杨伯');
    await page.fill('[data-test=hv-phone]', '0668-1234567');
    await page.fill('[data-test=hv-address]', '茂南区镇盛镇养老院');
    await page.fill('[data-test=hv-id]', '440902');
    expect(await page.isDisabled('[data-test=hv-create]')).toBe(true);
    await page.fill('[data-test=hv-id]', '');
    await page.selectOption('[data-test=hv-service]', String(serviceId('B')));
    await page.selectOption('[data-test=hv-reason]', 'bedridden');
    await page.click('[data-test=hv-create]');
    // The list is masked: the family name, 066****4567 and the district (test/e2e/privacy.e2e.test.ts).
    const row = page.locator('[data-test=hv-table] tbody tr', { hasText: '杨*' });
    await expect.poll(() => row.locator('[data-test=hv-status]').textContent()).toContain('待安排');
    await row.locator('button', { hasText: '安排' }).click();
    await page.click('[data-test=hv-dialog] [data-test=dialog-confirm]');
    await expect.poll(() => row.locator('[data-test=hv-status]').textContent()).toContain('已安排');
    await row.locator('button', { hasText: '完成' }).click();
    await page.check('[data-test=hv-paid]');
    await shots(page, 'home-visit-complete');
    await page.click('[data-test=hv-dialog] [data-test=dialog-confirm]');
    await expect.poll(() => row.locator('[data-test=hv-status]').textContent()).toContain('已完成');
    await expectAccessible(page);
    await shots(page, 'home-visits');

    // The completed visit counts in today's elderly report at once.
    await page.click('nav a[href="/console/admin/reports"]');
    await page.click('button:has-text("今天")');
    await page.click('[data-test=report-run]');
    await expect.poll(() => page.textContent('[data-test=elderly-total]')).toBe('3');
    expect(await page.textContent('[data-test=elderly-homeDeliveries] dd')).toBe('1');
  });

  it('shows a colleague locked out by wrong passwords at their PC, and lifts the lock', async () => {
    const signInFrom = (password: string) =>
      fetch(`${server.url}/api/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': '10.20.30.40' },
        body: JSON.stringify({ username: 'staff', password }),
      }).then((r) => r.status);
    for (let i = 0; i < 5; i += 1) expect(await signInFrom(`wrong-${i}`)).toBe(401);
    expect(await signInFrom(server.credentials.staff.password)).toBe(429);

    await page.click('nav a[href="/console/admin/config"]');
    await page.click('[data-test=tab-staff]');
    const row = page.locator('[data-test=signin-locks-panel] [data-test=lock-staff]');
    await row.waitFor();
    expect(await row.textContent()).toContain('窗口民警（staff）');
    expect(await row.textContent()).toContain('10.20.30.40');
    await expectAccessible(page);
    await shots(page, 'config-signin-locks');
    await page.click('[data-test=unlock-staff]');
    await expect.poll(() => successText(page)).toContain('已解除 窗口民警 的登录锁定');
    await page.locator('[data-test=locks-empty]').waitFor();
    expect(await signInFrom(server.credentials.staff.password)).toBe(200);
  });

  it('the change log names who changed what', async () => {
    await page.click('nav a[href="/console/admin/config"]');
    await page.click('[data-test=tab-audit]');
    const table = page.locator('[data-test=audit-panel] table');
    await expect.poll(() => table.textContent()).toContain('修改叫号规则');
    expect(await table.textContent()).toContain('停用设备');
    expect(await table.textContent()).toContain('值班主管');
    // In words, from → to, not raw data.
    const changes = await page.locator('[data-test=audit-changes]').allTextContents();
    expect(changes.join('\n')).toMatch(/：由 .+ 改为 /);
    expect(changes.join('\n')).not.toMatch(/[{}"]/);
    expect(changes.every((c) => c.trim() !== '')).toBe(true);
    const size = await page
      .locator('[data-test=audit-changes] li')
      .first()
      .evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    expect(size).toBeGreaterThanOrEqual(17);
    // English mode words the same log in English.
    await page.click('header button[lang=en]');
    await expect.poll(() => table.textContent()).toContain('from');
    expect(await table.textContent()).not.toContain('改为');
    await shots(page, 'config-audit-en');
    await page.click('header button[lang=zh-CN]');
    await expect.poll(() => table.textContent()).toContain('改为');
    await expectAccessible(page);
    await shots(page, 'config-audit');
  });

  it('a staff session cannot open admin pages', async () => {
    const staffContext = await browser.newContext({ viewport: SIZES[0], locale: 'zh-CN' });
    const staffPage = await staffContext.newPage();
    await signIn(staffPage, 'staff', server.credentials.staff.password);
    expect(await staffPage.locator('nav a[href^="/console/admin"]').count()).toBe(0);
    await staffPage.goto(`${server.url}/console/admin/config`);
    await staffPage.waitForURL(/\/console\/counter$/);
    expect(await staffPage.locator('[data-test=services-panel]').count()).toBe(0);
    await staffPage.screenshot({ path: shotPath('admin-refused-staff-1366x768') });
    await staffContext.close();
  });
});

// The admin's alarm line in real Chromium against the real server: the database refusing writes
// (a read-only file via SQLite's query_only) raises "数据保存失败" on every admin page until a write
// succeeds again; a kiosk's printer fault raises "取号机「…」打印机故障：缺纸" until the kiosk reports
// the printer fine; a console opened during a fault shows it at once; staff never see the line.
// axe AAA with the alarms showing. Screenshots in /tmp/shots.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { Device, IssuedTicket } from '@hall/shared/contracts/entities';
import type { Result } from '@hall/shared/contracts/errors';
import { startTestServer, type TestServer } from '../support/testServer';
import { connectClient, emitAck, login, newRequestId, type ConnectedClient } from '../support/clients';
import { checkAxeAAA, describeViolations, launchBrowser, shotPath } from './support/browser';

let server: TestServer;
let browser: Browser;
let kiosk: ConnectedClient;
let admin: ConnectedClient;

const STORAGE = '[data-test=alarm-storage]';
const PRINTER = '[data-test=alarm-printer]';

async function signIn(username: string, password: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  await page.goto(`${server.url}/console/login`);
  await page.waitForSelector('input[name=username]');
  await page.fill('input[name=username]', username);
  await page.fill('input[name=password]', password);
  await page.click('button[type=submit]');
  await page.waitForURL(/\/console\/(window|counter)$/);
  return page;
}

const signInAdmin = () => signIn(server.credentials.admin.username, server.credentials.admin.password);

function issueFromKiosk() {
  const serviceId = kiosk.snapshot.services.find((s) => s.code === 'A')!.id;
  return emitAck<IssuedTicket>(kiosk.socket, 'ticket:issue', {
    requestId: newRequestId(),
    serviceId,
    priorityClass: 'normal',
  });
}

async function expectAccessible(page: Page): Promise<void> {
  const violations = await checkAxeAAA(page);
  expect(violations, describeViolations(violations)).toEqual([]);
}

/** The alarm's words and whether it carries the warning sign (axe checks the contrast). */
async function alarmLook(page: Page, selector: string) {
  return page.$eval(selector, (el) => ({
    text: el.textContent!.replace(/\s+/g, ' ').trim(),
    hasIcon: el.querySelector('svg') !== null,
  }));
}

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
  kiosk = await connectClient(server.url, { role: 'kiosk', deviceKey: server.credentials.kioskKey });
  const session = await login(
    server.url,
    server.credentials.admin.username,
    server.credentials.admin.password,
  );
  admin = await connectClient(server.url, { role: 'admin', sessionToken: session.token });
});

afterAll(async () => {
  server?.app.repos.db.pragma('query_only = 0');
  kiosk?.close();
  admin?.close();
  await browser?.close();
  await server?.close();
});

describe('admin alarms', () => {
  it('storage failure: shown on every admin page while the database refuses writes, gone after the next write', async () => {
    const page = await signInAdmin();
    await page.goto(`${server.url}/console/admin/monitor`);
    await page.getByRole('navigation').waitFor();
    expect(await page.locator(STORAGE).count()).toBe(0);

    server.app.repos.db.pragma('query_only = 1');
    let refused: Result<IssuedTicket>;
    try {
      refused = await issueFromKiosk();
    } finally {
      server.app.repos.db.pragma('query_only = 0');
    }
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error.code).toBe('STORAGE_FAILURE');

    await page.locator(STORAGE).waitFor();
    const look = await alarmLook(page, STORAGE);
    expect(look.text).toContain('数据保存失败：磁盘已满或只读，请立即联系技术人员');
    expect(look.text).toMatch(/错误代码 SQLITE_READONLY/);
    expect(look.text).toContain('ticket:issue');
    // Words and a sign, not colour alone; and the line is announced (role="alert").
    expect(look.hasIcon).toBe(true);
    expect(look.text).toContain('警报');
    expect(
      await page
        .locator('[role=alert]')
        .filter({ has: page.locator(STORAGE) })
        .count(),
    ).toBe(1);
    await expectAccessible(page);
    await page.screenshot({ path: shotPath('admin-storage-alarm') });

    // Every admin page shows it, not only the one that was open.
    const pages: [string, string][] = [
      ['配置', '/admin/config'],
      ['统计报表', '/admin/reports'],
      ['上门办登记', '/admin/home-visits'],
    ];
    for (const [link, path] of pages) {
      await page.getByRole('link', { name: link, exact: true }).click();
      await page.waitForURL(new RegExp(`/console${path}$`));
      expect(await page.locator(STORAGE).count(), path).toBe(1);
    }

    // English follows the language switch.
    await page.getByRole('button', { name: 'Switch the console to English' }).click();
    await page
      .getByText('Storage failure: the disk is full or read-only — call technical support now')
      .waitFor();
    await expectAccessible(page);
    await page.screenshot({ path: shotPath('admin-storage-alarm-en') });
    await page.getByRole('button', { name: '切换为中文界面' }).click();
    await page.getByText('数据保存失败：磁盘已满或只读，请立即联系技术人员').waitFor();

    // The disk is fine again: the next successful write clears the alarm.
    const issued = await issueFromKiosk();
    expect(issued.ok).toBe(true);
    await page.locator(STORAGE).waitFor({ state: 'detached' });
    expect(await page.locator('.alarm-banner').count()).toBe(0);
    await page.close();
  });

  it('printer fault: "取号机「名称」打印机故障：缺纸" until the kiosk reports the printer fine', async () => {
    const page = await signInAdmin();
    await page.goto(`${server.url}/console/admin/config`);
    await page.getByRole('navigation').waitFor();
    expect(await page.locator(PRINTER).count()).toBe(0);

    const fault = await emitAck(kiosk.socket, 'printer:status', {
      ok: false,
      code: 'paper_out',
      message: 'paper end sensor',
      ticketNumber: null,
    });
    expect(fault.ok, JSON.stringify(fault)).toBe(true);
    await page.locator(PRINTER).waitFor();
    const deviceList = await emitAck<Device[]>(admin.socket, 'admin:deviceList');
    if (!deviceList.ok) throw new Error(deviceList.error.message);
    const faulted = deviceList.data.filter((d) => d.printerFault !== null);
    expect(faulted).toHaveLength(1);
    const kioskName = faulted[0]!.name;
    const look = await alarmLook(page, PRINTER);
    expect(look.text).toContain(`取号机「${kioskName}」打印机故障：缺纸`);
    expect(look.hasIcon).toBe(true);
    await expectAccessible(page);
    await page.screenshot({ path: shotPath('admin-printer-alarm') });

    // A console opened during the fault shows it at once (from admin:deviceList).
    const late = await signInAdmin();
    await late.locator(PRINTER).waitFor();
    expect((await alarmLook(late, PRINTER)).text).toContain(`取号机「${kioskName}」打印机故障：缺纸`);

    // Staff at a counter are not alarmed by the hall's technical faults.
    const staff = await signIn(server.credentials.staff.username, server.credentials.staff.password);
    // The staff console is live once it lists the windows from the hall snapshot. Then a new fault
    // (the sentinel): when the admin sees it, it has been sent — and the staff console shows none.
    await staff.locator('[data-test=claim-1]').waitFor();
    const again = await emitAck(kiosk.socket, 'printer:status', {
      ok: false,
      code: 'offline',
      message: 'cable',
      ticketNumber: null,
    });
    expect(again.ok, JSON.stringify(again)).toBe(true);
    await late.locator(PRINTER).getByText('离线').waitFor();
    expect(await staff.locator('[data-test=admin-alarms]').count()).toBe(0);
    await staff.close();

    const fine = await emitAck(kiosk.socket, 'printer:status', { ok: true });
    expect(fine.ok, JSON.stringify(fine)).toBe(true);
    await page.locator(PRINTER).waitFor({ state: 'detached' });
    await late.locator(PRINTER).waitFor({ state: 'detached' });
    await late.close();
    await page.close();
  });
});

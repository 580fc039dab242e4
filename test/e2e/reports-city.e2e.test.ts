// Reports across halls in real Chromium, on one server with two halls: a city account lands on the
// reports, sees the whole city summed with a row per hall (and each hall alone), downloads the city
// CSV, opens the city monitor (every hall's queue, windows and alerts) and nothing else; a hall
// admin sees their own hall only. Checked with axe at AAA and photographed (screenshots in /tmp/shots).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { IssuedTicket, TicketView } from '@hall/shared/contracts/entities';
import type { Result } from '@hall/shared/contracts/errors';
import { startServer, type RunningServer } from '../../server/src/server';
import { createServerPrinter } from '../../server/src/printing/createServerPrinter';
import { REPO_ROOT, TEST_PASSWORDS, testHallConfig } from '../support/testServer';
import {
  connectClient,
  emitAck,
  newRequestId,
  staffAtWindow,
  type ConnectedClient,
  type KioskClient,
  windowIdsOf,
} from '../support/clients';
import { checkAxeAAA, describeViolations, launchBrowser, shotPath } from './support/browser';

let server: RunningServer;
let dir: string;
let browser: Browser;
const kiosks: KioskClient[] = [];

function data<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.data;
}

async function signIn(p: Page, username: string, password: string, landing: RegExp): Promise<void> {
  await p.goto(`${server.url}/console/login`);
  await p.waitForSelector('input[name=username]');
  await p.fill('input[name=username]', username);
  await p.fill('input[name=password]', password);
  await p.click('button[type=submit]');
  await p.waitForURL(landing);
}

async function expectAccessible(p: Page): Promise<void> {
  const violations = await checkAxeAAA(p);
  expect(violations, describeViolations(violations)).toEqual([]);
}

async function runReport(p: Page): Promise<void> {
  await p.click('button:has-text("今天")');
  await p.click('[data-test=report-run]');
  await p.waitForSelector('[data-test=elderly-report]');
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hall-e2e-city-'));
  const base = testHallConfig().halls[0]!;
  const second = {
    ...base,
    code: 'second',
    name: '第二办证大厅',
    nameEn: 'Second Hall',
    staff: [
      { username: 'staff2', name: '二号厅民警', role: 'staff' as const, password: 'staff2-pass' },
      { username: 'admin2', name: '二号厅主管', role: 'admin' as const, password: 'admin2-pass' },
    ],
  };
  server = await startServer({
    dbFile: path.join(dir, 'hall.sqlite'),
    webRoot: path.join(REPO_ROOT, 'dist', 'web'),
    port: 0,
    host: '127.0.0.1',
    hallConfig: { halls: [base, second] },
    printer: createServerPrinter(dir, { interface: 'virtual', widthColumns: 48 }),
    synchronous: 'NORMAL',
  });
  for (const hallCode of ['demo', 'second']) {
    const key = server.credentials!.devices.find((d) => d.hallCode === hallCode && d.kind === 'kiosk')!.key;
    kiosks.push(await connectClient(server.url, { role: 'kiosk', deviceKey: key }));
  }
  // Hall 1: one elderly visitor served with assisted payment. Hall 2: two visitors, one served by proxy.
  const issue = async (i: number, priorityClass = 'normal') =>
    data(
      await emitAck<IssuedTicket>(kiosks[i]!.socket, 'ticket:issue', {
        requestId: newRequestId(),
        serviceId: kiosks[i]!.snapshot.services[0]!.id,
        priorityClass,
      }),
    ).ticket;
  const serve = async (client: ConnectedClient, marks: Record<string, unknown>) => {
    const called = data(await emitAck<TicketView>(client.socket, 'counter:callNext'));
    data(await emitAck(client.socket, 'counter:start', { ticketId: called.id }));
    data(await emitAck(client.socket, 'counter:finish', { ticketId: called.id, marks }));
  };
  await issue(0, 'elderly');
  await issue(1);
  await issue(1);
  // Window ids through each hall's display (a kiosk is not told about windows).
  const displayKey = (hallCode: string) =>
    server.credentials!.devices.find((d) => d.hallCode === hallCode && d.kind === 'display')!.key;
  const w1 = (await windowIdsOf(server.url, displayKey('demo'))).get(1)!;
  const w2 = (await windowIdsOf(server.url, displayKey('second'))).get(3)!;
  const s1 = await staffAtWindow(server.url, 'staff', TEST_PASSWORDS.staff, w1);
  const s2 = await staffAtWindow(server.url, 'staff2', 'staff2-pass', w2);
  await serve(s1, { assistedPayment: true });
  await serve(s2, { proxy: true, proxyRelation: '子女' });
  s1.close();
  s2.close();
  browser = await launchBrowser();
});

afterAll(async () => {
  kiosks.forEach((k) => k.close());
  await browser?.close();
  await server?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('reports across halls', () => {
  it('a city account lands on the reports and sees the whole city, a row per hall', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
    const page = await context.newPage();
    page.on('pageerror', (error) => console.error('[city page error]', error));
    await signIn(page, 'city', TEST_PASSWORDS.city, /\/console\/admin\/reports$/);
    // Only the reports and the city monitor in the header: no counter, no hall administration.
    expect(await page.locator('nav a').allTextContents()).toEqual(['全市监控', '统计报表']);
    await expect.poll(() => page.locator('[data-test=report-scope] option').count()).toBe(3);
    expect(await page.locator('[data-test=report-scope] option').allTextContents()).toEqual([
      '全市（各大厅合计）',
      '市公安局出入境与户政办证大厅',
      '第二办证大厅',
    ]);
    await runReport(page);
    expect(await page.textContent('[data-test=report-period]')).toContain('全市（各大厅合计）');
    expect(await page.textContent('[data-test=figure-issued] dd')).toBe('3');
    expect(await page.textContent('[data-test=figure-allWithProxy] dd')).toBe('1');
    expect(await page.textContent('[data-test=figure-allWithAssistedPayment] dd')).toBe('1');
    const hallRows = page.locator('[data-test=group-hall] tbody tr');
    expect(await hallRows.count()).toBe(2);
    expect(await hallRows.nth(1).locator('th').textContent()).toBe('第二办证大厅');
    expect(await hallRows.nth(1).locator('td').first().textContent()).toBe('2');
    await expectAccessible(page);
    await page.screenshot({ path: shotPath('reports-city-1366x768'), fullPage: true });
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.screenshot({ path: shotPath('reports-city-1920x1080'), fullPage: true });
    await page.setViewportSize({ width: 1366, height: 768 });

    // One hall alone.
    await page.selectOption('[data-test=report-scope]', { label: '第二办证大厅' });
    await page.click('[data-test=report-run]');
    await expect.poll(() => page.textContent('[data-test=report-period]')).toContain('第二办证大厅');
    expect(await page.textContent('[data-test=figure-issued] dd')).toBe('2');
    expect(await page.locator('[data-test=group-hall]').count()).toBe(0);

    // The city CSV.
    await page.selectOption('[data-test=report-scope]', 'all');
    const download = page.waitForEvent('download');
    await page.click('[data-test=report-csv]');
    const bytes = fs.readFileSync((await (await download).path())!);
    const text = bytes.toString('utf8');
    expect(text).toContain('全部大厅');
    expect(text).toContain('\r\n取号人数,3\r\n');
    expect(text).toContain('\r\n按大厅\r\n');

    // Anything else sends it back to the reports, with the reason.
    await page.goto(`${server.url}/console/counter`);
    await page.waitForURL(/\/console\/admin\/reports$/);
    await page.goto(`${server.url}/console/admin/config`);
    await page.waitForURL(/\/console\/admin\/reports$/);
    await context.close();
  });

  it('a city account sees every hall on the city monitor', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
    const page = await context.newPage();
    page.on('pageerror', (error) => console.error('[city page error]', error));
    await signIn(page, 'city', TEST_PASSWORDS.city, /\/console\/admin\/reports$/);
    await page.click('nav a[href="/console/admin/city"]');
    await page.waitForSelector('[data-test=city-monitor-halls]');
    // Hall 2 still has one visitor waiting; each hall has the window its officer opened.
    const second = page.locator('[data-test=city-hall-second]');
    expect(await second.locator('th').textContent()).toBe('第二办证大厅');
    expect(await second.locator('td').first().textContent()).toBe('1');
    expect(await page.locator('[data-test=city-monitor-halls] tbody tr').count()).toBe(2);
    expect(await page.textContent('[data-test=city-monitor-totals]')).toContain('全市：1 人等候');
    await expectAccessible(page);
    await page.screenshot({ path: shotPath('city-monitor-1366x768'), fullPage: true });
    await context.close();
  });

  it('a hall admin sees their own hall only', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
    const page = await context.newPage();
    await signIn(page, 'admin2', 'admin2-pass', /\/console\/(window|counter)$/);
    expect(await page.locator('nav a').allTextContents()).not.toContain('全市监控');
    await page.click('nav a[href="/console/admin/reports"]');
    await expect
      .poll(() => page.locator('[data-test=report-scope] option').allTextContents())
      .toEqual(['本大厅']);
    await runReport(page);
    expect(await page.textContent('[data-test=report-period]')).toContain('第二办证大厅');
    expect(await page.textContent('[data-test=figure-issued] dd')).toBe('2');
    expect(await page.textContent('[data-test=figure-allWithProxy] dd')).toBe('1');
    expect(await page.locator('[data-test=group-hall]').count()).toBe(0);
    await expectAccessible(page);
    await page.screenshot({ path: shotPath('reports-hall-admin-1366x768'), fullPage: true });
    await context.close();
  });
});

// Personal information in the admin console, in real Chromium against the real server: the
// home-visit list is masked; the full record appears only after choosing a reason, and that look,
// and an export with personal columns, show up on the access-log page; the personal-data page sets
// retention and serves a person's request (find, copy, erase). Each page is checked with axe at AAA
// and photographed at 1366×768 and 1920×1080 (/tmp/shots).
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { HomeVisit } from '@hall/shared/contracts/admin';
import type { RetentionState } from '@hall/shared/contracts/privacy';
import { startTestServer, type TestServer } from '../support/testServer';
import { emitAck, type ConnectedClient } from '../support/clients';
import { connectAdmin, data, PEOPLE, registerVisit, secretsOf } from '../support/personalData';
import { checkAxeAAA, describeViolations, launchBrowser, shotPath } from './support/browser';

const SIZES = [
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
];

let server: TestServer;
let admin: ConnectedClient;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let visits: HomeVisit[];

async function expectAccessible(p: Page): Promise<void> {
  const violations = await checkAxeAAA(p);
  expect(violations, describeViolations(violations)).toEqual([]);
}

async function shots(p: Page, name: string): Promise<void> {
  for (const size of [...SIZES].reverse()) {
    await p.setViewportSize(size);
    await p.waitForTimeout(150);
    const overflow = await p.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, `${name} at ${size.width}px`).toBeLessThanOrEqual(0);
    await p.screenshot({ path: shotPath(`privacy-${name}-${size.width}x${size.height}`), fullPage: true });
  }
}

const messageText = (p: Page) => p.locator('[data-test=message]').textContent({ timeout: 3000 });

beforeAll(async () => {
  server = await startTestServer();
  admin = (await connectAdmin(server)).client;
  visits = [];
  for (const person of PEOPLE) visits.push(await registerVisit(admin, person));
  browser = await launchBrowser();
  context = await browser.newContext({
    viewport: SIZES[0],
    locale: 'zh-CN',
    acceptDownloads: true,
  });
  page = await context.newPage();
  page.on('pageerror', (error) => console.error('[privacy page error]', error));
  await page.goto(`${server.url}/console/login`);
  await page.fill('input[name=username]', 'admin');
  await page.fill('input[name=password]', server.credentials.admin.password);
  await page.click('button[type=submit]');
  await page.waitForURL(/\/console\/(window|counter)$/);
});

afterAll(async () => {
  admin?.close();
  await browser?.close();
  await server?.close();
});

describe('personal information in the admin console', () => {
  it('the home-visit list is masked', async () => {
    await page.click('nav a[href="/console/admin/home-visits"]');
    const table = page.locator('[data-test=hv-table]');
    await expect.poll(() => table.locator('tbody tr').count()).toBe(3);
    const text = (await table.textContent()) ?? '';
    expect(text).toContain('杨**');
    expect(text).toContain('138****5671');
    expect(text).toContain('茂名市茂南区');
    for (const person of PEOPLE) for (const secret of secretsOf(person)) expect(text).not.toContain(secret);
    await expectAccessible(page);
    await shots(page, 'home-visits-masked');
  });

  it('shows the full record only after choosing a reason', async () => {
    const first = visits[0]!;
    await page.click(`[data-test=hv-reveal-${first.id}]`);
    const dialog = page.locator('[data-test=hv-dialog]');
    await dialog.waitFor();
    expect(await dialog.locator('[data-test=dialog-confirm]').isDisabled()).toBe(true);
    expect(await dialog.textContent()).not.toContain(PEOPLE[0]!.phone);
    await dialog.locator('[data-test=hv-reason-arrange_visit]').check();
    await expectAccessible(page);
    await shots(page, 'reveal-reason');
    await dialog.locator('[data-test=dialog-confirm]').click();
    const revealed = dialog.locator('[data-test=hv-revealed]');
    await expect.poll(() => revealed.textContent()).toContain(PEOPLE[0]!.phone);
    const text = (await revealed.textContent()) ?? '';
    expect(text).toContain(PEOPLE[0]!.name);
    expect(text).toContain(PEOPLE[0]!.address);
    expect(text).toContain(PEOPLE[0]!.notes);
    await expectAccessible(page);
    await shots(page, 'reveal-shown');
    expect(await dialog.locator('[data-test=dialog-confirm]').count()).toBe(0);
    await dialog.locator('[data-test=dialog-cancel]').click();
    await dialog.waitFor({ state: 'detached' });
    // Closed again, the list is masked as before.
    expect(await page.locator('[data-test=hv-table]').textContent()).not.toContain(PEOPLE[0]!.phone);
  });

  it('exports without personal columns, or with them after choosing a reason', async () => {
    const plain = page.waitForEvent('download');
    await page.click('[data-test=hv-export]');
    const plainText = fs.readFileSync((await (await plain).path())!, 'utf8');
    expect(plainText).toContain('编号,业务');
    expect(plainText).not.toContain(PEOPLE[1]!.address);

    await page.check('[data-test=hv-export-personal]');
    expect(await page.isDisabled('[data-test=hv-export]')).toBe(true);
    await page.selectOption('[data-test=hv-export-reason]', 'contact_person');
    const personal = page.waitForEvent('download');
    await page.click('[data-test=hv-export]');
    const download = await personal;
    expect(download.suggestedFilename()).toBe('home-visits-personal.csv');
    const personalText = fs.readFileSync((await download.path())!, 'utf8');
    for (const person of PEOPLE) expect(personalText).toContain(person.address);
  });

  it('the access log page shows who looked at which record and why', async () => {
    await page.click('nav a[href="/console/admin/access-log"]');
    await expect.poll(() => page.textContent('h1')).toBe('个人信息访问记录');
    const table = page.locator('[data-test=al-table]');
    await expect.poll(() => table.locator('tbody tr').count()).toBe(2);
    const rows = await table.locator('tbody tr').allTextContents();
    // Newest first: the export, then the reveal.
    expect(rows[0]).toContain('导出个人信息');
    expect(rows[0]).toContain('联系本人或家属');
    expect(rows[0]).toContain('3 条');
    expect(rows[1]).toContain('查看完整信息');
    expect(rows[1]).toContain(`#${visits[0]!.id}`);
    expect(rows[1]).toContain('安排上门');
    expect(rows[1]).toContain('值班主管');
    await expectAccessible(page);
    await shots(page, 'access-log');
    const csv = page.waitForEvent('download');
    await page.click('[data-test=al-csv]');
    const csvText = fs.readFileSync((await (await csv).path())!, 'utf8');
    expect(csvText).toContain('查看完整信息');
    expect(csvText.trim().split('\r\n')).toHaveLength(3);
  });

  it('sets how long personal details are kept', async () => {
    await page.click('nav a[href="/console/admin/privacy"]');
    await expect.poll(() => page.inputValue('[data-test=pv-homeVisitDays]')).toBe('365');
    await page.fill('[data-test=pv-homeVisitDays]', '10');
    expect(await page.isDisabled('[data-test=pv-save]')).toBe(true);
    await page.fill('[data-test=pv-homeVisitDays]', '180');
    await page.click('[data-test=pv-save]');
    await expect.poll(() => messageText(page)).toContain('已保存');
    const state = data(await emitAck<RetentionState>(admin.socket, 'privacy:retention'));
    expect(state.policy.homeVisitDays).toBe(180);
    await expectAccessible(page);
    await shots(page, 'retention');
  });

  it("serves a person's request: find, copy, erase", async () => {
    await page.selectOption('[data-test=pv-by]', 'phone');
    await page.fill('[data-test=pv-value]', PEOPLE[1]!.phone);
    await page.click('[data-test=pv-find]');
    const copy = page.locator('[data-test=pv-copy]');
    await expect.poll(() => copy.textContent()).toContain(PEOPLE[1]!.address);
    const download = page.waitForEvent('download');
    await page.click('[data-test=pv-download]');
    const json = JSON.parse(fs.readFileSync((await (await download).path())!, 'utf8')) as {
      records: { personal: { phone: string } }[];
    };
    expect(json.records.map((r) => r.personal.phone)).toEqual([PEOPLE[1]!.phone]);
    await expectAccessible(page);
    await shots(page, 'subject-copy');

    await page.click('[data-test=pv-erase]');
    await page.locator('[data-test=pv-erase-dialog]').waitFor();
    await page.click('[data-test=pv-erase-dialog] [data-test=dialog-confirm]');
    await expect.poll(() => messageText(page)).toContain('已删除 1 条');
    await page.click('nav a[href="/console/admin/home-visits"]');
    const row = page.locator(`[data-test=hv-row-${visits[1]!.id}]`);
    await expect.poll(() => row.locator('[data-test=hv-cleared]').count()).toBe(1);
    expect(await row.locator('[data-test=hv-status]').textContent()).toContain('已取消');

    await page.click('nav a[href="/console/admin/access-log"]');
    const table = page.locator('[data-test=al-table]');
    await expect.poll(() => table.locator('tbody tr').count()).toBe(4);
    const rows = await table.locator('tbody tr').allTextContents();
    expect(rows[0]).toContain('本人要求删除');
    expect(rows[1]).toContain('本人查阅');
  });
});

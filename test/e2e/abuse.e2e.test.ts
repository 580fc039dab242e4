// SQL- and script-looking text written by an admin (hall name, service names, a notice, a staff
// member's name) is shown literally, as text, on the wall display, the kiosk and the staff console,
// and no script in it ever runs. Most checks bypass the page's CSP on purpose, so they prove the
// screens themselves never render such text as HTML (the CSP is a second wall, not the only one);
// the last one repeats the display with the real CSP in force, as every other browser test runs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../support/testServer';
import { connectClient, emitAck, login } from '../support/clients';
import { HOSTILE_TEXT } from '../fault/support/hostileText';
import { expectCspEnforced, launchBrowser, shotPath } from './support/browser';

const HALL_NAME = '<svg onload="window.__xss=1">市民中心</svg>';
let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  server = await startTestServer();
  const session = await login(server.url, 'admin', server.credentials.admin.password);
  const admin = await connectClient(server.url, { role: 'admin', sessionToken: session.token });
  const writes = [
    await emitAck(admin.socket, 'admin:hallUpdate', { name: HALL_NAME }),
    await emitAck(admin.socket, 'admin:serviceUpsert', {
      id: admin.snapshot.services.find((s) => s.code === 'A')!.id,
      code: 'A',
      nameZh: HOSTILE_TEXT.serviceZh,
      nameEn: HOSTILE_TEXT.serviceEn,
      category: 'exit_entry',
      typicalMinutes: 8,
    }),
    await emitAck(admin.socket, 'admin:noticeUpsert', { text: HOSTILE_TEXT.notice }),
    await emitAck(admin.socket, 'admin:staffCreate', {
      username: 'hostile',
      name: HOSTILE_TEXT.staffName,
      password: 'hostile-pass-1',
      role: 'staff',
    }),
  ];
  admin.close();
  for (const w of writes) if (!w.ok) throw new Error(w.error.code);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function openPage(
  path: string,
  csp: 'bypassed' | 'real' = 'bypassed',
): Promise<{ page: Page; dialogs: string[] }> {
  const page = await browser.newPage({
    bypassCSP: csp === 'bypassed',
    viewport: { width: 1920, height: 1080 },
    locale: 'zh-CN',
  });
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await page.goto(`${server.url}${path}`);
  return { page, dialogs };
}

/** Nothing ran, and none of the markup in the text became an element. */
async function expectInert(page: Page, dialogs: string[]): Promise<void> {
  expect(await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss)).toBeUndefined();
  expect(dialogs).toEqual([]);
  const injected = await page.evaluate(
    () =>
      document.querySelectorAll('img[src="x"], svg[onload], b[onmouseover], body script:not([src])').length,
  );
  expect(injected).toBe(0);
}

describe('hostile text on screens', () => {
  it('the wall display shows hall name, service names and notice literally', async () => {
    const { page, dialogs } = await openPage(
      `/display/?key=${encodeURIComponent(server.credentials.displayKey)}`,
    );
    await page.getByTestId('notices').waitFor();
    const text = await page.evaluate(() => document.body.innerText);
    for (const literal of [HALL_NAME, HOSTILE_TEXT.serviceZh, HOSTILE_TEXT.serviceEn, HOSTILE_TEXT.notice]) {
      expect(text).toContain(literal);
    }
    await page.screenshot({ path: shotPath('abuse-display') });
    await expectInert(page, dialogs);
    // The probe every other browser test relies on tells a bypassed CSP from the real one.
    await expect(expectCspEnforced(page)).rejects.toThrow('CSP not in force');
    await page.close();
  });

  it('with the real CSP in force, the wall display shows the same text and nothing runs', async () => {
    const { page, dialogs } = await openPage(
      `/display/?key=${encodeURIComponent(server.credentials.displayKey)}`,
      'real',
    );
    await page.getByTestId('notices').waitFor();
    await expectCspEnforced(page);
    expect(await page.evaluate(() => document.body.innerText)).toContain(HALL_NAME);
    await expectInert(page, dialogs);
    await page.close();
  });

  it('the kiosk shows the service names literally', async () => {
    const { page, dialogs } = await openPage(
      `/kiosk/?key=${encodeURIComponent(server.credentials.kioskKey)}`,
    );
    await page.waitForFunction((name) => document.body.innerText.includes(name), HOSTILE_TEXT.serviceZh, {
      timeout: 15_000,
    });
    const text = await page.evaluate(() => document.body.innerText);
    expect(text).toContain(HOSTILE_TEXT.serviceEn);
    await page.screenshot({ path: shotPath('abuse-kiosk') });
    await expectInert(page, dialogs);
    await page.close();
  });

  it('the staff console shows a script-looking staff name literally', async () => {
    const { page, dialogs } = await openPage('/console/login');
    await page.fill('input[name=username]', 'hostile');
    await page.fill('input[name=password]', 'hostile-pass-1');
    await page.click('button[type=submit]');
    await page.locator('.staff-name').waitFor();
    expect(await page.locator('.staff-name').innerText()).toContain(HOSTILE_TEXT.staffName);
    // Hovering where the fake <b> would be must not run its handler either.
    await page.locator('.staff-name').hover();
    await page.screenshot({ path: shotPath('abuse-console') });
    await expectInert(page, dialogs);
    await page.close();
  });
});

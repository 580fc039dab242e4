// The front desk (issue 15) and the closed hall (issue 14) in real Chromium against the real server:
// a desk account lands on the desk page, issues for a visitor with the kiosk's choices (service,
// green channel from a checked ID number, proxy with relationship) and prints on a chosen printer
// (a fake ESC/POS printer on 127.0.0.1 captures the ticket); when the printer fails the number is
// shown large to write down; the report counts both as issued at the desk. Outside opening hours
// the kiosk shows its closed screen (landscape and upright) and the desk says so. A caller books by
// phone at the desk (issue 17): from the desk page to 预约, a slot booked, the code to read out, the
// booking in the day's list masked, no import and no reveal. Axe at AAA on every screen;
// screenshots in /tmp/shots (desk-*, kiosk-closed-*).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { HallReport } from '@hall/shared/contracts/admin';
import type { DeviceWithKey } from '@hall/shared/contracts/admin';
import { checkCharacter } from '@hall/shared/idNumber';
import { decodeEscPos } from '@hall/printing/decodeEscPos';
import { startTestServer, TEST_PASSWORDS, type TestServer } from '../support/testServer';
import type { Appointment } from '@hall/shared/contracts/appointments';
import { connectClient, emitAck, login, type ConnectedClient } from '../support/clients';
import { data } from '../support/personalData';
import { adultId, at, hallClock, TUESDAY } from '../support/appointments';
import { startFakePrinter, type FakePrinter } from '../support/fakePrinter';
import { checkAxeAAA, describeViolations, launchBrowser, shotPath } from './support/browser';
import { expectDesignRules, measureScreen } from './support/screenRules';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function expectAccessible(page: Page, label: string): Promise<void> {
  const violations = await checkAxeAAA(page);
  expect(violations, `${label}:\n${describeViolations(violations)}`).toEqual([]);
}

async function signIn(page: Page, server: TestServer, username: string, password: string): Promise<void> {
  await page.goto(`${server.url}/console/login`);
  await page.waitForSelector('input[name=username]');
  await page.fill('input[name=username]', username);
  await page.fill('input[name=password]', password);
  await page.click('button[type=submit]');
}

/** A valid resident ID number of someone born on `birth` (the desk checks it in the page). */
function idNumberFor(birth: string): string {
  const first17 = `440902${birth.replaceAll('-', '')}321`;
  return first17 + checkCharacter(first17);
}

describe('front desk', () => {
  let server: TestServer;
  let admin: ConnectedClient;
  let good: FakePrinter;
  let broken: FakePrinter;
  let goodPrinter: string;
  let brokenPrinter: string;
  let page: Page;

  beforeAll(async () => {
    server = await startTestServer();
    good = await startFakePrinter();
    broken = await startFakePrinter({ status: 'paper_out' });
    const session = await login(server.url, 'admin', server.credentials.admin.password);
    admin = await connectClient(server.url, { role: 'admin', sessionToken: session.token });
    const add = async (name: string, printer: FakePrinter) => {
      const result = await emitAck<DeviceWithKey>(admin.socket, 'admin:deviceCreate', {
        kind: 'kiosk',
        name,
        printer: { interface: printer.url, widthColumns: 48 },
      });
      if (!result.ok) throw new Error(result.error.message);
      return `device:${result.data.device.id}`;
    };
    goodPrinter = await add('导办台打印机', good);
    brokenPrinter = await add('大厅 2 号打印机', broken);
    page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  });
  afterAll(async () => {
    admin?.close();
    await good?.close();
    await broken?.close();
    await server?.close();
  });

  it('a desk account lands on the desk page, which is accessible at AAA', async () => {
    await signIn(page, server, 'desk', TEST_PASSWORDS.desk);
    await page.waitForURL(/\/console\/desk$/);
    await page.locator('[data-test=desk-service-B]').waitFor();
    // Its header links to the desk and the appointments (booking by phone): no counter, no administration.
    const links = await page.locator('nav a').allInnerTexts();
    expect(links).toEqual(['导办台', '预约']);
    await expectAccessible(page, 'desk page');
    await page.screenshot({ path: shotPath('desk-empty-1366') });
  });

  it('issues with the kiosk’s choices, sends only the masked ID number, and prints on the chosen printer', async () => {
    await page.locator('[data-test=desk-service-B]').click();
    const id = idNumberFor('1948-05-06');
    await page.fill('[data-test=desk-id]', id);
    const hint = page.locator('[data-test=desk-id-hint]');
    await expect.poll(() => hint.innerText()).toContain('走老年人绿色通道');
    expect(await hint.innerText()).toContain(`4409**********${id.slice(-4)}`);
    await page.locator('[data-test=desk-proxy]').check();
    await page.selectOption('[data-test=desk-relation]', 'child');
    await page.selectOption('[data-test=desk-printer]', goodPrinter);
    await page.click('[data-test=desk-issue]');

    const number = page.locator('[data-test=desk-number]');
    await expect.poll(() => number.innerText()).toBe('B-L001');
    await page.locator('[data-test=desk-printed]').waitFor();
    expect(await page.locator('[data-test=desk-printed]').innerText()).toContain('导办台打印机');
    const size = await number.evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    expect(size).toBeGreaterThanOrEqual(96);
    await expectAccessible(page, 'desk after issuing');
    await page.screenshot({ path: shotPath('desk-issued-1366') });
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.screenshot({ path: shotPath('desk-issued-1920') });
    await page.setViewportSize({ width: 1366, height: 768 });

    // The ticket came out of the chosen printer, with its number and the proxy mark.
    await good.waitForConnections(1);
    const printed = decodeEscPos(good.received().at(-1)!);
    const text = printed.lines.map((l) => l.text).join('\n');
    expect(text).toContain('B-L001');
    expect(text).toContain('代办');
    // The server never saw the whole ID number: only its masked form is stored.
    const ticket = server.app.repos.tickets.findByNumber(1, server.app.queries.today(1), 'B-L001')!;
    expect(ticket).toMatchObject({ source: 'desk', proxy: true, proxyRelation: '子女' });
    expect(ticket.maskedIdNumber).toBe(`4409**********${id.slice(-4)}`);
  });

  it('when the printer fails, shows the number large to write down; the report counts desk tickets', async () => {
    await page.locator('[data-test=desk-service-A]').click();
    await page.locator('[data-test=desk-class-normal]').click();
    await page.selectOption('[data-test=desk-printer]', brokenPrinter);
    await page.click('[data-test=desk-issue]');
    const write = page.locator('[data-test=desk-write-down]');
    await write.waitFor();
    expect(await write.innerText()).toMatch(/大厅 2 号打印机没有打印出来.*请把号码写给群众/s);
    expect(await page.locator('[data-test=desk-number]').innerText()).toBe('A001');
    await expectAccessible(page, 'desk after a failed print');
    await page.screenshot({ path: shotPath('desk-print-failed-1366') });
    // The failed printer is marked so the next visitor's ticket goes elsewhere.
    await expect
      .poll(() => page.locator('[data-test=desk-printer] option').allInnerTexts())
      .toContain('大厅 2 号打印机（故障）');

    const today = server.app.queries.today(1);
    const report = await emitAck<HallReport>(admin.socket, 'admin:report', { from: today, to: today });
    expect(report.ok && report.data.issuedAtDesk).toBe(2);
  });
});

describe('outside opening hours', () => {
  let server: TestServer;
  // Friday 2026-12-04, 19:11 in the hall (the evening of issue 14).
  const now = Date.parse('2026-12-04T19:11:00+08:00');

  beforeAll(async () => {
    server = await startTestServer({
      clock: () => now,
      hours: { opens: '08:30', closes: '17:30' },
      schedule: { openWeekdays: [1, 2, 3, 4, 5], issueStopMinutes: 30 },
    });
  });
  afterAll(async () => {
    await server?.close();
  });

  for (const size of [
    { name: 'landscape', width: 1920, height: 1080 },
    { name: 'upright', width: 1080, height: 1920 },
  ]) {
    it(`the kiosk shows its closed screen with the next opening, in words and aloud (${size.name})`, async () => {
      const page = await browser.newPage({ viewport: { width: size.width, height: size.height } });
      await page.addInitScript(() => {
        (window as unknown as { __spoken: string[] }).__spoken = [];
        window.addEventListener('kiosk:voice', (e) =>
          (window as unknown as { __spoken: string[] }).__spoken.push(
            (e as CustomEvent<{ text: string }>).detail.text,
          ),
        );
      });
      await page.goto(`${server.url}/kiosk/?key=${encodeURIComponent(server.credentials.kioskKey)}`);
      const closed = page.getByTestId('screen-closed');
      await closed.waitFor();
      expect(await page.getByTestId('closed-reason').innerText()).toContain('今天的取号已于 17:00 结束');
      expect(await page.getByTestId('closed-next').innerText()).toContain('12月7日 星期一 08:30');
      expect(await page.getByTestId('closed-next').innerText()).toContain('Mon 7 Dec at 08:30');
      await expect
        .poll(() => page.evaluate(() => (window as unknown as { __spoken: string[] }).__spoken))
        .toContainEqual(expect.stringContaining('下次取号时间是'));
      expectDesignRules(await measureScreen(page), `closed ${size.name}`);
      await expectAccessible(page, `closed kiosk ${size.name}`);
      await page.screenshot({ path: shotPath(`kiosk-closed-${size.name}`) });
      await page.close();
    });
  }

  it('the desk says tickets are not issued now, and cannot issue', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    await signIn(page, server, 'desk', TEST_PASSWORDS.desk);
    await page.waitForURL(/\/console\/desk$/);
    const closed = page.locator('[data-test=desk-closed]');
    await closed.waitFor();
    expect(await closed.innerText()).toContain('12月7日 星期一 08:30');
    await page.locator('[data-test=desk-service-A]').click();
    expect(await page.locator('[data-test=desk-issue]').isDisabled()).toBe(true);
    await expectAccessible(page, 'desk while closed');
    await page.screenshot({ path: shotPath('desk-closed-1366') });
    await page.close();
  });
});

describe('booking by phone at the front desk (issue 17)', () => {
  let server: TestServer;
  let admin: ConnectedClient;
  // Tuesday 08:00 in the hall: the demo hall books service A from 09:00.
  const clock = hallClock(at('08:00'));

  beforeAll(async () => {
    server = await startTestServer({ clock: clock.now, rules: { staffIdleMinutes: 480 } });
    const session = await login(server.url, 'admin', server.credentials.admin.password);
    admin = await connectClient(server.url, { role: 'admin', sessionToken: session.token });
  });
  afterAll(async () => {
    admin?.close();
    await server?.close();
  });

  it('opens 预约 from the desk page, books a slot, reads the code out; the list shows it masked; cancels', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    await signIn(page, server, 'desk', TEST_PASSWORDS.desk);
    await page.waitForURL(/\/console\/desk$/);
    await page.click('[data-test=desk-to-appointments]');
    await page.waitForURL(/\/console\/admin\/appointments$/);
    await page.locator('[data-test=appt-table]').waitFor();
    // The desk books and cancels; the import and the reveal are the admin's.
    expect(await page.locator('[data-test=appt-import]').count()).toBe(0);
    expect(await page.locator('[data-test=appt-to-desk]').isVisible()).toBe(true);

    await page.click('[data-test=appt-book]');
    await page.fill('[data-test=book-name]', '欧阳桂兰');
    await page.fill('[data-test=book-phone]', '13655551234');
    const idNumber = adultId();
    await page.fill('[data-test=book-id]', idNumber);
    await page.selectOption('[data-test=book-service]', { label: 'A 出入境证件' });
    await expect.poll(() => page.locator('[data-test=book-slot] option').count()).toBeGreaterThan(5);
    await page.selectOption('[data-test=book-slot]', '10:00');
    await expectAccessible(page, 'desk book dialog');
    await page.click('[data-test=book-dialog] button.btn-primary');
    const code = (await page.locator('[data-test=book-code]').textContent())!.trim();
    expect(code).toMatch(/^\d{6}$/);
    await expectAccessible(page, 'desk booked');
    await page.screenshot({ path: shotPath('desk-booked-1366') });
    // Booked: the desk, too, gets only one way out, 关闭（Esc）.
    const buttons = page.locator('[data-test=book-dialog] .footer button');
    expect((await buttons.allTextContents()).map((s) => s.trim())).toEqual(['关闭（Esc）']);
    await page.keyboard.press('Escape');
    await page.locator('[data-test=book-dialog]').waitFor({ state: 'detached' });

    const row = page.locator(`[data-test=appt-row-${code}]`);
    await row.waitFor();
    const text = (await row.textContent())!;
    expect(text).toContain('欧**');
    expect(text).toContain('136****1234');
    expect(text).not.toContain('欧阳桂兰');
    expect(text).not.toContain(idNumber);
    expect(await page.locator(`[data-test=appt-reveal-${code}]`).count()).toBe(0);
    expect(await page.locator(`[data-test=appt-cancel-${code}]`).isVisible()).toBe(true);
    await expectAccessible(page, 'desk appointments list');
    await page.screenshot({ path: shotPath('desk-appointments-1366') });

    // The booking is the hall's: the admin sees it, booked at 10:00 by phone.
    const listed = data(await emitAck<Appointment[]>(admin.socket, 'appointment:list', { day: TUESDAY }));
    expect(listed.find((a) => a.code === code)).toMatchObject({
      status: 'booked',
      source: 'console',
      slotStart: at('10:00'),
    });

    // The caller rings back to cancel: the place is free again.
    await page.click(`[data-test=appt-cancel-${code}]`);
    await page.click('[data-test=appt-dialog] button.btn-primary');
    await expect.poll(() => row.locator('[data-test=appt-status-badge]').innerText()).toContain('已取消');
    const after = data(await emitAck<Appointment[]>(admin.socket, 'appointment:list', { day: TUESDAY }));
    expect(after.find((a) => a.code === code)?.status).toBe('cancelled');

    // And back to the desk.
    await page.click('[data-test=appt-to-desk]');
    await page.waitForURL(/\/console\/desk$/);
    await page.locator('[data-test=desk-service-A]').waitFor();
    await page.close();
  });
});

// Appointments end to end, in Chromium against the real server on a clock the test moves (a
// Tuesday): an admin issues an API key in Settings → API keys and sees the slots; an external
// system books over the API with that key; visitors check in at the kiosk by booking code and by
// ID card; the appointment ticket is called ahead of a waiting walk-in of its service at its slot
// time, but after the elderly ticket at the elderly window; too-early and too-late check-ins get
// the right words and voice. Booking by phone and a CSV list in the console. Every screen is checked
// with axe-core AAA, the kiosk's against the DESIGN §6 numbers in both orientations; screenshots
// go to $SHOTS_DIR (appointments-*).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { Appointment } from '@hall/shared/contracts/appointments';
import type { HallReport } from '@hall/shared/contracts/admin';
import type { IssuedTicket, TicketView } from '@hall/shared/contracts/entities';
import { startTestServer, type TestServer } from '../support/testServer';
import {
  connectClient,
  emitAck,
  login,
  newRequestId,
  type ConnectedClient,
  type KioskClient,
} from '../support/clients';
import { data } from '../support/personalData';
import { adultId, at, callApi, hallClock, seniorId, TUESDAY } from '../support/appointments';
import { checkAxeAAA, describeViolations, launchBrowser, shotPath } from './support/browser';
import { expectDesignRules, measureScreen } from './support/screenRules';

declare global {
  interface Window {
    __spoken?: string[];
    __checkInReading?: boolean[];
    __idListener?: (read: unknown) => void;
  }
}

const clock = hallClock(at('08:00'));
let server: TestServer;
let browser: Browser;
let kiosk: KioskClient;
let admin: ConnectedClient;
let apiKey = '';
let serviceA = 0;

const ADMIN_SIZES = [
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
];
const KIOSK_SIZES = [
  { width: 1920, height: 1080 },
  { width: 1080, height: 1920 },
];

async function expectAxeClean(page: Page, label: string): Promise<void> {
  const violations = await checkAxeAAA(page);
  expect(violations, `${label}:\n${describeViolations(violations)}`).toEqual([]);
}

async function signIn(page: Page): Promise<void> {
  await page.goto(`${server.url}/console/login`);
  await page.fill('input[name=username]', 'admin');
  await page.fill('input[name=password]', server.credentials.admin.password);
  await page.click('button[type=submit]');
  await page.waitForURL(/\/console\/(window|counter)$/);
}

async function adminShots(page: Page, name: string): Promise<void> {
  for (const size of [...ADMIN_SIZES].reverse()) {
    await page.setViewportSize(size);
    // Charts redraw for the new width after a resize: wait for the page to settle (or time out and fail below).
    await page
      .waitForFunction(() => document.documentElement.scrollWidth <= window.innerWidth, null, {
        timeout: 3000,
      })
      .catch(() => undefined);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, `${name} at ${size.width}px`).toBeLessThanOrEqual(0);
    await page.screenshot({
      path: shotPath(`appointments-${name}-${size.width}x${size.height}`),
      fullPage: true,
    });
  }
}

async function openKiosk(size = KIOSK_SIZES[0]!, electronHost = false): Promise<Page> {
  const page = await browser.newPage({ viewport: size });
  await page.addInitScript(
    ({ fakeHost, serverUrl, deviceKey }) => {
      window.__spoken = [];
      window.addEventListener('kiosk:voice', (e) =>
        window.__spoken!.push((e as CustomEvent<{ text: string }>).detail.text),
      );
      if (!fakeHost) return;
      // The Electron preload's window.kioskHost, faked: a card reader attached to the kiosk app.
      window.__checkInReading = [];
      window.kioskHost = {
        platform: { os: 'linux', arch: 'x64', electron: 'test', chrome: 'test' },
        getConfig: async () => ({
          serverUrl,
          deviceKey,
          role: 'kiosk',
          windowRole: 'kiosk',
          language: 'zh-CN',
          idleSeconds: 120,
          appVersion: 'test',
        }),
        print: async () => ({ ok: true }),
        onIdNumberRead: (listener) => {
          window.__idListener = listener as (read: unknown) => void;
          return () => undefined;
        },
        setCheckInReading: async (on) => {
          window.__checkInReading!.push(on);
        },
      };
    },
    { fakeHost: electronHost, serverUrl: server.url, deviceKey: server.credentials.kioskKey },
  );
  await page.goto(
    electronHost
      ? `${server.url}/kiosk/`
      : `${server.url}/kiosk/?key=${encodeURIComponent(server.credentials.kioskKey)}`,
  );
  await page.getByTestId('screen-idle').waitFor({ timeout: 15_000 });
  return page;
}

/** The words a visitor reads (word joiners that keep a time range on one line taken out). */
async function shownText(page: Page, testId: string): Promise<string> {
  return ((await page.getByTestId(testId).textContent()) ?? '').replaceAll('\u2060', '');
}

async function typeCode(page: Page, code: string): Promise<void> {
  await page.getByTestId('appointment').click();
  await page.getByTestId('screen-appointment').waitFor();
  for (const digit of code) await page.getByTestId(`code-key-${digit}`).click();
  await page.getByTestId('code-confirm').click();
}

/** A keyboard-wedge card reader "types" the 18 characters and Enter in one burst. */
async function swipeWedge(page: Page, idNumber: string): Promise<void> {
  await page.evaluate((number) => {
    for (const key of [...number, 'Enter']) window.dispatchEvent(new KeyboardEvent('keydown', { key }));
  }, idNumber);
}

async function bookOverApi(fields: Record<string, unknown>): Promise<Appointment> {
  const answer = await callApi<Appointment>(server.url, 'POST', '', apiKey, {
    personName: '林晓燕',
    phone: '13600009999',
    idNumber: adultId(),
    service: 'A',
    day: TUESDAY,
    starts: '09:00',
    ...fields,
  });
  expect(answer.status).toBe(201);
  return data(answer.result);
}

async function issueDirect(priorityClass = 'normal'): Promise<IssuedTicket> {
  return data(
    await emitAck<IssuedTicket>(kiosk.socket, 'ticket:issue', {
      requestId: newRequestId(),
      serviceId: serviceA,
      priorityClass,
    }),
  );
}

async function kioskScreen(page: Page, name: string, size: { width: number; height: number }): Promise<void> {
  await page.screenshot({ path: shotPath(`appointments-kiosk-${name}-${size.width}x${size.height}`) });
  expectDesignRules(await measureScreen(page), `${name} ${size.width}x${size.height}`);
  await expectAxeClean(page, `${name} ${size.width}x${size.height}`);
}

beforeAll(async () => {
  // The test moves the hall clock by hours: sessions stay open as long as the rules allow.
  server = await startTestServer({ clock: clock.now, rules: { staffIdleMinutes: 480 }, extraStaff: ['w1'] });
  browser = await launchBrowser();
  kiosk = await connectClient(server.url, { role: 'kiosk', deviceKey: server.credentials.kioskKey });
  const session = await login(server.url, 'admin', server.credentials.admin.password);
  admin = await connectClient(server.url, { role: 'admin', sessionToken: session.token });
  serviceA = kiosk.snapshot.services.find((s) => s.code === 'A')!.id;
});

afterAll(async () => {
  kiosk?.close();
  admin?.close();
  await browser?.close();
  await server?.close();
});

describe('the admin console', () => {
  it('issues an API key in Settings → API keys (shown once), revokes one, and shows the slots', async () => {
    const page = await browser.newPage({ viewport: ADMIN_SIZES[0] });
    await signIn(page);
    await page.goto(`${server.url}/console/admin/config?tab=apiKeys`);
    await page.locator('[data-test=api-keys-panel]').waitFor();
    await page.click('[data-test=api-key-add]');
    await page.fill('[data-test=api-key-name]', '省预约平台');
    expect(await page.isChecked('[data-test=api-key-scope-appointments]')).toBe(true);
    await adminShots(page, 'api-key-new');
    await page.click('[data-test=api-key-dialog] button.btn-primary');
    const secret = page.locator('[data-test=api-key-secret]');
    await secret.waitFor();
    apiKey = (await secret.textContent())!.trim();
    expect(apiKey).toMatch(/^hq_[A-Za-z0-9_-]{40,}$/);
    await expectAxeClean(page, 'api key shown');
    await adminShots(page, 'api-key-shown');
    await page.click('[data-test=api-key-shown] button:has-text("关闭")');
    // Once closed the key is never shown again: the list has its first characters only.
    const row = page.locator('[data-test^=api-key-]', { hasText: '省预约平台' }).first();
    await row.waitFor();
    expect(await page.locator('[data-test=api-keys-panel]').textContent()).not.toContain(apiKey);
    expect(await page.locator('[data-test=api-keys-panel]').textContent()).toContain(
      `${apiKey.slice(0, 9)}…`,
    );

    // A second key, revoked at once: the API refuses it from then on.
    await page.click('[data-test=api-key-add]');
    await page.fill('[data-test=api-key-name]', '试用系统');
    await page.click('[data-test=api-key-dialog] button.btn-primary');
    const spare = (await page.locator('[data-test=api-key-secret]').textContent())!.trim();
    await page.click('[data-test=api-key-shown] button:has-text("关闭")');
    expect((await callApi(server.url, 'GET', '/services', spare)).status).toBe(200);
    const spareRow = page.locator('tr', { hasText: '试用系统' });
    await spareRow.locator('button', { hasText: '停用' }).click();
    await page.click('[data-test=api-key-revoke-dialog] button.btn-primary');
    await spareRow.locator('[data-test=api-key-state]', { hasText: '已停用' }).waitFor();
    const refused = await callApi(server.url, 'GET', '/services', spare);
    expect(refused.status).toBe(401);
    expect(refused.result.ok === false && refused.result.error.zh).toBe('接口密钥无效或已停用');
    await expectAxeClean(page, 'api keys');
    await adminShots(page, 'api-keys');

    await page.goto(`${server.url}/console/admin/config?tab=appointments`);
    await page.locator('[data-test=appointment-schedules]').waitFor();
    await expect
      .poll(() => page.locator('[data-test=appointment-schedules]').textContent())
      .toContain('09:00–11:30');
    expect(await page.locator('[data-test=appointment-schedules]').textContent()).toContain(
      '周一、二、三、四、五',
    );
    await expectAxeClean(page, 'appointment slots');
    await adminShots(page, 'slots');
    await page.close();
  });

  it('books by phone (the code to read out) and imports a day’s list, all or nothing', async () => {
    const page = await browser.newPage({ viewport: ADMIN_SIZES[0] });
    await signIn(page);
    await page.goto(`${server.url}/console/admin/appointments`);
    await page.locator('[data-test=appt-table]').waitFor();
    await page.click('[data-test=appt-book]');
    await page.fill('[data-test=book-name]', '郑秀芬');
    await page.fill('[data-test=book-phone]', '13912340000');
    await page.fill('[data-test=book-id]', '440502199003151234');
    await page.locator('#book-id-error').waitFor();
    const idNumber = adultId();
    await page.fill('[data-test=book-id]', idNumber);
    await expect.poll(() => page.locator('[data-test=book-slot] option').count()).toBeGreaterThan(5);
    await page.selectOption('[data-test=book-slot]', '10:30');
    await expectAxeClean(page, 'book dialog');
    await adminShots(page, 'book');
    // Before booking: cancel (Esc) and book.
    const dialogButtons = page.locator('[data-test=book-dialog] .footer button');
    expect((await dialogButtons.allTextContents()).map((s) => s.trim())).toEqual(['取消（Esc）', '预约']);
    await page.click('[data-test=book-dialog] button.btn-primary');
    const code = (await page.locator('[data-test=book-code]').textContent())!.trim();
    expect(code).toMatch(/^\d{6}$/);
    // Booked: only one way out, 关闭（Esc）, and it has the focus.
    expect((await dialogButtons.allTextContents()).map((s) => s.trim())).toEqual(['关闭（Esc）']);
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.textContent?.trim() ?? null))
      .toBe('关闭（Esc）');
    await expectAxeClean(page, 'booked dialog');
    await adminShots(page, 'booked');
    await page.keyboard.press('Escape');
    await page.locator('[data-test=book-dialog]').waitFor({ state: 'detached' });
    const row = page.locator(`[data-test=appt-row-${code}]`);
    await row.waitFor();
    expect(await row.textContent()).toContain('郑**');
    expect(await row.textContent()).toContain('139****0000');
    expect(await row.textContent()).not.toContain(idNumber);

    // A list with one wrong line: nothing is imported, each wrong line named.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'appt-csv-'));
    const bad = path.join(dir, 'bad.csv');
    const good = path.join(dir, 'good.csv');
    const header = '姓名,电话,身份证号,业务,时间';
    fs.writeFileSync(
      bad,
      `\uFEFF${header}\r\n王一,13800000001,${adultId()},A,09:30\r\n李二,13800000002,12345,A,09:30\r\n`,
    );
    fs.writeFileSync(
      good,
      `${header}\n王一,13800000001,${adultId()},A,09:30\n李二,13800000002,${adultId()},出入境证件,10:00\n`,
    );
    await page.click('[data-test=appt-import]');
    await page.setInputFiles('[data-test=import-file]', bad);
    await page.click('[data-test=import-dialog] button.btn-primary');
    await page.locator('[data-test=import-errors]').waitFor();
    expect(await page.locator('[data-test=import-errors]').textContent()).toContain(
      '第 3 行：身份证号码无效',
    );
    await expectAxeClean(page, 'import errors');
    await adminShots(page, 'import-errors');
    await page.setInputFiles('[data-test=import-file]', good);
    await page.click('[data-test=import-check]');
    await page.locator('[data-test=import-result]', { hasText: '共 2 行，全部可以导入' }).waitFor();
    await page.click('[data-test=import-dialog] button.btn-primary');
    await page.locator('[data-test=import-result]', { hasText: '已导入 2 条预约' }).waitFor();
    // Imported: only one way out, 关闭（Esc）, and it has the focus.
    const importButtons = page.locator('[data-test=import-dialog] .footer button');
    expect((await importButtons.allTextContents()).map((s) => s.trim())).toEqual(['关闭（Esc）']);
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.textContent?.trim() ?? null))
      .toBe('关闭（Esc）');
    await page.keyboard.press('Escape');
    await page.locator('[data-test=import-dialog]').waitFor({ state: 'detached' });
    await expect.poll(() => page.locator('[data-test^=appt-row-]').count()).toBe(3);
    await expectAxeClean(page, 'appointments list');
    await adminShots(page, 'list');
    fs.rmSync(dir, { recursive: true, force: true });
    await page.close();
  });
});

describe('booked over the API, checked in at the kiosk, called at its slot time', () => {
  let byCode: Appointment;
  let byCard: Appointment;
  let early: Appointment;
  let late: Appointment;
  const cardId = adultId();
  let walkIn: IssuedTicket;
  let senior: IssuedTicket;
  let appointmentTicket: TicketView;

  it('an external system books four visitors with the key from the console', async () => {
    expect(apiKey).not.toBe('');
    byCode = await bookOverApi({ personName: '陈建华', starts: '09:00' });
    byCard = await bookOverApi({ personName: '黄丽', starts: '09:30', idNumber: cardId });
    early = await bookOverApi({ personName: '吴强', starts: '14:00' });
    late = await bookOverApi({ personName: '周敏', starts: '09:00' });
    for (const a of [byCode, byCard, early, late])
      expect(a).toMatchObject({ status: 'booked', source: 'api' });
  });

  it('by booking code on the large keys: an A-Y ticket with its slot, printed and spoken', async () => {
    clock.set(at('08:40'));
    walkIn = await issueDirect('normal'); // came before the booked visitor checked in
    senior = await issueDirect('elderly');
    const page = await openKiosk();
    await page.getByTestId('appointment').click();
    await page.getByTestId('screen-appointment').waitFor();
    await kioskScreen(page, 'check-in', KIOSK_SIZES[0]!);
    for (const digit of byCode.code) await page.getByTestId(`code-key-${digit}`).click();
    await page.getByTestId('code-confirm').click();
    await page.getByTestId('screen-result').waitFor();
    const number = (await page.getByTestId('ticket-number').textContent())!.trim();
    expect(number).toMatch(/^A-Y\d{3}$/);
    expect(await page.getByTestId('appointment-mark').textContent()).toContain('预约 09:00–09:30');
    await page.getByTestId('print-status').getByText('号票在服务台打印').waitFor();
    const printed = fs
      .readdirSync(path.join(server.dataDir, 'printer'))
      .filter((f) => f.startsWith(number) && f.endsWith('.txt'));
    expect(fs.readFileSync(path.join(server.dataDir, 'printer', printed[0]!), 'utf8')).toContain(
      '预约 09:00–09:30',
    );
    await kioskScreen(page, 'result', KIOSK_SIZES[0]!);
    const spoken = await page.evaluate(() => window.__spoken ?? []);
    expect(spoken).toContain('请刷身份证，或按数字键输入预约码，输完后点签到。');
    expect(spoken.some((line) => line.startsWith('您的号码是 A Y'))).toBe(true);
    const stored = await staffView(number);
    expect(stored).toMatchObject({
      source: 'appointment',
      slotStart: byCode.slotStart,
      priorityClass: 'normal',
    });
    appointmentTicket = stored!;
    await page.close();
  });

  it('a wrong code is told in words; by ID card (a keyboard-wedge reader) the booking is found', async () => {
    clock.set(at('09:05'));
    const page = await openKiosk();
    await typeCode(page, '000001');
    await page.getByTestId('appointment-problem').getByText('没有找到预约').waitFor();
    await expect
      .poll(() => page.evaluate(() => window.__spoken ?? []))
      .toContain('没有找到您的预约，请核对后重新输入，或到服务台。');
    await kioskScreen(page, 'not-found', KIOSK_SIZES[0]!);
    await swipeWedge(page, cardId);
    await page.getByTestId('screen-result').waitFor();
    expect((await page.getByTestId('ticket-number').textContent())!.trim()).toMatch(/^A-Y\d{3}$/);
    expect(await page.getByTestId('appointment-mark').textContent()).toContain('09:30–10:00');
    await page.close();
  });

  it('too early: told when to come back, in words and voice, and no ticket is made', async () => {
    clock.set(at('09:10'));
    const page = await openKiosk();
    await typeCode(page, early.code);
    await page.getByTestId('screen-appointment-early').waitFor();
    expect(await page.getByTestId('outcome-title').textContent()).toContain('您来早了');
    expect(await shownText(page, 'outcome-slot')).toContain('今天 14:00–14:30');
    expect(await page.getByTestId('outcome-come-back').textContent()).toContain('请在 13:30 以后来签到');
    await expect
      .poll(() => page.evaluate(() => window.__spoken ?? []))
      .toContain('您来早了。请在 13点30分 以后再来签到。');
    await kioskScreen(page, 'early', KIOSK_SIZES[0]!);
    await page.getByTestId('back').click();
    await page.getByTestId('screen-idle').waitFor();
    await page.close();
  });

  it('at its slot time the appointment is called ahead of the waiting walk-in, after the elderly ticket at the elderly window', async () => {
    // 08:50: before the slot the walk-in who came first is first at an ordinary window.
    const staffSession = await login(server.url, 'w1', 'w1-pass');
    const staff = await connectClient(server.url, { role: 'staff', sessionToken: staffSession.token });
    try {
      // The staff console shows the waiting order with the slot and the reason.
      const counterPage = await browser.newPage({ viewport: ADMIN_SIZES[1] });
      await counterPage.goto(`${server.url}/console/login`);
      await counterPage.fill('input[name=username]', 'w1');
      await counterPage.fill('input[name=password]', 'w1-pass');
      await counterPage.click('button[type=submit]');
      await counterPage.waitForURL(/\/console\/window$/);
      await counterPage.click('[data-test=claim-1]');
      await counterPage.waitForURL(/\/console\/counter$/);
      const waitingRow = (number: string) => counterPage.locator(`[data-test=waiting-${number}]`);
      await waitingRow(appointmentTicket.number).waitFor();
      expect(
        await waitingRow(appointmentTicket.number).locator('[data-test=waiting-slot]').textContent(),
      ).toContain('预约 09:00–09:30');
      // It is 09:10: the booked visitor's slot has begun.
      const order = await counterPage
        .locator('[data-test=waiting-list] li')
        .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-test')));
      expect(order.slice(0, 3)).toEqual([
        `waiting-${senior.ticket.number}`,
        `waiting-${appointmentTicket.number}`,
        expect.stringMatching(/^waiting-A/),
      ]);
      expect(order.indexOf(`waiting-${appointmentTicket.number}`)).toBeLessThan(
        order.indexOf(`waiting-${walkIn.ticket.number}`),
      );
      expect(await waitingRow(appointmentTicket.number).textContent()).toContain('预约时间已到');
      await counterPage.screenshot({ path: shotPath('appointments-counter-waiting-1920x1080') });
      await expectAxeClean(counterPage, 'counter waiting list');
      await counterPage.close();

      // The elderly window calls: the elderly ticket, then the appointment, then the walk-in.
      data(await emitAck(staff.socket, 'window:claim', { windowId: server.windowId(1) }));
      data(await emitAck(staff.socket, 'window:open'));
      const called: string[] = [];
      for (let i = 0; i < 3; i += 1) {
        const ticket = data(await emitAck<TicketView>(staff.socket, 'counter:callNext'));
        called.push(ticket.number);
        data(await emitAck(staff.socket, 'counter:start', { ticketId: ticket.id }));
        data(await emitAck(staff.socket, 'counter:finish', { ticketId: ticket.id }));
      }
      // The card check-in (09:30 slot) is not due yet at 09:10: the walk-in comes before it.
      expect(called).toEqual([senior.ticket.number, appointmentTicket.number, walkIn.ticket.number]);
    } finally {
      staff.close();
    }
  });

  it('too late: the check-in window has closed; one tap gives a normal ticket for the booked service', async () => {
    clock.set(at('09:20'));
    const page = await openKiosk();
    await typeCode(page, late.code);
    await page.getByTestId('screen-appointment-late').waitFor();
    expect(await page.getByTestId('outcome-title').textContent()).toContain('预约时间已过');
    expect(await shownText(page, 'outcome-slot')).toContain('今天 09:00–09:30，签到已在 09:15 截止');
    await expect
      .poll(() => page.evaluate(() => window.__spoken ?? []))
      .toContain('您的预约时间已过。可以点下面的按钮，改取普通号。');
    await kioskScreen(page, 'late', KIOSK_SIZES[0]!);
    await page.getByTestId('outcome-normal-ticket').click();
    await page.getByTestId('screen-result').waitFor();
    expect((await page.getByTestId('ticket-number').textContent())!.trim()).toMatch(/^A\d{3}$/);
    expect(await page.getByTestId('appointment-mark').count()).toBe(0);
    const list = data(await emitAck<Appointment[]>(admin.socket, 'appointment:list', { day: TUESDAY }));
    expect(list.find((a) => a.id === late.id)?.status).toBe('missed');
    await page.close();
  });
});

describe('upright, and the kiosk app with its card reader', () => {
  it('the check-in, early and late screens keep the elderly screen rules at 1080×1920', async () => {
    clock.set(at('08:00'));
    const size = KIOSK_SIZES[1]!;
    const tomorrow = await bookOverApi({ day: '2026-12-02', starts: '09:00' });
    const page = await openKiosk(size);
    await kioskScreen(page, 'idle', size);
    await page.getByTestId('appointment').click();
    await page.getByTestId('screen-appointment').waitFor();
    await kioskScreen(page, 'check-in', size);
    for (const digit of tomorrow.code) await page.getByTestId(`code-key-${digit}`).click();
    await page.getByTestId('code-confirm').click();
    await page.getByTestId('screen-appointment-early').waitFor();
    expect(await shownText(page, 'outcome-slot')).toContain('12月2日 09:00–09:30');
    expect(await page.getByTestId('outcome-come-back').textContent()).toContain(
      '请在预约当天 08:30 以后来签到',
    );
    await kioskScreen(page, 'early-other-day', size);
    await page.close();
  });

  it('a 60+ visitor early for tomorrow is offered the green channel; with a booking today, a green-channel ticket', async () => {
    clock.set(at('08:00'));
    const seniorTomorrow = await bookOverApi({ day: '2026-12-02', starts: '09:00', idNumber: seniorId() });
    const page = await openKiosk(KIOSK_SIZES[0]);
    await typeCode(page, seniorTomorrow.code);
    await page.getByTestId('screen-appointment-early').waitFor();
    expect(await page.getByTestId('outcome-elderly').textContent()).toContain('不用预约');
    await kioskScreen(page, 'early-elderly', KIOSK_SIZES[0]!);
    await page.getByTestId('outcome-elderly-channel').click();
    await page.getByTestId('screen-choose').waitFor();
    await page.close();
  });

  it('in the kiosk app, card numbers reach the page only while the check-in screen shows', async () => {
    clock.set(at('08:00'));
    const idNumber = seniorId();
    const booked = await bookOverApi({ starts: '16:00', idNumber });
    const page = await openKiosk(KIOSK_SIZES[0], true);
    await page.getByTestId('appointment').click();
    await page.getByTestId('screen-appointment').waitFor();
    await expect.poll(() => page.evaluate(() => window.__checkInReading ?? [])).toEqual([true]);
    await page.evaluate(
      (number) =>
        window.__idListener!({ valid: true, masked: '4405**********0000', birthDate: '1954-06-20', number }),
      idNumber,
    );
    await page.getByTestId('screen-result').waitFor();
    // 60+ with a booking: the green channel, and the slot on the ticket.
    expect((await page.getByTestId('ticket-number').textContent())!.trim()).toMatch(/^A-L\d{3}$/);
    expect(await page.getByTestId('priority-mark').textContent()).toContain('老年人优先');
    expect(await page.getByTestId('appointment-mark').textContent()).toContain('16:00–16:30');
    await expect.poll(() => page.evaluate(() => window.__checkInReading ?? [])).toEqual([true, false]);
    const list = data(await emitAck<Appointment[]>(admin.socket, 'appointment:list', { day: TUESDAY }));
    expect(list.find((a) => a.id === booked.id)?.status).toBe('checked_in');
    await kioskScreen(page, 'result-elderly', KIOSK_SIZES[0]!);
    await page.close();
  });

  it("the ticket's status page on a phone shows the booked slot", async () => {
    clock.set(at('10:40'));
    const booked = await bookOverApi({ starts: '11:00' });
    const checkedIn = data(
      await emitAck<{ outcome: string; issued: IssuedTicket }>(kiosk.socket, 'appointment:checkIn', {
        requestId: newRequestId(),
        code: booked.code,
      }),
    );
    expect(checkedIn.outcome).toBe('issued');
    const phone = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await phone.goto(`${server.url}${checkedIn.issued.statusPath}`);
    await phone.getByTestId('status-slot').waitFor();
    expect(await phone.getByTestId('status-slot').textContent()).toContain('预约时段 11:00–11:30');
    await phone.screenshot({ path: shotPath('appointments-status-390x844') });
    await expectAxeClean(phone, 'status page');
    await phone.close();
  });
});

describe('reports', () => {
  it('the reports page shows bookings, check-ins, missed, and the waits of appointments and walk-ins', async () => {
    clock.set(at('17:00'));
    const session = await login(server.url, 'admin', server.credentials.admin.password);
    const reader = await connectClient(server.url, { role: 'admin', sessionToken: session.token });
    const expected = data(
      await emitAck<HallReport>(reader.socket, 'admin:report', { from: TUESDAY, to: TUESDAY }),
    ).appointments;
    reader.close();
    expect(expected.booked).toBeGreaterThanOrEqual(8);
    expect(expected.checkedIn).toBeGreaterThanOrEqual(4);
    expect(expected.missed).toBe(1);
    expect(expected.appointmentWait.count).toBeGreaterThan(0);
    const page = await browser.newPage({ viewport: ADMIN_SIZES[0] });
    await signIn(page);
    await page.goto(`${server.url}/console/admin/reports`);
    await page.fill('[data-test=report-from]', TUESDAY);
    await page.fill('[data-test=report-to]', TUESDAY);
    await page.click('[data-test=report-run]');
    const section = page.locator('[data-test=appointment-report]');
    await section.waitFor();
    expect(await section.locator('[data-test=appointments-booked] dd').textContent()).toBe(
      String(expected.booked),
    );
    expect(await section.locator('[data-test=appointments-checkedIn] dd').textContent()).toBe(
      String(expected.checkedIn),
    );
    expect(await section.locator('[data-test=appointments-missed] dd').textContent()).toBe('1');
    await section.scrollIntoViewIfNeeded();
    await expectAxeClean(page, 'reports with appointments');
    await adminShots(page, 'report');
    await page.close();
  });
});

async function staffView(number: string): Promise<TicketView | undefined> {
  const staffSession = await login(server.url, 'staff', server.credentials.staff.password);
  const staff = await connectClient(server.url, { role: 'staff', sessionToken: staffSession.token });
  try {
    return staff.snapshot.activeTickets.find((t) => t.number === number);
  } finally {
    staff.close();
  }
}

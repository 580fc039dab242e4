// The window evaluator pad (评价器) in Chromium against the real server: a ticket finished at
// window 1 makes window 1's pad ask (and no other pad); a tap on 非常满意 is recorded; 不满意 asks for
// a reason in one more tap and opens a case; a phone that tries after the pad is refused in words;
// an unanswered question is recorded as 未评价 after the (shortened) timeout. Each screen passes
// axe-core at AAA and the elderly measurements at 1280×800 (landscape) and 800×1280 (upright).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import type { Browser, Page } from 'playwright-core';
import type { DeviceWithKey } from '@hall/shared/contracts/admin';
import type { IssuedTicket, TicketView } from '@hall/shared/contracts/entities';
import type { RatingCase } from '@hall/shared/contracts/ratings';
import { startTestServer, type TestServer } from '../support/testServer';
import {
  connectClient,
  emitAck,
  login,
  newRequestId,
  staffAtWindow,
  type ConnectedClient,
  type KioskClient,
} from '../support/clients';
import { checkAxeAAA, describeViolations, launchBrowser, shotPath } from './support/browser';
import { expectDesignRules, measureScreen } from './support/screenRules';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

interface Hall {
  server: TestServer;
  admin: ConnectedClient;
  kiosk: KioskClient;
  staff: Map<number, ConnectedClient>;
  close(): Promise<void>;
}

async function openHall(evaluatorTimeoutMs?: number): Promise<Hall> {
  const server = await startTestServer({ extraStaff: ['li'], evaluatorTimeoutMs });
  const session = await login(server.url, 'admin', server.credentials.admin.password);
  const admin = await connectClient(server.url, { role: 'admin', sessionToken: session.token });
  const kiosk = await connectClient(server.url, { role: 'kiosk', deviceKey: server.credentials.kioskKey });
  const staff = new Map<number, ConnectedClient>([
    [1, await staffAtWindow(server.url, 'staff', server.credentials.staff.password, server.windowId(1))],
    [2, await staffAtWindow(server.url, 'li', 'li-pass', server.windowId(2))],
  ]);
  return {
    server,
    admin,
    kiosk,
    staff,
    async close() {
      for (const c of [admin, kiosk, ...staff.values()]) c.close();
      await server.close();
    },
  };
}

async function padKey(hall: Hall, windowNumber: number): Promise<string> {
  const created = await emitAck<DeviceWithKey>(hall.admin.socket, 'admin:deviceCreate', {
    kind: 'evaluator',
    name: `${windowNumber} 号窗口评价器`,
    windowId: hall.server.windowId(windowNumber),
  });
  if (!created.ok) throw new Error(created.error.code);
  return created.data.key;
}

async function openPad(hall: Hall, windowNumber: number, size: { width: number; height: number }) {
  const key = await padKey(hall, windowNumber);
  const page = await browser.newPage({ viewport: size, hasTouch: true });
  await page.goto(`${hall.server.url}/display/evaluator?key=${key}`);
  await page.getByTestId('evaluator-idle').waitFor();
  await page.waitForFunction(() => document.documentElement.dataset.voice === 'ready');
  return page;
}

/** Issues a ticket and serves it to the end at that window; returns the ticket and its status path. */
async function serveAt(hall: Hall, windowNumber: number) {
  const issued = await emitAck<IssuedTicket>(hall.kiosk.socket, 'ticket:issue', {
    requestId: newRequestId(),
    serviceId: hall.kiosk.snapshot.services[0]!.id,
  });
  if (!issued.ok) throw new Error(issued.error.code);
  const staff = hall.staff.get(windowNumber)!;
  const called = await emitAck<TicketView>(staff.socket, 'counter:callSpecific', {
    number: issued.data.ticket.number,
  });
  if (!called.ok) throw new Error(called.error.code);
  await emitAck(staff.socket, 'counter:start', { ticketId: called.data.id });
  const done = await emitAck<TicketView>(staff.socket, 'counter:finish', { ticketId: called.data.id });
  if (!done.ok) throw new Error(done.error.code);
  return { ticket: done.data, statusPath: issued.data.statusPath };
}

function ratings(server: TestServer) {
  const db = new Database(server.dbFile, { readonly: true });
  try {
    return db.prepare('SELECT ticket_id, channel, level, reasons_json FROM ratings ORDER BY id').all() as {
      ticket_id: number;
      channel: string;
      level: string | null;
      reasons_json: string;
    }[];
  } finally {
    db.close();
  }
}

async function checkScreen(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: shotPath(name) });
  const violations = await checkAxeAAA(page);
  expect(violations, describeViolations(violations)).toEqual([]);
  expectDesignRules(await measureScreen(page), name);
}

/** What the pad page logs for tests (display/src/voice/evaluatorVoice.ts, stores/evaluator.ts). */
type PadWindow = Window & { __evaluatorVoice?: string[]; __evaluatorAsked?: string[] };

const voiceLog = (page: Page) => page.evaluate(() => (window as PadWindow).__evaluatorVoice ?? []);

describe('evaluator pads at two windows', () => {
  let hall: Hall;
  let landscape: Page;
  let upright: Page;
  beforeAll(async () => {
    hall = await openHall();
    // Window 1's officer has a badge number: the pad shows it under the name.
    const staffList = await emitAck<{ id: number; username: string }[]>(hall.admin.socket, 'admin:staffList');
    const officer = staffList.ok ? staffList.data.find((s) => s.username === 'staff')! : null;
    const badged = await emitAck(hall.admin.socket, 'admin:staffUpdate', {
      id: officer!.id,
      badgeNumber: '440902',
    });
    expect(badged.ok).toBe(true);
    landscape = await openPad(hall, 1, { width: 1280, height: 800 });
    upright = await openPad(hall, 2, { width: 800, height: 1280 });
    // The hall adds Cantonese after the pads connected: the next question is spoken in both.
    const languages = await emitAck(hall.admin.socket, 'admin:hallUpdate', {
      voiceLanguages: ['cmn', 'yue'],
    });
    expect(languages.ok).toBe(true);
  });
  afterAll(async () => {
    await hall?.close();
  });

  it('idle, each pad shows its window and officer', async () => {
    await expect.poll(() => landscape.getByTestId('evaluator-officer').innerText()).toBe('窗口民警');
    expect(await landscape.getByTestId('evaluator-window').innerText()).toContain('1 号窗口');
    expect(await landscape.getByTestId('evaluator-badge').innerText()).toContain('警号 440902');
    await expect.poll(() => upright.getByTestId('evaluator-officer').innerText()).toBe('li');
    await checkScreen(landscape, 'evaluator-idle-1280x800');
    await checkScreen(upright, 'evaluator-idle-800x1280');
  });

  it("window 1 finishes: window 1's pad (and no other) asks, speaks, and records 非常满意", async () => {
    const first = await serveAt(hall, 1);
    await landscape.getByTestId('evaluator-ask').waitFor();
    expect(await landscape.getByTestId('evaluator-number').innerText()).toContain(first.ticket.number);
    // Mandarin, then (once its clip has played) Cantonese.
    await expect
      .poll(() => voiceLog(landscape), { timeout: 15_000 })
      .toEqual(['cmn/eval_prompt', 'yue/eval_prompt']);
    await checkScreen(landscape, 'evaluator-ask-1280x800');

    // Sentinel: window 2 finishes next; its pad's only question is about its own visitor.
    const second = await serveAt(hall, 2);
    await upright.getByTestId('evaluator-ask').waitFor();
    expect(await upright.evaluate(() => (window as PadWindow).__evaluatorAsked)).toEqual([
      second.ticket.number,
    ]);
    expect(await landscape.evaluate(() => (window as PadWindow).__evaluatorAsked)).toEqual([
      first.ticket.number,
    ]);
    await checkScreen(upright, 'evaluator-ask-800x1280');

    // The visitor at window 1 opened their ticket's page on the phone meanwhile: it offers a rating.
    const phone = await browser.newPage({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
    });
    await phone.goto(`${hall.server.url}${first.statusPath}`);
    await phone.getByTestId('phone-rate-satisfied').waitFor();
    await phone.screenshot({ path: shotPath('status-rating-open-390'), fullPage: true });
    const openViolations = await checkAxeAAA(phone);
    expect(openViolations, describeViolations(openViolations)).toEqual([]);

    await landscape.getByTestId('rate-very_satisfied').click();
    await landscape.getByTestId('evaluator-thanks').waitFor();
    await expect.poll(() => voiceLog(landscape)).toContain('cmn/eval_thanks');
    await checkScreen(landscape, 'evaluator-thanks-1280x800');
    expect(ratings(hall.server)).toEqual([
      { ticket_id: first.ticket.id, channel: 'pad', level: 'very_satisfied', reasons_json: '[]' },
    ]);

    // A second rating, by phone after the pad: refused, in words, and the pad's rating stands.
    await phone.getByTestId('phone-rate-satisfied').click();
    await phone.getByTestId('rating-refused').waitFor();
    expect(await phone.getByTestId('rating-refused').innerText()).toContain('已经评价过了');
    await phone.getByTestId('rating-given').waitFor();
    expect(await phone.getByTestId('rating-given').innerText()).toContain('非常满意');
    await phone.screenshot({ path: shotPath('status-rating-refused-390') });
    const phoneViolations = await checkAxeAAA(phone);
    expect(phoneViolations, describeViolations(phoneViolations)).toEqual([]);
    await phone.close();
    expect(ratings(hall.server)).toHaveLength(1);
    await landscape.getByTestId('evaluator-idle').waitFor();
  });

  it('不满意 asks for a reason in one more tap, then opens a 差评 case', async () => {
    await upright.getByTestId('rate-dissatisfied').click();
    await upright.getByTestId('evaluator-reason').waitFor();
    await expect.poll(() => voiceLog(upright)).toContain('cmn/eval_reason_prompt');
    await checkScreen(upright, 'evaluator-reason-800x1280');
    await upright.getByTestId('reason-waiting').click();
    await upright.getByTestId('evaluator-thanks').waitFor();
    // A 差评 is thanked with a promise to look into it, not with a smile.
    expect(await upright.getByTestId('evaluator-thanks').innerText()).toContain('认真核实');
    await checkScreen(upright, 'evaluator-thanks-800x1280');
    const rows = ratings(hall.server);
    expect(rows.at(-1)).toMatchObject({ channel: 'pad', level: 'dissatisfied', reasons_json: '["waiting"]' });
    const cases = await emitAck<RatingCase[]>(hall.admin.socket, 'ratingCase:list', {});
    expect(cases.ok && cases.data.map((c) => [c.status, c.windowNumber, c.rating.reasons])).toEqual([
      ['open', 2, ['waiting']],
    ]);

    // The reason screen at landscape too.
    await serveAt(hall, 1);
    await landscape.getByTestId('evaluator-ask').waitFor();
    await landscape.getByTestId('rate-very_dissatisfied').click();
    await landscape.getByTestId('evaluator-reason').waitFor();
    await checkScreen(landscape, 'evaluator-reason-1280x800');
    await landscape.getByTestId('reason-attitude').click();
    await landscape.getByTestId('evaluator-thanks').waitFor();
  });
});

describe('an unanswered question', () => {
  it('is recorded as 未评价 after the timeout (never as a good rating), and the pad goes idle', async () => {
    // The product never waits less than 60 s (evaluationTimeoutSeconds ≥ 60); the test shortens it.
    const hall = await openHall(1_500);
    try {
      const page = await openPad(hall, 1, { width: 1280, height: 800 });
      const { ticket } = await serveAt(hall, 1);
      await page.getByTestId('evaluator-ask').waitFor();
      await page.getByTestId('evaluator-idle').waitFor({ timeout: 10_000 });
      await expect
        .poll(() => ratings(hall.server))
        .toEqual([{ ticket_id: ticket.id, channel: 'pad', level: null, reasons_json: '[]' }]);
      await page.close();
    } finally {
      await hall.close();
    }
  });
});

describe('the supervisor in the admin console', () => {
  it('binds a pad to a window, answers the 差评 case in order, and reads satisfaction in the report', async () => {
    const hall = await openHall();
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
    try {
      const page = await context.newPage();
      await page.goto(`${hall.server.url}/console/login`);
      await page.fill('input[name=username]', 'admin');
      await page.fill('input[name=password]', hall.server.credentials.admin.password);
      await page.click('button[type=submit]');
      await page.waitForURL(/\/console\/(window|counter)$/);

      // Devices: a new window evaluator needs its window; the key is shown once.
      await page.goto(`${hall.server.url}/console/admin/config?tab=devices`);
      await page.click('[data-test="device-add"]');
      await page.selectOption('[data-test="device-kind"]', 'evaluator');
      await page.fill('[data-test="device-name"]', '1 号窗口评价器');
      await page.selectOption('[data-test="device-window-select"]', String(hall.server.windowId(1)));
      await page.screenshot({ path: shotPath('admin-evaluator-device-1366x768') });
      await page.click('[data-test="device-dialog"] [data-test="dialog-confirm"]');
      const key = await page.locator('[data-test="device-key"]').innerText();
      await page.click('[data-test="key-dialog"] [data-test="dialog-cancel"]');
      await expect
        .poll(() => page.locator('[data-test="device-window"]').first().innerText())
        .toBe('1 号窗口');

      // That pad asks window 1's visitor, who is not satisfied.
      const pad = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      await pad.goto(`${hall.server.url}/display/evaluator?key=${key}`);
      await pad.getByTestId('evaluator-idle').waitFor();
      await serveAt(hall, 1);
      await pad.getByTestId('rate-very_dissatisfied').click();
      await pad.getByTestId('reason-efficiency').click();
      await pad.getByTestId('evaluator-thanks').waitFor();
      await pad.close();

      // The case: 核实 first (the other steps wait their turn), recorded in words and audited.
      await page.goto(`${hall.server.url}/console/admin/rating-cases`);
      const row = page.locator('[data-test^="case-"][data-test$="1"]').first();
      await row.locator('[data-test="case-status"]').waitFor();
      expect(await row.locator('[data-test="case-status"]').innerText()).toContain('待核实');
      await page.screenshot({ path: shotPath('admin-rating-cases-1366x768'), fullPage: true });
      const violations = await checkAxeAAA(page);
      expect(violations, describeViolations(violations)).toEqual([]);
      await row.locator('button').click();
      await page.fill('[data-test="case-step-text"]', '调阅录像，当时系统故障导致办理变慢');
      await page.click('[data-test="case-step-dialog"] [data-test="dialog-confirm"]');
      await expect.poll(() => row.locator('[data-test="case-status"]').innerText()).toContain('已核实');
      expect(await row.innerText()).toContain('调阅录像');
      const audit = await emitAck<{ action: string }[]>(hall.admin.socket, 'admin:audit');
      expect(audit.ok && audit.data.some((e) => e.action === 'ratingCase.verify')).toBe(true);

      // The report's satisfaction section: 1 rated, 0 % satisfied, the case open.
      await page.goto(`${hall.server.url}/console/admin/reports`);
      await page.locator('[data-test="report-run"]:not([disabled])').waitFor();
      await page.click('[data-test="report-run"]');
      const all = page.locator('[data-test="satisfaction-visitors-all"]');
      await all.waitFor();
      expect(await all.locator('[data-test="satisfaction-rate"]').innerText()).toBe('0%');
      await page.locator('[data-test="satisfaction-report"]').screenshot({
        path: shotPath('admin-report-satisfaction-1366x768'),
      });
      const reportViolations = await checkAxeAAA(page);
      expect(reportViolations, describeViolations(reportViolations)).toEqual([]);
    } finally {
      await context.close();
      await hall.close();
    }
  });
});

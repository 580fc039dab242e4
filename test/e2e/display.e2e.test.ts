// The wall display and a window display in Chromium against the real server: calls appear and are
// spoken with the right clips in order, a server restart shows the banner and resyncs without
// losing or repeating a call, the pages pass axe-core at AAA, and screenshots at the hall's
// screen sizes are saved to /tmp/shots for people to look at.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { IssuedTicket, TicketView } from '@hall/shared/contracts/entities';
import { startTestServer, type TestServer } from '../support/testServer';
import {
  connectClient,
  emitAck,
  login,
  newRequestId,
  staffAtWindow,
  type ConnectedClient,
} from '../support/clients';
import { checkAxeAAA, describeViolations, launchBrowser, shotPath } from './support/browser';
import { expectEnglishReadable } from './support/bilingualRules';
import { clipSequence as callClips } from '@hall/shared/voice/callClips';

/** A call's clips as the display logs them, from the Mandarin pack (the hall's only language here). */
const clipSequence = (number: string, windowNumber: number): string[] =>
  callClips(number, windowNumber).map((clip) => `cmn/${clip}`);

// What the display page exposes with ?voicelog (see display/src/composables/useHallVoice.ts).
declare global {
  interface Window {
    __voiceLog?: string[];
    __voiceFailures?: string[];
    __voiceEnded?: string[];
  }
}

let server: TestServer;
let browser: Browser;
let kiosk: ConnectedClient;
let staff3: ConnectedClient;
let staff4: ConnectedClient;

const serviceId = (code: string): number => kiosk.snapshot.services.find((s) => s.code === code)!.id;
const windowId = (n: number): number => kiosk.snapshot.windows.find((w) => w.number === n)!.id;

async function issue(code: string, priorityClass = 'normal'): Promise<IssuedTicket> {
  const result = await emitAck<IssuedTicket>(kiosk.socket, 'ticket:issue', {
    requestId: newRequestId(),
    serviceId: serviceId(code),
    priorityClass,
  });
  if (!result.ok) throw new Error(result.error.message);
  return result.data;
}

async function callNext(staff: ConnectedClient): Promise<TicketView> {
  const result = await emitAck<TicketView>(staff.socket, 'counter:callNext');
  if (!result.ok) throw new Error(result.error.message);
  return result.data;
}

async function finish(staff: ConnectedClient, ticketId: number): Promise<void> {
  for (const [event, payload] of [
    ['counter:start', { ticketId }],
    ['counter:finish', { ticketId }],
  ] as const) {
    const result = await emitAck(staff.socket, event, payload);
    if (!result.ok) throw new Error(`${event}: ${result.error.message}`);
  }
}

async function openHall(width: number, height: number, query = 'voicelog=1'): Promise<Page> {
  const page = await browser.newPage({ viewport: { width, height } });
  await page.goto(`${server.url}/display/?key=${encodeURIComponent(server.credentials.displayKey)}&${query}`);
  await page.getByTestId('window-board').waitFor();
  return page;
}

const voiceLog = (page: Page): Promise<string[]> => page.evaluate(() => [...(window.__voiceLog ?? [])]);

/** Waits until the page has played at least `count` clips. */
async function waitForClips(page: Page, count: number): Promise<string[]> {
  await page.waitForFunction((n) => (window.__voiceLog?.length ?? 0) >= n, count, { timeout: 60_000 });
  return voiceLog(page);
}

/** Parts of the hall display that are cut off, pushed off screen or overflow their box. */
function layoutProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const ids = [
      'current-call',
      'recent-calls',
      'window-board',
      'waiting-counts',
      'priority-rule',
      'notices',
    ];
    for (const id of ids) {
      const el = document.querySelector(`[data-testid="${id}"]`);
      if (!el) continue;
      const box = el.getBoundingClientRect();
      if (box.bottom > window.innerHeight + 1 || box.right > window.innerWidth + 1 || box.left < -1)
        out.push(`${id} off screen`);
      // content spilling out of its own box onto the next section (gaps are wider than 6 px)
      if (el.scrollHeight > el.clientHeight + 6 || el.scrollWidth > el.clientWidth + 6)
        out.push(
          `${id} overflows ${el.scrollWidth}x${el.scrollHeight} > ${el.clientWidth}x${el.clientHeight}`,
        );
    }
    // no section drawn over another
    const boxes = ids
      .map((id) => [id, document.querySelector(`[data-testid="${id}"]`)?.getBoundingClientRect()] as const)
      .filter((entry): entry is readonly [string, DOMRect] => entry[1] !== undefined);
    for (const [i, [a, boxA]] of boxes.entries()) {
      for (const [b, boxB] of boxes.slice(i + 1)) {
        const overlapX = Math.min(boxA.right, boxB.right) - Math.max(boxA.left, boxB.left);
        const overlapY = Math.min(boxA.bottom, boxB.bottom) - Math.max(boxA.top, boxB.top);
        if (overlapX > 1 && overlapY > 1) out.push(`${a} overlaps ${b}`);
      }
    }
    for (const card of document.querySelectorAll<HTMLElement>('[data-testid^="window-"].card')) {
      if (card.scrollWidth > card.clientWidth + 2 || card.scrollHeight > card.clientHeight + 2) {
        out.push(`${card.dataset.testid} card overflows`);
      }
      // text running out of its line sideways (e.g. past the edge of the yellow elderly mark)
      for (const el of card.querySelectorAll<HTMLElement>('.elderly-mark, .name, .state, .now')) {
        if (el.scrollWidth > el.clientWidth + 2) out.push(`${card.dataset.testid} ${el.className} too wide`);
      }
    }
    const section = document.querySelector('[data-testid="recent-calls"]')!.getBoundingClientRect();
    for (const row of document.querySelectorAll('[data-testid="recent-call"]')) {
      const box = row.getBoundingClientRect();
      if (box.height > 0 && box.bottom > section.bottom + 1) out.push('recent row cut');
    }
    for (const el of document.querySelectorAll('.line, [data-testid="current-number"]')) {
      const box = el.getBoundingClientRect();
      const parent = el.closest('.call-box')!.getBoundingClientRect();
      if (box.right > parent.right + 1 || box.bottom > parent.bottom + 1) out.push('call sentence overflows');
    }
    return out;
  });
}

beforeAll(async () => {
  // The widest announcement bound: the burst below keeps every repeat, so the log is exact. How
  // repeats give way to a backlog is the announcer's own test (shared/voice/announcer.test.ts).
  server = await startTestServer({ extraStaff: ['s4', 's1'], rules: { callMaxDelaySeconds: 300 } });
  browser = await launchBrowser();
  kiosk = await connectClient(server.url, { role: 'kiosk', deviceKey: server.credentials.kioskKey });
  staff3 = await staffAtWindow(
    server.url,
    server.credentials.staff.username,
    server.credentials.staff.password,
    windowId(3),
  );
  staff4 = await staffAtWindow(server.url, 's4', 's4-pass', windowId(4));
});

afterAll(async () => {
  kiosk?.close();
  staff3?.close();
  staff4?.close();
  await browser?.close();
  await server?.close();
});

describe('hall display', () => {
  it('shows a call in huge type on the hall and window displays and speaks it with the right clips', async () => {
    const hall = await openHall(1920, 1080);
    const windowPage = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    await windowPage.goto(
      `${server.url}/display/window/3?key=${encodeURIComponent(server.credentials.displayKey)}`,
    );
    await windowPage.getByTestId('window-number-none').waitFor();

    // the device key is kept, not left in the address bar
    expect(new URL(hall.url()).searchParams.has('key')).toBe(false);
    expect(await hall.evaluate(() => localStorage.getItem('hall-display:device-key'))).toBe(
      server.credentials.displayKey,
    );

    const issued = await issue('A');
    await expect
      .poll(() => hall.getByTestId('waiting-A').getByTestId('waiting-count').innerText())
      .toContain('1');
    const called = await callNext(staff3);
    expect(called.number).toBe(issued.ticket.number);

    await expect.poll(() => hall.getByTestId('current-number').innerText()).toBe(called.number);
    expect(await hall.getByTestId('current-window').innerText()).toBe('3');
    // the new call flashes (a 1 Hz blink, well under the three-flashes-a-second limit)
    const callBox = hall.getByTestId('current-call').locator('.call-box');
    expect(await callBox.evaluate((el) => getComputedStyle(el).animationName)).toMatch(/^flash/);
    await expect.poll(() => windowPage.getByTestId('window-number').innerText()).toBe(called.number);
    await expect
      .poll(() => hall.getByTestId('window-3').getByTestId('window-current').innerText())
      .toBe(called.number);
    await expect
      .poll(() => hall.getByTestId('waiting-A').getByTestId('waiting-count').innerText())
      .toContain('0');

    // ≥ 12 % of the screen height (DESIGN §6)
    const numberPx = await hall
      .getByTestId('current-number')
      .evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    expect(numberPx).toBeGreaterThanOrEqual(0.12 * 1080);

    // spoken rules.callRepeat (2) times: chime 请 A 零 零 一 号 到 三 号 窗口 办理
    const sequence = clipSequence(called.number, 3);
    const played = await waitForClips(hall, sequence.length * 2);
    expect(played).toEqual([...sequence, ...sequence]);
    // every clip was fetched from the voice pack and played to its end (none skipped): wait until
    // each has finished, then none may have failed
    await hall.waitForFunction((n) => (window.__voiceEnded?.length ?? 0) >= n, played.length);
    expect(await hall.evaluate(() => window.__voiceFailures)).toEqual([]);

    // the window display marks nothing elderly at window 3, but window 1's does
    expect(await windowPage.getByTestId('elderly-mark').count()).toBe(0);
    await windowPage.goto(`${server.url}/display/window/1`);
    await windowPage.getByTestId('elderly-mark').waitFor();
    expect(await windowPage.getByTestId('elderly-mark').innerText()).toContain('老年人专窗');
    // English subtitles read from a distance on the window display and the hall display too.
    await expectEnglishReadable(windowPage, 'window display 1280×720');
    await expectEnglishReadable(hall, 'hall display 1920×1080 with a call');

    await finish(staff3, called.id);
    await hall.close();
    await windowPage.close();
  });

  it('speaks a burst of calls from two windows in order, none dropped, and a recall again', async () => {
    const hall = await openHall(1920, 1080);
    await issue('A');
    await issue('A');
    await issue('A');
    const first = await callNext(staff3);
    const second = await callNext(staff4);
    const recall = await emitAck<TicketView>(staff3.socket, 'counter:recall', { ticketId: first.id });
    expect(recall.ok).toBe(true);

    const expected = [
      ...clipSequence(first.number, 3),
      ...clipSequence(first.number, 3),
      ...clipSequence(second.number, 4),
      ...clipSequence(second.number, 4),
      ...clipSequence(first.number, 3),
      ...clipSequence(first.number, 3),
    ];
    expect(await waitForClips(hall, expected.length)).toEqual(expected);
    await expect.poll(() => hall.getByTestId('current-number').innerText()).toBe(first.number);
    // the missed-call list shows window 4's call once, and not the number already shown above it
    await expect
      .poll(async () => (await hall.getByTestId('recent-call').allInnerTexts()).map((t) => t.split(/\s/)[0]))
      .toContain(second.number);
    const listed = (await hall.getByTestId('recent-call').allInnerTexts()).map((t) => t.split(/\s/)[0]);
    expect(listed.filter((n) => n === second.number)).toHaveLength(1);
    expect(listed).not.toContain(first.number);

    await finish(staff3, first.id);
    await finish(staff4, second.id);
    await hall.close();
  });

  it('after a server restart shows the banner, keeps stale calls, never a false 0, and resyncs once', async () => {
    const hall = await openHall(1920, 1080);
    await issue('A');
    const before = await callNext(staff3);
    await expect.poll(() => hall.getByTestId('current-number').innerText()).toBe(before.number);
    const clipsBefore = (await waitForClips(hall, clipSequence(before.number, 3).length * 2)).length;

    staff3.close();
    staff4.close();
    await server.stop();
    await hall.getByTestId('connection-banner').waitFor();
    expect(await hall.getByTestId('connection-banner').innerText()).toContain('连接中断，正在重连');
    expect(await hall.getByTestId('connection-banner').innerText()).toContain(
      'Connection lost, reconnecting',
    );
    // the last call stays on screen, marked stale in words; counts are unknown, not 0
    expect(await hall.getByTestId('current-number').innerText()).toBe(before.number);
    expect(await hall.getByTestId('current-stale').innerText()).toContain('可能已过时');
    for (const count of await hall.getByTestId('waiting-count').allInnerTexts()) {
      expect(count.startsWith('—')).toBe(true);
      expect(count).not.toMatch(/\d/);
    }
    expect(await layoutProblems(hall)).toEqual([]);
    await hall.screenshot({ path: shotPath('hall-1920x1080-offline') });

    await server.start();
    kiosk.close();
    kiosk = await connectClient(server.url, { role: 'kiosk', deviceKey: server.credentials.kioskKey });
    staff3 = await staffAtWindow(
      server.url,
      server.credentials.staff.username,
      server.credentials.staff.password,
      windowId(3),
    );
    staff4 = await staffAtWindow(server.url, 's4', 's4-pass', windowId(4));
    // a call made while the display may still be reconnecting
    await finish(staff3, before.id);
    await issue('A');
    const during = await callNext(staff3);

    await hall.getByTestId('connection-banner').waitFor({ state: 'detached' });
    await expect.poll(() => hall.getByTestId('current-number').innerText()).toBe(during.number);
    expect(await hall.getByTestId('current-stale').count()).toBe(0);
    const duringClips = clipSequence(during.number, 3);
    const played = await waitForClips(hall, clipsBefore + duringClips.length * 2);
    // announced exactly twice (callRepeat), the earlier call not again
    expect(played.slice(clipsBefore)).toEqual([...duringClips, ...duringClips]);
    // A sentinel call at window 4: had the earlier call been announced again, its clips would
    // come before the sentinel's.
    await issue('A');
    const sentinel = await callNext(staff4);
    const sentinelClips = clipSequence(sentinel.number, 4);
    const all = await waitForClips(hall, played.length + sentinelClips.length * 2);
    expect(all.slice(played.length)).toEqual([...sentinelClips, ...sentinelClips]);
    await finish(staff4, sentinel.id);

    const numbers = [await hall.getByTestId('current-number').innerText()];
    for (const row of await hall.getByTestId('recent-call').allInnerTexts())
      numbers.push(row.split(/\s/)[0]!);
    expect(new Set(numbers).size).toBe(numbers.length);
    expect(numbers).toContain(before.number);
    for (const count of await hall.getByTestId('waiting-count').allInnerTexts()) expect(count).not.toBe('—');

    await finish(staff3, during.id);
    await hall.close();
  });
});

describe('screens for people', () => {
  it('hall display passes axe AAA and is legible at 1920×1080, 3840×2160 and portrait 1080×1920', async () => {
    // a busy hall: priority and normal tickets waiting, calls at several windows, a paused window
    await issue('B', 'elderly');
    await issue('C');
    await issue('D');
    await issue('A', 'elderly');
    for (let i = 0; i < 4; i++) await issue('A');
    await callNext(staff3);
    await callNext(staff4);
    // an elderly window busy with a priority ticket: the tallest window card
    const staff1 = await staffAtWindow(server.url, 's1', 's1-pass', windowId(1));
    await callNext(staff1);
    staff1.close();
    const paused = await emitAck(staff4.socket, 'window:pause', { reason: '休息' });
    expect(paused.ok).toBe(true);
    const admin = await login(
      server.url,
      server.credentials.admin.username,
      server.credentials.admin.password,
    );
    const adminClient = await connectClient(server.url, { role: 'admin', sessionToken: admin.token });
    for (const text of [
      '60岁以上老人无需预约，请直接取号，优先办理',
      '不会使用手机支付的群众，可由窗口工作人员代缴费用',
    ]) {
      const notice = await emitAck(adminClient.socket, 'admin:noticeUpsert', { text });
      expect(notice.ok).toBe(true);
    }
    adminClient.close();

    for (const [width, height, name] of [
      [1920, 1080, 'hall-1920x1080'],
      [3840, 2160, 'hall-3840x2160'],
      [1080, 1920, 'hall-1080x1920-portrait'],
    ] as const) {
      const page = await openHall(width, height, 'voicelog=1');
      await page.getByTestId('current-number').waitFor();
      const fontPx = await page
        .getByTestId('current-number')
        .evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
      expect(fontPx, name).toBeGreaterThanOrEqual(0.12 * height);
      await page.getByTestId('notices').waitFor();
      await page.screenshot({ path: shotPath(name) });
      await expectEnglishReadable(page, name);
      // nothing important is cut off, pushed off screen or spilling onto its neighbour
      const problems = await layoutProblems(page);
      expect(problems, name).toEqual([]);
      const violations = await checkAxeAAA(page);
      expect(violations, describeViolations(violations)).toEqual([]);
      await page.close();
    }
  });

  it('scrolls notices, but shows them still (and does not flash) for prefers-reduced-motion', async () => {
    const page = await openHall(1920, 1080);
    await page.getByTestId('notices').waitFor();
    const animation = () =>
      page
        .getByTestId('notices')
        .evaluate((el) => getComputedStyle(el.querySelector('.track')!).animationName);
    expect(await animation()).not.toBe('none');
    await page.emulateMedia({ reducedMotion: 'reduce' });
    expect(await animation()).toBe('none');
    expect(await page.getByTestId('notices').innerText()).toContain('60岁以上老人无需预约');
    const current = await emitAck<{ ticket: TicketView | null }>(staff3.socket, 'counter:current');
    if (current.ok && current.data.ticket) await finish(staff3, current.data.ticket.id);
    await issue('A');
    const called = await callNext(staff3);
    await expect.poll(() => page.getByTestId('current-number').innerText()).toBe(called.number);
    const box = page.getByTestId('current-call').locator('.call-box');
    expect(await box.evaluate((el) => getComputedStyle(el).animationName)).toBe('none');
    expect(await box.evaluate((el) => getComputedStyle(el).outlineStyle)).toBe('solid');
    await page.screenshot({ path: shotPath('hall-1920x1080-reduced-motion') });
    await page.close();
  });

  it('fits a hall with twelve windows on one screen', async () => {
    const admin = await login(
      server.url,
      server.credentials.admin.username,
      server.credentials.admin.password,
    );
    const adminClient = await connectClient(server.url, { role: 'admin', sessionToken: admin.token });
    for (let number = 7; number <= 12; number++) {
      const upserted = await emitAck(adminClient.socket, 'admin:windowUpsert', {
        number,
        name: '',
        serviceIds: [serviceId('A'), serviceId('B')],
        elderlyDedicated: number === 7,
      });
      expect(upserted.ok).toBe(true);
    }
    adminClient.close();
    for (const [width, height, name] of [
      [1920, 1080, 'hall-1920x1080-12-windows'],
      [1080, 1920, 'hall-1080x1920-12-windows'],
    ] as const) {
      const page = await openHall(width, height);
      await expect.poll(() => page.locator('[data-testid^="window-"].card').count()).toBe(12);
      await page.screenshot({ path: shotPath(name) });
      expect(await layoutProblems(page), name).toEqual([]);
      await expectEnglishReadable(page, name);
      expect(await page.getByTestId('window-7').getByTestId('elderly-mark').innerText()).toContain(
        '老年人专窗',
      );
      const violations = await checkAxeAAA(page);
      expect(violations, describeViolations(violations)).toEqual([]);
      await page.close();
    }
  });

  it('window display passes axe AAA', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    await page.goto(
      `${server.url}/display/window/3?key=${encodeURIComponent(server.credentials.displayKey)}`,
    );
    await page.getByTestId('window-number').waitFor();
    await page.screenshot({ path: shotPath('window-3-1280x720') });
    const violations = await checkAxeAAA(page);
    expect(violations, describeViolations(violations)).toEqual([]);
    await page.goto(`${server.url}/display/window/1`);
    await page.getByTestId('elderly-mark').waitFor();
    await page.screenshot({ path: shotPath('window-1-1280x720') });
    await page.close();
  });

  it('without a key the display says so instead of showing an empty hall', async () => {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await page.goto(`${server.url}/display/`);
    await expect.poll(() => page.getByRole('alert').innerText()).toContain('设备密钥');
    await page.goto(`${server.url}/display/?key=wrong-key-123`);
    await page.getByTestId('connection-refused').waitFor();
    await page.close();
  });
});

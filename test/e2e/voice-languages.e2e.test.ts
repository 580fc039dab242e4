// Calls and kiosk guidance in the hall's languages (issue 19), in real Chromium against the real
// server with audio logged (?voicelog): the admin ticks 粤语 in the console and the wall display
// announces the next call in Mandarin, then Cantonese; a window display speaks only its own
// window's calls; with Cantonese off again, only Mandarin. The kiosk offers 粤语 / 普通话 on its
// start screen and says its welcome from the Cantonese pack. Screenshots go to /tmp/shots.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { IssuedTicket, TicketView } from '@hall/shared/contracts/entities';
import type { Result } from '@hall/shared/contracts/errors';
import { clipSequence } from '@hall/shared/voice/callClips';
import { startTestServer, type TestServer } from '../support/testServer';
import {
  connectClient,
  emitAck,
  newRequestId,
  nextEvent,
  staffAtWindow,
  type ConnectedClient,
} from '../support/clients';
import { checkAxeAAA, describeViolations, launchBrowser, shotPath } from './support/browser';

declare global {
  interface Window {
    __voiceLog?: string[];
    __voiceFailures?: string[];
    __clips?: string[];
  }
}

let server: TestServer;
let browser: Browser;
let kiosk: ConnectedClient;
let display: ConnectedClient;
let window3: ConnectedClient;
let window4: ConnectedClient;
let consolePage: Page;
let wall: Page;
let windowDisplay: Page;

function data<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.data;
}

const windowId = (n: number) => kiosk.snapshot.windows.find((w) => w.number === n)!.id;

/** Issue a ticket of service A and call it at `staff`'s window. */
async function callOne(staff: ConnectedClient): Promise<TicketView> {
  const serviceId = kiosk.snapshot.services.find((s) => s.code === 'A')!.id;
  data(await emitAck<IssuedTicket>(kiosk.socket, 'ticket:issue', { requestId: newRequestId(), serviceId }));
  const called = data(await emitAck<TicketView>(staff.socket, 'counter:callNext'));
  data(await emitAck(staff.socket, 'counter:start', { ticketId: called.id }));
  data(await emitAck(staff.socket, 'counter:finish', { ticketId: called.id }));
  return called;
}

const inLanguage = (lang: string, clips: string[]) => clips.map((c) => `${lang}/${c}`);
const log = (page: Page) => page.evaluate(() => [...(window.__voiceLog ?? [])]);

/** Waits until the page has logged `count` clips in all, then returns the log. */
async function waitForClips(page: Page, count: number): Promise<string[]> {
  await page.waitForFunction((n) => (window.__voiceLog?.length ?? 0) >= n, count, { timeout: 60_000 });
  return log(page);
}

/** Ticks or unticks 粤语 in the admin console's hall panel and saves; resolves once displays know. */
async function setCantonese(on: boolean): Promise<void> {
  const box = consolePage.locator('[data-test=voice-yue]');
  if ((await box.isChecked()) !== on) await box.click();
  const seen = nextEvent(display.socket, 'hall:snapshot');
  await consolePage.click('[data-test=hall-save]');
  expect(await consolePage.locator('[data-test=message]').textContent({ timeout: 3000 })).toContain('已保存');
  expect((await seen).hall.voiceLanguages).toEqual(on ? ['cmn', 'yue'] : ['cmn']);
}

beforeAll(async () => {
  // One round per call keeps the browser test short; repeats are covered by the announcer's tests.
  server = await startTestServer({ rules: { callRepeat: 1 }, extraStaff: ['li'] });
  kiosk = await connectClient(server.url, { role: 'kiosk', deviceKey: server.credentials.kioskKey });
  display = await connectClient(server.url, { role: 'display', deviceKey: server.credentials.displayKey });
  const password = server.credentials.staff.password;
  window3 = await staffAtWindow(server.url, server.credentials.staff.username, password, windowId(3));
  browser = await launchBrowser();

  const key = encodeURIComponent(server.credentials.displayKey);
  wall = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  await wall.goto(`${server.url}/display/?key=${key}&voicelog=1`);
  await wall.getByTestId('window-board').waitFor();
  windowDisplay = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  await windowDisplay.goto(`${server.url}/display/window/3?key=${key}&voicelog=1`);
  await windowDisplay.getByTestId('window-display').waitFor();

  consolePage = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  await consolePage.goto(`${server.url}/console/login`);
  await consolePage.fill('input[name=username]', 'admin');
  await consolePage.fill('input[name=password]', server.credentials.admin.password);
  await consolePage.click('button[type=submit]');
  await consolePage.waitForURL(/\/console\/(window|counter)$/);
  await consolePage.click('nav a[href="/console/admin/config"]');
  await consolePage.click('[data-test=tab-hall]');
  await consolePage.waitForSelector('[data-test=voice-languages]');
});

afterAll(async () => {
  kiosk?.close();
  display?.close();
  window3?.close();
  window4?.close();
  await browser?.close();
  await server?.close();
});

describe('calls in the hall’s languages', () => {
  it('Mandarin only by default', async () => {
    const called = await callOne(window3);
    const mandarin = inLanguage('cmn', clipSequence(called.number, 3));
    expect(await waitForClips(wall, mandarin.length)).toEqual(mandarin);
    expect(await waitForClips(windowDisplay, mandarin.length)).toEqual(mandarin);
  });

  it('with 粤语 ticked in the console: the next call in Mandarin, then Cantonese, on the wall and the window display', async () => {
    expect(await consolePage.locator('[data-test=voice-cmn]').isChecked()).toBe(true);
    expect(await consolePage.locator('[data-test=voice-yue]').isChecked()).toBe(false);
    await setCantonese(true);
    const violations = await checkAxeAAA(consolePage);
    expect(violations, describeViolations(violations)).toEqual([]);
    await consolePage.screenshot({ path: shotPath('admin-config-hall-voice-1366x768'), fullPage: true });

    const before = (await log(wall)).length;
    const beforeWindow = (await log(windowDisplay)).length;
    const called = await callOne(window3);
    const sentence = clipSequence(called.number, 3);
    const expected = [...inLanguage('cmn', sentence), ...inLanguage('yue', sentence)];
    expect((await waitForClips(wall, before + expected.length)).slice(before)).toEqual(expected);
    expect((await waitForClips(windowDisplay, beforeWindow + expected.length)).slice(beforeWindow)).toEqual(
      expected,
    );
    // Every clip came from its language's pack and played to its end.
    expect(await wall.evaluate(() => window.__voiceFailures)).toEqual([]);
    expect(await windowDisplay.evaluate(() => window.__voiceFailures)).toEqual([]);
  });

  it('a window display speaks only the calls to its own window', async () => {
    // A second officer at window 4 (one account holds one window).
    window4 = await staffAtWindow(server.url, 'li', 'li-pass', windowId(4));
    const wallBefore = (await log(wall)).length;
    const windowBefore = (await log(windowDisplay)).length;
    const other = await callOne(window4);
    const sentence = clipSequence(other.number, 4);
    const expected = [...inLanguage('cmn', sentence), ...inLanguage('yue', sentence)];
    // The wall display finishing this call is the sentinel: by then the window display has had it.
    expect((await waitForClips(wall, wallBefore + expected.length)).slice(wallBefore)).toEqual(expected);
    const own = await callOne(window3);
    const ownClips = [
      ...inLanguage('cmn', clipSequence(own.number, 3)),
      ...inLanguage('yue', clipSequence(own.number, 3)),
    ];
    expect((await waitForClips(windowDisplay, windowBefore + ownClips.length)).slice(windowBefore)).toEqual(
      ownClips,
    );
    await wall.waitForFunction(
      (n) => (window.__voiceLog?.length ?? 0) >= n,
      wallBefore + expected.length * 2,
    );
  });

  it('with 粤语 off again: only Mandarin', async () => {
    await setCantonese(false);
    const before = (await log(wall)).length;
    const called = await callOne(window3);
    const mandarin = inLanguage('cmn', clipSequence(called.number, 3));
    expect((await waitForClips(wall, before + mandarin.length)).slice(before)).toEqual(mandarin);
    // A Cantonese-free call is also the end of the log: the next entries are the next call's.
    const after = await callOne(window3);
    const next = inLanguage('cmn', clipSequence(after.number, 3));
    expect((await waitForClips(wall, before + mandarin.length + next.length)).slice(before)).toEqual([
      ...mandarin,
      ...next,
    ]);
  });
});

describe('the kiosk in a Cantonese hall', () => {
  it('offers 粤语 / 普通话 on its start screen; 粤语 speaks from the Cantonese pack, for this visitor only', async () => {
    await setCantonese(true);
    for (const viewport of [
      { width: 1920, height: 1080 },
      { width: 1080, height: 1920 },
    ]) {
      const page = await browser.newPage({ viewport });
      await page.addInitScript(() => {
        window.__clips = [];
        window.addEventListener('kiosk:voice-clip', (e) =>
          window.__clips!.push((e as CustomEvent<string>).detail),
        );
      });
      await page.goto(`${server.url}/kiosk/?key=${encodeURIComponent(server.credentials.kioskKey)}`);
      await page.getByTestId('screen-idle').waitFor();
      // The welcome, in each of the hall's languages.
      await page.waitForFunction(() => (window.__clips ?? []).length >= 2, undefined, { timeout: 30_000 });
      expect(await page.evaluate(() => window.__clips)).toEqual(['cmn/kiosk_idle', 'yue/kiosk_idle']);

      const choice = page.getByTestId('voice-choice');
      expect(await choice.innerText()).toContain('普通话');
      expect(await choice.innerText()).toContain('粤语');
      const yue = page.getByTestId('voice-yue');
      const box = (await yue.boundingBox())!;
      const scale = await page.evaluate(() => Number(document.documentElement.style.zoom || 1));
      expect(box.width / scale).toBeGreaterThanOrEqual(200);
      expect(box.height / scale).toBeGreaterThanOrEqual(120);
      await yue.click();
      expect(await yue.getAttribute('aria-pressed')).toBe('true');
      await page.waitForFunction(() => (window.__clips ?? []).length >= 3, undefined, { timeout: 30_000 });
      expect((await page.evaluate(() => window.__clips))!.at(-1)).toBe('yue/kiosk_idle');
      const violations = await checkAxeAAA(page);
      expect(violations, describeViolations(violations)).toEqual([]);
      await page.screenshot({ path: shotPath(`kiosk-voice-choice-${viewport.width}x${viewport.height}`) });

      await page.getByTestId('elderly-channel').click();
      await page.getByTestId('screen-choose').waitFor();
      await page.waitForFunction(
        () => (window.__clips ?? []).at(-1) === 'yue/kiosk_chooseElderly',
        undefined,
        {
          timeout: 30_000,
        },
      );
      await page.getByTestId('back').click();
      await page.getByTestId('screen-idle').waitFor();
      // Back at the start: the hall's default again, and the welcome in each language.
      expect(await page.getByTestId('voice-cmn').getAttribute('aria-pressed')).toBe('true');
      await page.waitForFunction(
        () => (window.__clips ?? []).slice(-2).join() === 'cmn/kiosk_idle,yue/kiosk_idle',
        undefined,
        { timeout: 30_000 },
      );
      await page.close();
    }
  });
});

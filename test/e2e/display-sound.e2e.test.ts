// In a plain browser that blocks autoplay, the hall display asks once for a tap to enable sound,
// and speaks calls after it.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { chromium, type Browser } from 'playwright-core';
import type { IssuedTicket, TicketView } from '@hall/shared/contracts/entities';
import { startTestServer, type TestServer } from '../support/testServer';
import {
  connectClient,
  emitAck,
  newRequestId,
  staffAtWindow,
  type ConnectedClient,
  type KioskClient,
} from '../support/clients';
import { clipSequence as callClips } from '@hall/shared/voice/callClips';

/** A call's clips as the display logs them, from the Mandarin pack (the hall's only language here). */
const clipSequence = (number: string, windowNumber: number): string[] =>
  callClips(number, windowNumber).map((clip) => `cmn/${clip}`);
import { checkAxeAAA, describeViolations, shotPath } from './support/browser';

// What the display page exposes with ?voicelog (see display/src/composables/useHallVoice.ts).
declare global {
  interface Window {
    __voiceLog?: string[];
    __voiceFailures?: string[];
  }
}

let server: TestServer;
let browser: Browser;
let kiosk: KioskClient;
let staff: ConnectedClient;

beforeAll(async () => {
  server = await startTestServer();
  // Chromium's default autoplay policy, as in a hall PC's ordinary browser (no autoplay flag).
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
    ],
  });
  kiosk = await connectClient(server.url, { role: 'kiosk', deviceKey: server.credentials.kioskKey });
  const window3 = server.windowId(3);
  staff = await staffAtWindow(
    server.url,
    server.credentials.staff.username,
    server.credentials.staff.password,
    window3,
  );
});

afterAll(async () => {
  kiosk?.close();
  staff?.close();
  await browser?.close();
  await server?.close();
});

it('shows "点击开启声音" once, and after the tap speaks the next call', async () => {
  const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  await page.goto(
    `${server.url}/display/?key=${encodeURIComponent(server.credentials.displayKey)}&voicelog=1`,
  );
  // The sentinel: the voice is ready and the overlay decided (useHallVoice sets it).
  await page.waitForFunction(() => document.documentElement.dataset.voice !== undefined, null, {
    timeout: 60_000,
  });
  const overlay = page.getByTestId('sound-unlock');
  expect(await overlay.count(), JSON.stringify(await page.evaluate(() => window.__voiceFailures))).toBe(1);
  expect(await overlay.innerText()).toContain('点击开启声音');
  expect(await overlay.innerText()).toContain('Tap to enable sound');
  await page.screenshot({ path: shotPath('hall-1920x1080-sound-overlay') });
  const violations = await checkAxeAAA(page);
  expect(violations, describeViolations(violations)).toEqual([]);

  await overlay.click();
  await overlay.waitFor({ state: 'detached' });

  const serviceId = kiosk.snapshot.services.find((s) => s.code === 'A')!.id;
  const issued = await emitAck<IssuedTicket>(kiosk.socket, 'ticket:issue', {
    requestId: newRequestId(),
    serviceId,
  });
  expect(issued.ok).toBe(true);
  const called = await emitAck<TicketView>(staff.socket, 'counter:callNext');
  if (!called.ok) throw new Error(called.error.message);
  const sequence = clipSequence(called.data.number, 3);
  await page.waitForFunction((n) => (window.__voiceLog?.length ?? 0) >= n, sequence.length * 2, {
    timeout: 60_000,
  });
  expect(await page.evaluate(() => window.__voiceLog)).toEqual([...sequence, ...sequence]);
  // and the overlay does not come back
  expect(await page.getByTestId('sound-unlock').count()).toBe(0);
  await page.close();
});

it('under the Electron host shows no overlay and takes the device key from the host', async () => {
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  const deviceKey = server.credentials.displayKey;
  // What kiosk/src/preload exposes; the host allows autoplay (Chromium flag set by Electron main).
  await context.addInitScript((key) => {
    (window as unknown as { kioskHost: unknown }).kioskHost = {
      platform: { os: 'linux', arch: 'x64', electron: '42', chrome: '140' },
      getConfig: async () => ({ deviceKey: key, role: 'display', windowRole: 'display' }),
    };
  }, deviceKey);
  const page = await context.newPage();
  await page.goto(`${server.url}/display/`);
  await page.getByTestId('window-board').waitFor();
  // once the voice set-up has decided (it marks the page), the overlay must not be there
  await page.locator('html[data-voice]').waitFor({ state: 'attached' });
  expect(await page.getByTestId('sound-unlock').count()).toBe(0);
  // the key came from the host, not from the address or storage
  expect(await page.evaluate(() => localStorage.length)).toBe(0);
  await context.close();
});

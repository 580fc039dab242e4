// The kiosk when things go wrong, in Chromium against the real server: the server goes away (pause
// screen, no ticket made up, back by itself), a refused key, the idle reset (time moved with
// Playwright's clock, never under 60 s, with a "continue" button), and printer faults — the
// server's printer in browser mode, and the local printer of the Electron host (preload faked,
// since Electron cannot run here) — where the ticket stands and reprint never issues a second one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { Device, IssuedTicket } from '@hall/shared/contracts/entities';
import type { TicketPrintData } from '@hall/shared/ticketPrintData';
import type { KioskHostApi } from '../../kiosk/src/preload/api';
import { startTestServer, type TestServer } from '../support/testServer';
import { connectClient, emitAck, login, type ConnectedClient } from '../support/clients';
import { startFakePrinter } from '../support/fakePrinter';
import { checkAxeAAA, describeViolations, launchBrowser, shotPath } from './support/browser';

let server: TestServer;
let browser: Browser;

declare global {
  interface Window {
    __printed?: TicketPrintData[];
    __idListener?: (read: unknown) => void;
    kioskHost?: KioskHostApi;
  }
}

async function newKioskPage(): Promise<Page> {
  return browser.newPage({ viewport: { width: 1920, height: 1080 } });
}

async function openKiosk(page: Page, key = server.credentials.kioskKey): Promise<void> {
  await page.goto(`${server.url}/kiosk/?key=${encodeURIComponent(key)}`);
}

async function expectAxeClean(page: Page, label: string): Promise<void> {
  const violations = await checkAxeAAA(page);
  expect(violations, `${label}:\n${describeViolations(violations)}`).toEqual([]);
}

async function adminClient(): Promise<ConnectedClient> {
  const session = await login(
    server.url,
    server.credentials.admin.username,
    server.credentials.admin.password,
  );
  return connectClient(server.url, { role: 'admin', sessionToken: session.token });
}

async function kioskDevice(admin: ConnectedClient): Promise<Device> {
  const list = await emitAck<Device[]>(admin.socket, 'admin:deviceList');
  if (!list.ok) throw new Error(list.error.message);
  return list.data.find((d) => d.kind === 'kiosk')!;
}

async function activeTicketCount(): Promise<number> {
  const session = await login(
    server.url,
    server.credentials.staff.username,
    server.credentials.staff.password,
  );
  const staff = await connectClient(server.url, { role: 'staff', sessionToken: session.token });
  staff.close();
  return staff.snapshot.activeTickets.length;
}

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('kiosk when the server is away', () => {
  it('shows the calm pause screen, issues nothing, and returns to idle by itself', async () => {
    const page = await newKioskPage();
    await openKiosk(page);
    await page.getByTestId('screen-idle').waitFor();
    await page.getByTestId('elderly-channel').click();
    await page.getByTestId('screen-choose').waitFor();
    const before = await activeTicketCount();

    await server.stop();
    const paused = page.getByTestId('screen-paused');
    await paused.waitFor();
    expect(await paused.textContent()).toContain('暂停取号，请到服务台');
    expect(await paused.textContent()).toContain('Ticketing paused, please go to the service desk');
    expect(await paused.getAttribute('data-reason')).toBe('offline');
    // Nothing to tap: no ticket can be made up while the server is away.
    expect(await page.locator('button').count()).toBe(0);
    await page.screenshot({ path: shotPath('kiosk-paused') });
    await expectAxeClean(page, 'paused');

    await server.start();
    // Back by itself, at the start screen (the visitor mid-choice was sent to the desk).
    await page.getByTestId('screen-idle').waitFor({ timeout: 20_000 });
    expect(await activeTicketCount()).toBe(before);
    await page.close();
  });

  it('a refused device key pauses with a reason staff can act on', async () => {
    const page = await newKioskPage();
    await openKiosk(page, 'not-a-real-key-0000000000000000');
    const paused = page.getByTestId('screen-paused');
    await paused.waitFor();
    await expect.poll(() => paused.getAttribute('data-reason')).toBe('refused');
    expect(await page.getByTestId('paused-reason').textContent()).toContain('本机未获授权');
    await page.screenshot({ path: shotPath('kiosk-paused-refused') });
    await page.close();
  });
});

describe('a lost acknowledgement', () => {
  it('is retried with the same request id and never gives the visitor a second ticket', async () => {
    const page = await newKioskPage();
    const issueFrames: string[] = [];
    let dropped = 0;
    // Between page and server: pass everything, but lose the server's first answer to ticket:issue.
    await page.routeWebSocket(/\/socket\.io\//, (ws) => {
      const upstream = ws.connectToServer();
      ws.onMessage((message) => {
        if (typeof message === 'string' && message.includes('"ticket:issue"')) issueFrames.push(message);
        upstream.send(message);
      });
      upstream.onMessage((message) => {
        if (
          typeof message === 'string' &&
          dropped === 0 &&
          /^43\d+\[\{"ok":true,"data":\{"ticket"/.test(message)
        ) {
          dropped += 1;
          return;
        }
        ws.send(message);
      });
    });
    await openKiosk(page);
    await page.getByTestId('screen-idle').waitFor();
    const before = await activeTicketCount();
    await page.getByTestId('service-D').click();
    await page.getByTestId('issuing').waitFor();
    await page.screenshot({ path: shotPath('kiosk-issuing') });
    await expectAxeClean(page, 'issuing');
    await page.getByTestId('screen-result').waitFor({ timeout: 20_000 });

    expect(dropped).toBe(1);
    expect(issueFrames).toHaveLength(2);
    const requestIds = issueFrames.map((f) => /"requestId":"([0-9a-f]{32})"/.exec(f)?.[1]);
    expect(requestIds[0]).toBeDefined();
    expect(requestIds[1]).toBe(requestIds[0]);
    expect(await activeTicketCount()).toBe(before + 1);
    await page.close();
  });
});

describe('idle reset', () => {
  it('counts down visibly from the hall’s idle time, offers "continue", then returns to idle', async () => {
    const page = await newKioskPage();
    await page.clock.install();
    await openKiosk(page);
    await page.getByTestId('screen-idle').waitFor();
    await page.getByTestId('service-A').click();
    await page.getByTestId('screen-result').waitFor();
    const corner = page.getByTestId('corner-countdown');
    await expect.poll(() => corner.textContent()).toContain('90 秒后回到首页'); // the demo hall's 90 s

    const jump = async (ms: number) => {
      const now = await page.evaluate(() => Date.now());
      await page.clock.setSystemTime(now + ms);
    };
    // 30 s in: still the result, no prompt yet.
    await jump(30_000);
    await expect.poll(() => corner.textContent()).toMatch(/(59|60) 秒后回到首页/);
    expect(await page.getByTestId('idle-warning').count()).toBe(0);

    // 65 s in: the big prompt with a continue button.
    await jump(35_000);
    const warning = page.getByTestId('idle-warning');
    await warning.waitFor();
    expect(await page.getByTestId('idle-warning-seconds').textContent()).toMatch(/2[4-5] 秒后回到首页/);
    await page.screenshot({ path: shotPath('kiosk-idle-warning') });
    await expectAxeClean(page, 'idle warning');
    await page.getByTestId('continue').click();
    await warning.waitFor({ state: 'detached' });
    expect(await page.getByTestId('screen-result').count()).toBe(1);
    await expect.poll(() => corner.textContent()).toMatch(/(89|90) 秒后回到首页/);

    // A full idle period without a touch: back to the start screen.
    await jump(91_000);
    await page.getByTestId('screen-idle').waitFor();
    await page.close();
  });
});

describe('printer faults', () => {
  it('browser mode: the server’s printer fails, the ticket stands, reprint prints the same ticket', async () => {
    const admin = await adminClient();
    const dead = await startFakePrinter({ behaviour: 'not_listening' });
    const working = await startFakePrinter();
    try {
      const device = await kioskDevice(admin);
      const setPrinter = async (port: number) => {
        const result = await emitAck(admin.socket, 'admin:deviceUpdate', {
          id: device.id,
          printer: { interface: `tcp://127.0.0.1:${port}`, widthColumns: 48 },
        });
        if (!result.ok) throw new Error(result.error.message);
      };
      await setPrinter(dead.port);

      const page = await newKioskPage();
      const issued: IssuedTicket[] = [];
      page.on('websocket', (ws) =>
        ws.on('framereceived', ({ payload }) => {
          const match = /^43\d+(\[.*)$/s.exec(String(payload));
          const result = match ? (JSON.parse(match[1]!) as [{ ok: boolean; data?: IssuedTicket }])[0] : null;
          if (result?.ok && result.data && 'peopleAhead' in result.data) issued.push(result.data);
        }),
      );
      await openKiosk(page);
      await page.getByTestId('screen-idle').waitFor();
      const before = await activeTicketCount();
      await page.getByTestId('elderly-channel').click();
      await page.getByTestId('service-B').click();
      await page.getByTestId('screen-result').waitFor();
      await page.getByTestId('print-failed').waitFor({ timeout: 20_000 });
      expect(await page.getByTestId('print-failed').textContent()).toBe('打印失败，请记住您的号码或到服务台');
      const number = (await page.getByTestId('ticket-number').textContent())!.trim();
      expect(number).toMatch(/^B-L\d{3}$/);
      await page.screenshot({ path: shotPath('kiosk-result-print-failed') });
      await expectAxeClean(page, 'result (print failed)');
      // The admin console learns of the fault.
      await expect.poll(async () => (await kioskDevice(admin)).printerFault?.ticketNumber).toBe(number);

      await setPrinter(working.port);
      await page.getByTestId('reprint').click();
      await page.getByTestId('print-status').getByText('号票在服务台打印').waitFor({ timeout: 20_000 });
      expect(await page.getByTestId('reprint').count()).toBe(0);
      await working.waitForConnections(1);
      expect(Buffer.concat(working.received()).length).toBeGreaterThan(200);
      expect(dead.received()).toEqual([]);
      // One visitor, one ticket.
      expect(issued).toHaveLength(1);
      expect(await activeTicketCount()).toBe(before + 1);
      await page.close();
    } finally {
      await dead.close();
      await working.close();
      admin.close();
    }
  });

  it('Electron mode: the local printer runs out of paper, the fault is reported, reprint uses the same ticket', async () => {
    const admin = await adminClient();
    try {
      const page = await newKioskPage();
      // The preload's window.kioskHost, faked: Electron cannot run here. First print: paper out.
      await page.addInitScript(
        ({ serverUrl, deviceKey }) => {
          window.__printed = [];
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
            print: async (data) => {
              window.__printed!.push(data);
              return window.__printed!.length === 1
                ? { ok: false, fault: { code: 'paper_out', message: '打印机缺纸 Paper out' } }
                : { ok: true };
            },
            onIdNumberRead: (listener) => {
              window.__idListener = listener as (read: unknown) => void;
              return () => undefined;
            },
            setCheckInReading: async () => undefined,
          };
        },
        { serverUrl: server.url, deviceKey: server.credentials.kioskKey },
      );
      await page.goto(`${server.url}/kiosk/`);
      await page.getByTestId('screen-idle').waitFor();

      // The host's card reader hands over a checked, masked number of a 76-year-old.
      await page.evaluate(() =>
        window.__idListener!({ valid: true, masked: '4405**********1234', birthDate: '1950-03-04' }),
      );
      await page.getByTestId('screen-choose').waitFor();
      expect(await page.getByTestId('choose-title').textContent()).toContain('4405**********1234');
      await page.getByTestId('service-A').click();
      await page.getByTestId('screen-result').waitFor();
      await page.getByTestId('print-failed').waitFor();
      expect(await page.getByTestId('print-fault').textContent()).toContain(
        '打印机缺纸 · 号码有效，不用重新取号',
      );
      const number = (await page.getByTestId('ticket-number').textContent())!.trim();
      expect(number).toMatch(/^A-L\d{3}$/);
      // Electron config's idle time wins over the hall's 90 s.
      expect(await page.getByTestId('corner-countdown').textContent()).toMatch(/1[12]\d 秒后回到首页/);
      await expect.poll(async () => (await kioskDevice(admin)).printerFault?.code).toBe('paper_out');

      await page.getByTestId('reprint').click();
      await page.getByTestId('print-status').getByText('请从下方取走号票').waitFor();
      const printed = await page.evaluate(() => window.__printed!);
      expect(printed).toHaveLength(2);
      expect(printed[1]).toEqual(printed[0]);
      expect(printed[0]).toMatchObject({ number, priorityClass: 'elderly', proxy: false });
      expect(printed[0]!.statusUrl).toMatch(new RegExp(`^${server.url}/t/`));
      await expect.poll(async () => (await kioskDevice(admin)).printerFault).toBeNull();
      await page.close();
    } finally {
      admin.close();
    }
  });
});

// The public ticket status page (the QR code on the ticket) on a phone: follows a ticket live from
// waiting to called to done, says so in words, passes axe-core at AAA, and handles a bad link.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { IssuedTicket, TicketView } from '@hall/shared/contracts/entities';
import { startTestServer, type TestServer } from '../support/testServer';
import {
  connectClient,
  emitAck,
  newRequestId,
  staffAtWindow,
  type ConnectedClient,
} from '../support/clients';
import { checkAxeAAA, describeViolations, launchBrowser, shotPath } from './support/browser';
import { expectEnglishReadable } from './support/bilingualRules';

let server: TestServer;
let browser: Browser;
let kiosk: ConnectedClient;
let staff: ConnectedClient;

async function issue(): Promise<IssuedTicket> {
  const serviceId = kiosk.snapshot.services.find((s) => s.code === 'A')!.id;
  const result = await emitAck<IssuedTicket>(kiosk.socket, 'ticket:issue', {
    requestId: newRequestId(),
    serviceId,
  });
  if (!result.ok) throw new Error(result.error.message);
  return result.data;
}

async function command(event: string, payload?: unknown): Promise<TicketView> {
  const result =
    payload === undefined
      ? await emitAck<TicketView>(staff.socket, event)
      : await emitAck<TicketView>(staff.socket, event, payload);
  if (!result.ok) throw new Error(`${event}: ${result.error.message}`);
  return result.data;
}

async function phone(path: string): Promise<Page> {
  const page = await browser.newPage({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
  });
  await page.goto(`${server.url}${path}`);
  return page;
}

const headline = (page: Page) => page.getByTestId('status-headline').innerText();

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
  kiosk = await connectClient(server.url, { role: 'kiosk', deviceKey: server.credentials.kioskKey });
  const window3 = kiosk.snapshot.windows.find((w) => w.number === 3)!.id;
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

it('follows a ticket from waiting to called to done, live', async () => {
  const first = await issue();
  const mine = await issue();
  expect(mine.statusPath).toMatch(/^\/t\//);

  // the QR code's short address redirects to the status page
  const page = await phone(mine.statusPath);
  expect(new URL(page.url()).pathname).toMatch(/^\/display\/status\//);
  await expect.poll(() => page.getByTestId('status-number').innerText()).toBe(mine.ticket.number);
  expect(await headline(page)).toContain('正在排队');
  expect(await page.getByTestId('status-ahead').innerText()).toContain('前面还有 1 人');
  // One person, not "1 people".
  expect(await page.getByTestId('status-ahead').innerText()).toContain('1 person ahead of you');
  await expectEnglishReadable(page, 'status page waiting');
  expect(await page.getByTestId('status-estimate').innerText()).toMatch(/预计等候约 \d+ 分钟/);
  await page.screenshot({ path: shotPath('status-390x844-waiting'), fullPage: true });
  let violations = await checkAxeAAA(page);
  expect(violations, describeViolations(violations)).toEqual([]);

  // the ticket ahead is called: nobody is ahead any more
  const calledFirst = await command('counter:callNext');
  expect(calledFirst.id).toBe(first.ticket.id);
  await expect.poll(() => page.getByTestId('status-ahead').innerText()).toContain('前面还有 0 人');
  expect(await page.getByTestId('status-ahead').innerText()).toContain('0 people ahead of you');
  expect(await page.getByTestId('status-estimate').innerText()).toContain('马上就到您');
  await command('counter:start', { ticketId: first.ticket.id });
  await command('counter:finish', { ticketId: first.ticket.id });

  // my turn
  const calledMine = await command('counter:callNext');
  expect(calledMine.id).toBe(mine.ticket.id);
  await expect.poll(() => headline(page)).toContain('轮到您了');
  expect(await headline(page)).toContain('请到 3 号窗口');
  expect(await headline(page)).toContain("It's your turn: window 3");
  await expectEnglishReadable(page, 'status page called');
  expect(await page.getByTestId('status-ahead').count()).toBe(0);
  expect(await page.title()).toContain(mine.ticket.number);
  await page.screenshot({ path: shotPath('status-390x844-called'), fullPage: true });
  violations = await checkAxeAAA(page);
  expect(violations, describeViolations(violations)).toEqual([]);

  await command('counter:start', { ticketId: mine.ticket.id });
  await expect.poll(() => headline(page)).toContain('正在 3 号窗口办理');
  await command('counter:finish', { ticketId: mine.ticket.id });
  await expect.poll(() => headline(page)).toContain('业务已办结');
  expect(await headline(page)).toContain('Finished');
  await page.close();
});

it('says in words when a visitor missed the call', async () => {
  const mine = await issue();
  const page = await phone(mine.statusPath);
  await expect.poll(() => headline(page)).toContain('正在排队');
  await command('counter:callNext');
  await expect.poll(() => headline(page)).toContain('轮到您了');
  await command('counter:noShow', { ticketId: mine.ticket.id });
  await expect.poll(() => headline(page)).toContain('已过号');
  expect(await headline(page)).toContain('Missed');
  await page.screenshot({ path: shotPath('status-390x844-no-show'), fullPage: true });
  await page.close();
});

it('shows a clear message for an unknown or cut-off link, never a blank page', async () => {
  for (const path of [
    '/display/status/AAAAAAAAAAAAAAAAAAAAAAAA',
    '/display/status/short',
    '/t/AAAAAAAAAAAAAAAAAAAAAAAA',
  ]) {
    const page = await phone(path);
    await expect
      .poll(() => page.getByTestId('status-error').innerText(), { timeout: 10_000 })
      .toContain('找不到这张号票');
    expect(await page.getByTestId('status-error').innerText()).toContain('cannot be found');
    if (path === '/display/status/short') {
      const violations = await checkAxeAAA(page);
      expect(violations, describeViolations(violations)).toEqual([]);
      await page.screenshot({ path: shotPath('status-390x844-not-found') });
    }
    await page.close();
  }
});

// Staff console in real Chromium against the real server: two consoles (an elderly window and an
// ordinary one), tickets issued by a kiosk socket, calls watched by a display socket. Checks that
// calls follow the queue policy, transfer and requeue land where the policy says, finish marks are
// stored, shortcuts work, refusals are explained, an expired session returns to sign-in, and two
// consoles pressing call-next together never get the same ticket.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { IssuedTicket, WindowStats } from '@hall/shared/contracts/entities';
import { startTestServer, type TestServer } from '../support/testServer';
import {
  connectClient,
  emitAck,
  login,
  newRequestId,
  onDeltas,
  type ConnectedClient,
  type KioskClient,
} from '../support/clients';
import { checkAxeAAA, describeViolations, launchBrowser, shotPath } from './support/browser';

const VIEWPORT = { width: 1366, height: 768 };

interface Console {
  context: BrowserContext;
  page: Page;
}

async function openConsole(browser: Browser, url: string): Promise<Console> {
  const context = await browser.newContext({ viewport: VIEWPORT, locale: 'zh-CN' });
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error('[console page error]', error));
  await page.goto(`${url}/console/login`);
  await page.waitForSelector('input[name=username]');
  return { context, page };
}

async function signIn(page: Page, username: string, password: string): Promise<void> {
  await page.fill('input[name=username]', username);
  await page.fill('input[name=password]', password);
  await page.click('button[type=submit]');
}

/**
 * Signs in, claims the window by its number and opens it, all through the UI. `switching`: the
 * account still holds another window, so the page asks first (one account, one window) and the
 * person confirms closing that one.
 */
async function startAtWindow(
  page: Page,
  username: string,
  password: string,
  windowNumber: number,
  switching = false,
): Promise<void> {
  await signIn(page, username, password);
  await page.waitForURL(/\/console\/(window|counter)$/);
  // An account that still holds a window lands on the counter: go and choose this one.
  if (!page.url().endsWith('/window')) await page.click('nav a[href="/console/window"]');
  await page.click(`[data-test=claim-${windowNumber}]`);
  if (switching) {
    await page.waitForSelector('[data-test=switch-window]');
    expect(await page.textContent('[data-test=switch-text]')).toContain('此账号正在使用');
    await expectAccessible(page);
    await shot(page, 'switch-window');
    await page.click('[data-test=switch-window] [data-test=dialog-confirm]');
  }
  await page.waitForURL(/\/console\/counter$/);
  await page.click('[data-test=window-open]');
  await expect.poll(() => page.textContent('[data-test=window-state]')).toContain('已开启');
}

const currentNumber = (page: Page) =>
  page
    .locator('[data-test=current-number]')
    .textContent({ timeout: 1000 })
    .then((t) => t?.trim() ?? null)
    .catch(() => null);

const waitingNumbers = (page: Page) =>
  page.$$eval('[data-test=waiting-list] li .num', (els) => els.map((e) => e.textContent?.trim() ?? ''));

const errorText = (page: Page) =>
  page
    .locator('[data-test=message-error]')
    .textContent({ timeout: 1000 })
    .catch(() => '');

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: shotPath(`staff-${name}`) });
}

async function expectAccessible(page: Page): Promise<void> {
  const violations = await checkAxeAAA(page);
  expect(violations, describeViolations(violations)).toEqual([]);
}

function kioskIssuer(kiosk: KioskClient) {
  const serviceId = (code: string) => kiosk.snapshot.services.find((s) => s.code === code)!.id;
  return async (
    code: string,
    priorityClass = 'normal',
    proxyRelation: string | null = null,
  ): Promise<IssuedTicket> => {
    const result = await emitAck<IssuedTicket>(kiosk.socket, 'ticket:issue', {
      requestId: newRequestId(),
      serviceId: serviceId(code),
      priorityClass,
      proxy: proxyRelation !== null,
      proxyRelation,
    });
    if (!result.ok) throw new Error(result.error.message);
    return result.data;
  };
}

async function statsOf(url: string, username: string, password: string): Promise<WindowStats> {
  const session = await login(url, username, password);
  const client = await connectClient(url, { role: 'staff', sessionToken: session.token });
  try {
    const result = await emitAck<{ stats: WindowStats }>(client.socket, 'counter:current');
    if (!result.ok) throw new Error(result.error.message);
    return result.data.stats;
  } finally {
    client.close();
  }
}

describe('staff console: serving with two windows', () => {
  let server: TestServer;
  let browser: Browser;
  let kiosk: KioskClient;
  let display: ConnectedClient;
  let issue: ReturnType<typeof kioskIssuer>;
  let elderly: Console; // staff at window 1 (elderly window, all services)
  let ordinary: Console; // admin account at window 3 (ordinary, service A only)
  const calls: { number: string; window: number; recall: boolean }[] = [];

  beforeAll(async () => {
    // A requeued no-show goes back after 1 place, so the test can see it land mid-queue.
    server = await startTestServer({ rules: { requeueOffset: 1, mixRatio: 2 } });
    kiosk = await connectClient(server.url, { role: 'kiosk', deviceKey: server.credentials.kioskKey });
    display = await connectClient(server.url, { role: 'display', deviceKey: server.credentials.displayKey });
    onDeltas(display.socket, (d) => {
      if (d.type === 'ticket:called')
        calls.push({ number: d.ticket.number, window: d.call.windowNumber, recall: d.call.recall });
    });
    issue = kioskIssuer(kiosk);
    browser = await launchBrowser();
    elderly = await openConsole(browser, server.url);
    ordinary = await openConsole(browser, server.url);
  });

  afterAll(async () => {
    await browser?.close();
    kiosk?.close();
    display?.close();
    await server?.close();
  });

  it('signs both consoles in and opens their windows; the window page is accessible', async () => {
    const { staff, admin } = server.credentials;
    await signIn(elderly.page, staff.username, staff.password);
    await elderly.page.waitForURL(/\/console\/window$/);
    await elderly.page.waitForSelector('[data-test=claim-1]');
    await shot(elderly.page, 'choose-window');
    await expectAccessible(elderly.page);
    await elderly.page.click('[data-test=claim-1]');
    await elderly.page.waitForURL(/\/console\/counter$/);
    await elderly.page.click('[data-test=window-open]');
    await expect.poll(() => elderly.page.textContent('[data-test=window-state]')).toContain('已开启');
    await expect.poll(() => elderly.page.textContent('[data-test=window-kind]')).toContain('老年人专窗');

    // The admin account works a counter too (the server gives it the admin role).
    await startAtWindow(ordinary.page, admin.username, admin.password, 3);
    await expect.poll(() => ordinary.page.textContent('header')).toContain('管理员');
  });

  it('lists the waiting tickets in policy order and calls by it: the elderly window takes priority first', async () => {
    await issue('A'); // A001
    await issue('A'); // A002
    await issue('A', 'elderly', '子女'); // A-L003, taken by a relative
    await issue('A'); // A004
    await issue('A', 'elderly'); // A-L005

    await expect
      .poll(() => waitingNumbers(elderly.page))
      .toEqual(['A-L003', 'A-L005', 'A001', 'A002', 'A004']);
    await expect.poll(() => elderly.page.textContent('[data-test=waiting-list] li')).toContain('老年人优先');
    // Ordinary window, mixing ratio 2: two normal tickets, then one priority ticket.
    await expect
      .poll(() => waitingNumbers(ordinary.page))
      .toEqual(['A001', 'A002', 'A-L003', 'A004', 'A-L005']);

    await elderly.page.keyboard.press('n');
    await expect.poll(() => currentNumber(elderly.page)).toBe('A-L003');
    await expect.poll(() => elderly.page.textContent('[data-test=current-class]')).toContain('老年人优先');
    await expect.poll(() => elderly.page.textContent('[data-test=current-proxy]')).toContain('代办（子女）');
    await shot(elderly.page, 'counter-called-priority');
    await expectAccessible(elderly.page);

    await expect.poll(() => waitingNumbers(ordinary.page)).toEqual(['A001', 'A002', 'A-L005', 'A004']);
    await ordinary.page.click('[data-test=action-callNext]');
    await expect.poll(() => currentNumber(ordinary.page)).toBe('A001');

    await expect
      .poll(() => calls.slice())
      .toEqual([
        { number: 'A-L003', window: 1, recall: false },
        { number: 'A001', window: 3, recall: false },
      ]);
  });

  it('explains disabled buttons and refuses a shortcut for an impossible action in words', async () => {
    const reason = await elderly.page.textContent('[data-test=action-callNext-reason]');
    expect(reason).toContain('请先处理当前号 A-L003');
    await elderly.page.keyboard.press('f'); // finish before start: impossible
    await expect.poll(() => errorText(elderly.page)).toContain('请先开始办理 A-L003');
    await expect(elderly.page.isVisible('[data-test=finish-dialog]')).resolves.toBe(false);
  });

  it('recalls, starts and finishes with marks by keyboard, and the marks are stored', async () => {
    await elderly.page.keyboard.press('r');
    await expect.poll(() => calls.at(-1)).toEqual({ number: 'A-L003', window: 1, recall: true });
    await expect.poll(() => elderly.page.textContent('[data-test=current-call-count]')).toBe('2');

    await elderly.page.keyboard.press('s');
    await expect.poll(() => elderly.page.textContent('[data-test=current-state]')).toContain('正在办理');

    await elderly.page.keyboard.press('f');
    await elderly.page.waitForSelector('[data-test=finish-dialog]');
    // A ticket taken by a relative starts with proxy ticked and the relationship filled in.
    await expect(elderly.page.isChecked('[data-test=mark-proxy]')).resolves.toBe(true);
    await expect(elderly.page.inputValue('[data-test=mark-relation]')).resolves.toBe('子女');
    await elderly.page.check('[data-test=mark-payment]');
    await elderly.page.check('[data-test=mark-form-help]');
    await elderly.page.fill('[data-test=mark-note]', '现金缴费');
    await shot(elderly.page, 'finish-dialog');
    await expectAccessible(elderly.page);
    await elderly.page.keyboard.press('Enter');

    await expect.poll(() => elderly.page.isVisible('[data-test=current-empty]')).toBe(true);
    await expect.poll(() => elderly.page.textContent('[data-test=stat-served]')).toContain('1');
    await expect.poll(() => elderly.page.textContent('[data-test=stat-assistedPayment]')).toContain('1');
    await expect.poll(() => elderly.page.textContent('[data-test=stat-proxy]')).toContain('1');

    const stats = await statsOf(
      server.url,
      server.credentials.staff.username,
      server.credentials.staff.password,
    );
    expect(stats).toMatchObject({ served: 1, proxy: 1, assistedPayment: 1, priorityServed: 1 });
    const db = new Database(server.dbFile, { readonly: true, fileMustExist: true });
    try {
      const row = db.prepare(`SELECT marks_json FROM tickets WHERE number = 'A-L003'`).get() as {
        marks_json: string;
      };
      expect(JSON.parse(row.marks_json)).toEqual({
        proxy: true,
        proxyRelation: '子女',
        assistedPayment: true,
        formHelp: true,
        note: '现金缴费',
      });
    } finally {
      db.close();
    }
  });

  it('marks a no-show and requeues it after the configured number of places', async () => {
    await ordinary.page.keyboard.press('x');
    await expect.poll(() => ordinary.page.textContent('[data-test=recent-no-shows]')).toContain('A001');
    await ordinary.page.keyboard.press('q');
    await ordinary.page.waitForSelector('[data-test=requeue-dialog]');
    await expect(ordinary.page.isChecked('[data-test=requeue-A001]')).resolves.toBe(true);
    await ordinary.page.keyboard.press('Enter');
    await expect.poll(() => ordinary.page.textContent('[data-test=recent-no-shows]')).not.toContain('A001');

    // requeueOffset 1: A001 goes behind exactly one of those waiting for its windows — the one
    // this window calls next (A002: it has called one normal ticket since its last priority one,
    // the ratio asks for another normal) — and is then next here: A002, A001, A-L005, A004.
    await expect.poll(() => waitingNumbers(ordinary.page)).toEqual(['A002', 'A001', 'A-L005', 'A004']);
    await ordinary.page.keyboard.press('n');
    await expect.poll(() => currentNumber(ordinary.page)).toBe('A002');
  });

  it('transfers to another service keeping the issue time, and the ticket lands where the policy says', async () => {
    const later = await issue('B'); // B001, issued after A002
    await ordinary.page.keyboard.press('t');
    await ordinary.page.waitForSelector('[data-test=transfer-dialog]');
    await ordinary.page.check('[data-test=transfer-service-B]');
    await shot(ordinary.page, 'transfer-dialog');
    await expectAccessible(ordinary.page);
    await ordinary.page.keyboard.press('Enter');
    await expect.poll(() => ordinary.page.isVisible('[data-test=current-empty]')).toBe(true);
    await expect.poll(() => ordinary.page.textContent('[data-test=stat-transferred]')).toContain('1');

    // Window 3 serves only A: the transferred ticket is not in its list. A001's place has come (A002
    // was called): it is next at every window that serves it.
    await expect.poll(() => waitingNumbers(ordinary.page)).toEqual(['A001', 'A-L005', 'A004']);
    // The elderly window serves B: the transferred ticket keeps A002's issue time, so it sits
    // ahead of A004 and the later B ticket (after A001 and the priority ticket).
    await expect
      .poll(() => waitingNumbers(elderly.page))
      .toEqual(['A001', 'A-L005', 'A002', 'A004', later.ticket.number]);
  });

  it('calls a specific number, and explains why another window’s ticket cannot be called', async () => {
    await elderly.page.keyboard.press('n');
    await expect.poll(() => currentNumber(elderly.page)).toBe('A001');

    await ordinary.page.keyboard.press('g');
    await ordinary.page.waitForSelector('[data-test=call-specific-dialog]');
    await ordinary.page.fill('[data-test=call-specific-input]', 'zz');
    await ordinary.page.keyboard.press('Enter');
    await expect
      .poll(() => ordinary.page.textContent('[data-test=call-specific-dialog]'))
      .toContain('号码格式不对');
    await ordinary.page.fill('[data-test=call-specific-input]', 'A001');
    await ordinary.page.keyboard.press('Enter');
    await expect.poll(() => errorText(ordinary.page)).toContain('该号已被 1 号窗口呼叫');
    await expect.poll(() => errorText(ordinary.page)).toContain('The ticket was called by window 1');
    await shot(ordinary.page, 'refusal-called-elsewhere');
    await expectAccessible(ordinary.page);

    await ordinary.page.keyboard.press('g');
    await ordinary.page.fill('[data-test=call-specific-input]', 'a004');
    await ordinary.page.keyboard.press('Enter');
    await expect.poll(() => currentNumber(ordinary.page)).toBe('A004');
    expect(await errorText(ordinary.page)).toBe('');
  });

  it('serves the transferred ticket at the elderly window under its new service', async () => {
    // A001, then the priority ticket (first at the elderly window), then the transferred one.
    for (const expected of ['A001', 'A-L005']) {
      await expect.poll(() => currentNumber(elderly.page)).toBe(expected);
      await elderly.page.keyboard.press('s');
      await expect.poll(() => elderly.page.textContent('[data-test=current-state]')).toContain('正在办理');
      await elderly.page.keyboard.press('f');
      await elderly.page.waitForSelector('[data-test=finish-dialog]');
      await elderly.page.keyboard.press('Enter');
      await expect.poll(() => elderly.page.isVisible('[data-test=current-empty]')).toBe(true);
      if (expected === 'A001') {
        await elderly.page.keyboard.press('n');
      }
    }
    await elderly.page.keyboard.press('F2'); // the second key for call-next
    await expect.poll(() => currentNumber(elderly.page)).toBe('A002');
    await expect.poll(() => elderly.page.textContent('[data-test=current-ticket]')).toContain('户籍业务');
  });

  it('pauses with a reason and resumes; call-next is refused while paused', async () => {
    const page = ordinary.page;
    await page.keyboard.press('x'); // A004 did not come
    await expect.poll(() => page.isVisible('[data-test=current-empty]')).toBe(true);
    await page.keyboard.press('p');
    await page.waitForSelector('[data-test=pause-dialog]');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.textContent('[data-test=window-state]')).toContain('暂停服务');
    await expect.poll(() => page.textContent('[data-test=pause-reason]')).toContain('短暂休息');
    await expect.poll(() => page.textContent('[data-test=action-callNext-reason]')).toContain('窗口已暂停');
    await page.keyboard.press('n');
    await expect.poll(() => errorText(page)).toContain('窗口已暂停');
    await shot(page, 'paused');
    await page.keyboard.press('p');
    await expect.poll(() => page.textContent('[data-test=window-state]')).toContain('已开启');
  });

  it('shows the help panel with every key, and switches to English', async () => {
    const page = ordinary.page;
    await page.keyboard.press('?');
    await page.waitForSelector('[data-test=help-dialog]');
    const help = await page.textContent('[data-test=help-dialog]');
    for (const words of [
      '呼叫下一位',
      '重呼',
      '开始办理',
      '办结',
      '过号',
      '过号重排',
      '转移',
      '指定呼叫',
      '暂停',
    ]) {
      expect(help).toContain(words);
    }
    await shot(page, 'help');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.isVisible('[data-test=help-dialog]')).toBe(false);

    await page.click('header button[lang=en]');
    await expect.poll(() => page.textContent('[data-test=action-callNext]')).toContain('Call next');
    await shot(page, 'counter-english');
    await expectAccessible(page);
    await page.click('header button[lang=zh-CN]');
    await expect.poll(() => page.textContent('[data-test=action-callNext]')).toContain('呼叫下一位');
  });

  it('every call reached the display with its window', () => {
    expect(calls).toEqual([
      { number: 'A-L003', window: 1, recall: false },
      { number: 'A001', window: 3, recall: false },
      { number: 'A-L003', window: 1, recall: true },
      { number: 'A002', window: 3, recall: false },
      { number: 'A001', window: 1, recall: false },
      { number: 'A004', window: 3, recall: false },
      { number: 'A-L005', window: 1, recall: false },
      { number: 'A002', window: 1, recall: false },
    ]);
  });

  it('after a reconnect, learns which ticket its window holds', async () => {
    const page = ordinary.page;
    await expect.poll(() => page.isVisible('[data-test=current-empty]')).toBe(true);
    await server.stop();
    await expect.poll(() => page.textContent('header')).toContain('连接已断开');
    await server.start();
    // While this console is away, the same account calls the next ticket from elsewhere, as if
    // the console's own call-next had gone through but its answer was lost.
    // Someone waits for window 3 (every A ticket so far was served or missed), taken at a kiosk
    // that connects to the restarted server.
    const kioskAgain = await connectClient(server.url, {
      role: 'kiosk',
      deviceKey: server.credentials.kioskKey,
    });
    await kioskIssuer(kioskAgain)('A');
    kioskAgain.close();
    const { admin } = server.credentials;
    const session = await login(server.url, admin.username, admin.password);
    const other = await connectClient(server.url, { role: 'staff', sessionToken: session.token });
    const called = await emitAck<{ number: string }>(other.socket, 'counter:callNext');
    other.close();
    expect(called.ok).toBe(true);
    const number = called.ok ? called.data.number : '';
    await expect.poll(() => page.textContent('header'), { timeout: 15_000 }).toContain('已连接');
    await expect.poll(() => currentNumber(page), { timeout: 15_000 }).toBe(number);
  });
});

describe('staff console: sign-in and session', () => {
  let server: TestServer;
  let browser: Browser;
  let now = Date.now();

  beforeAll(async () => {
    server = await startTestServer({ clock: () => now, rules: { staffIdleMinutes: 30 } });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('refuses a wrong password with the reason in both languages', async () => {
    const { page, context } = await openConsole(browser, server.url);
    await signIn(page, server.credentials.staff.username, 'not-the-password');
    await expect.poll(() => page.textContent('[data-test=login-error]')).toContain('用户名或密码错误');
    await expect
      .poll(() => page.textContent('[data-test=login-error]'))
      .toContain('Wrong username or password');
    expect(page.url()).toMatch(/\/console\/login$/);
    await shot(page, 'login-refused');
    await expectAccessible(page);
    await context.close();
  });

  it('sends a console whose session idled out back to sign-in with the reason', async () => {
    const { page, context } = await openConsole(browser, server.url);
    await startAtWindow(page, server.credentials.staff.username, server.credentials.staff.password, 2);
    now += 31 * 60_000; // longer than the hall's 30 idle minutes
    await page.keyboard.press('p');
    await page.waitForSelector('[data-test=pause-dialog]');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/console\/login$/);
    await expect.poll(() => page.textContent('[data-test=login-error]')).toContain('登录已超时，请重新登录');
    const stored = await page.evaluate(() => sessionStorage.getItem('hallConsole.session'));
    expect(stored).toBeNull();
    await shot(page, 'session-expired');
    await context.close();
  });

  it('sends a console back to sign-in when its session is ended from outside', async () => {
    const { page, context } = await openConsole(browser, server.url);
    // The session that idled out above left window 2 held by this account: moving on is confirmed.
    await startAtWindow(page, server.credentials.staff.username, server.credentials.staff.password, 5, true);
    const token = await page.evaluate(
      () => (JSON.parse(sessionStorage.getItem('hallConsole.session') ?? '{}') as { token?: string }).token,
    );
    expect(token).toBeTruthy();
    const response = await fetch(`${server.url}/api/logout`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(response.ok).toBe(true);
    await page.waitForURL(/\/console\/login$/);
    await expect.poll(() => page.textContent('[data-test=login-error]')).toContain('请重新登录');
    await context.close();
  });

  it('keeps a staff account out of admin pages, saying why', async () => {
    const { page, context } = await openConsole(browser, server.url);
    await signIn(page, server.credentials.staff.username, server.credentials.staff.password);
    await page.waitForURL(/\/console\/(window|counter)$/);
    expect(await page.locator('nav a[href^="/console/admin"]').count()).toBe(0);
    await page.goto(`${server.url}/console/admin/monitor`);
    await page.waitForURL(/\/console\/(window|counter)$/);
    await expect.poll(() => errorText(page)).toContain('该页面需要管理员权限');
    await context.close();
  });

  it('signs out with the button and lands on the sign-in page', async () => {
    const { page, context } = await openConsole(browser, server.url);
    await signIn(page, server.credentials.staff.username, server.credentials.staff.password);
    await page.waitForURL(/\/console\/(window|counter)$/);
    await page.click('[data-test=sign-out]');
    await page.waitForURL(/\/console\/login$/);
    await page.goto(`${server.url}/console/counter`);
    await page.waitForURL(/\/console\/login$/);
    await context.close();
  });
});

describe('staff console: two consoles pressing call-next together', () => {
  let server: TestServer;
  let browser: Browser;
  let kiosk: KioskClient;

  beforeAll(async () => {
    server = await startTestServer({ extraStaff: ['staff2'] });
    kiosk = await connectClient(server.url, { role: 'kiosk', deviceKey: server.credentials.kioskKey });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    kiosk?.close();
    await server?.close();
  });

  it('never hands the same ticket to two windows', async () => {
    const issue = kioskIssuer(kiosk);
    const one = await openConsole(browser, server.url);
    const two = await openConsole(browser, server.url);
    // Windows 3 and 4 both serve A.
    await startAtWindow(one.page, server.credentials.staff.username, server.credentials.staff.password, 3);
    await startAtWindow(two.page, 'staff2', 'staff2-pass', 4);

    for (let round = 0; round < 3; round += 1) {
      const a = await issue('A');
      const b = await issue('A');
      await expect.poll(() => waitingNumbers(one.page)).toHaveLength(2);
      await expect.poll(() => waitingNumbers(two.page)).toHaveLength(2);
      await Promise.all([one.page.keyboard.press('n'), two.page.keyboard.press('n')]);
      await expect.poll(() => currentNumber(one.page)).not.toBeNull();
      await expect.poll(() => currentNumber(two.page)).not.toBeNull();
      const got = [await currentNumber(one.page), await currentNumber(two.page)];
      expect(new Set(got)).toEqual(new Set([a.ticket.number, b.ticket.number]));
      for (const c of [one, two]) {
        await c.page.keyboard.press('x');
        await expect.poll(() => c.page.isVisible('[data-test=current-empty]')).toBe(true);
      }
    }

    // One ticket, two presses: one window gets it, the other is told why not.
    const last = await issue('A');
    await expect.poll(() => waitingNumbers(one.page)).toHaveLength(1);
    await expect.poll(() => waitingNumbers(two.page)).toHaveLength(1);
    await Promise.all([one.page.keyboard.press('n'), two.page.keyboard.press('n')]);
    await expect
      .poll(async () => [await currentNumber(one.page), await currentNumber(two.page)].filter(Boolean))
      .toEqual([last.ticket.number]);
    const loser = (await currentNumber(one.page)) ? two.page : one.page;
    await expect.poll(() => errorText(loser)).toMatch(/没有等候的号|数据冲突/);
    await shot(loser, 'race-loser');
  });

  it('transfers to one particular window, where alone it is called', async () => {
    const one = await openConsole(browser, server.url);
    const two = await openConsole(browser, server.url);
    await signIn(one.page, server.credentials.staff.username, server.credentials.staff.password);
    await signIn(two.page, 'staff2', 'staff2-pass');
    for (const c of [one, two]) {
      await c.page.waitForURL(/\/console\/counter$/);
      await expect.poll(() => c.page.textContent('[data-test=window-state]')).toContain('已开启');
    }
    // Whoever holds the last ticket from the race test lets it go first.
    for (const c of [one, two]) {
      if (await c.page.isVisible('[data-test=current-number]')) await c.page.keyboard.press('x');
      await expect.poll(() => c.page.isVisible('[data-test=current-empty]')).toBe(true);
    }
    const ticket = await kioskIssuer(kiosk)('A');
    await one.page.keyboard.press('n');
    await expect.poll(() => currentNumber(one.page)).toBe(ticket.ticket.number);
    // As a person would, wait until the console offers the transfer (its answer to the call and the
    // window's refresh may still be on their way on a busy machine); else the refusal says why.
    await expect
      .poll(
        async () =>
          (await one.page.isEnabled('[data-test=action-transfer]'))
            ? 'enabled'
            : await one.page.textContent('[data-test=action-transfer-reason]'),
        { timeout: 15_000 },
      )
      .toBe('enabled');

    await one.page.keyboard.press('t');
    await one.page.waitForSelector('[data-test=transfer-dialog]');
    await one.page.check('[data-test=transfer-service-A]');
    // Same service without a window is refused in words, before anything is sent.
    await expect
      .poll(() => one.page.textContent('[data-test=transfer-dialog]'))
      .toContain('请指定另一个窗口');
    await expect(one.page.isDisabled('[data-test=transfer-dialog] [data-test=dialog-confirm]')).resolves.toBe(
      true,
    );
    const window4 = (
      await one.page.$$eval('[data-test=transfer-window] option', (os) =>
        os.filter((o) => o.textContent?.includes('4 号窗口')).map((o) => (o as HTMLOptionElement).value),
      )
    )[0]!;
    await one.page.selectOption('[data-test=transfer-window]', window4);
    await one.page.keyboard.press('Enter');
    await expect.poll(() => one.page.isVisible('[data-test=current-empty]')).toBe(true);

    // Window 3 may not call it; window 4 gets it.
    await one.page.keyboard.press('n');
    await expect.poll(() => errorText(one.page)).toContain('没有等候的号');
    expect(await currentNumber(one.page)).toBeNull();
    await two.page.keyboard.press('n');
    await expect.poll(() => currentNumber(two.page)).toBe(ticket.ticket.number);
  });
});

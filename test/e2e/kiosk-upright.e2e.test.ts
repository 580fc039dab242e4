// The upright kiosk in Chromium against the real server, at the two upright panel sizes halls buy
// (1080×1920 and 768×1366): a layout of its own chosen by the panel's shape, every DESIGN §6 number
// measured as rendered on every step (text ≥ 32 px, buttons ≥ 200×120, ≥ 24 px apart, the number
// ≥ 160 px, nothing cut off), axe-core at AAA, two taps to a ticket on each priority way in, and
// the hall's other priority classes. Screenshots go to /tmp/shots (kiosk-upright-*).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { TicketView } from '@hall/shared/contracts/entities';
import { DEFAULT_RULES } from '@hall/shared/defaults';
import { startTestServer, type TestServer } from '../support/testServer';
import { connectClient, emitAck, login } from '../support/clients';
import { checkAxeAAA, describeViolations, launchBrowser, shotPath } from './support/browser';
import { area, expectDesignRules, measureScreen } from './support/screenRules';

let server: TestServer;
let browser: Browser;

declare global {
  interface Window {
    __spoken?: string[];
  }
}

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function openKiosk(width: number, height: number, key = server.credentials.kioskKey): Promise<Page> {
  const page = await browser.newPage({ viewport: { width, height } });
  await page.addInitScript(() => {
    window.__spoken = [];
    window.addEventListener('kiosk:voice', (e) =>
      window.__spoken!.push((e as CustomEvent<{ text: string }>).detail.text),
    );
  });
  await page.goto(`${server.url}/kiosk/?key=${encodeURIComponent(key)}`);
  return page;
}

async function expectAxeClean(page: Page, label: string): Promise<void> {
  const violations = await checkAxeAAA(page);
  expect(violations, `${label}:\n${describeViolations(violations)}`).toEqual([]);
}

/** Measures the screen against DESIGN §6, runs axe, and keeps a screenshot to look at. */
async function checkStep(page: Page, size: string, step: string): Promise<void> {
  const label = `${size} ${step}`;
  const measured = await measureScreen(page);
  expect(measured.orientation, label).toBe('portrait');
  expectDesignRules(measured, label);
  await expectAxeClean(page, label);
  await page.screenshot({ path: shotPath(`kiosk-upright-${size}-${step}`) });
}

async function renderedNumberSize(page: Page): Promise<{ size: number; fits: boolean }> {
  return page.getByTestId('ticket-number').evaluate((el) => {
    const zoom = (el as Element & { currentCSSZoom?: number }).currentCSSZoom ?? 1;
    const card = el.closest('section')!.getBoundingClientRect();
    const box = el.getBoundingClientRect();
    return {
      size: parseFloat(getComputedStyle(el).fontSize) * zoom,
      fits: el.scrollWidth <= el.clientWidth + 1 && box.left >= card.left && box.right <= card.right,
    };
  });
}

async function staffTicket(number: string): Promise<TicketView | undefined> {
  const session = await login(
    server.url,
    server.credentials.staff.username,
    server.credentials.staff.password,
  );
  const staff = await connectClient(server.url, { role: 'staff', sessionToken: session.token });
  try {
    return staff.snapshot.activeTickets.find((t) => t.number === number);
  } finally {
    staff.close();
  }
}

describe.each([
  { width: 1080, height: 1920, zoom: 1080 / 768 },
  { width: 768, height: 1366, zoom: 1 },
])('upright kiosk at $width×$height', ({ width, height, zoom }) => {
  const size = `${width}x${height}`;

  it('the start screen is the upright layout: green channel first and biggest, every number of §6', async () => {
    const page = await openKiosk(width, height);
    await page.getByTestId('screen-idle').waitFor();
    const measured = await measureScreen(page);
    // Drawn on the 768×1366 canvas: true size on 768×1366, never shrunk on a larger upright panel.
    expect(measured.zoom).toBeCloseTo(zoom, 2);
    await checkStep(page, size, 'idle');

    const buttons = measured.buttons;
    const green = buttons.find((b) => b.testId === 'elderly-channel')!;
    const others = buttons.filter((b) => b !== green);
    expect(others.length).toBeGreaterThanOrEqual(9); // 2 classes, proxy, ID, 4 services, language
    for (const b of others) {
      expect(area(green), `green channel bigger than "${b.name}"`).toBeGreaterThan(area(b));
      if (b.testId !== 'language-toggle')
        expect(green.top, `green channel above "${b.name}"`).toBeLessThan(b.top);
    }
    // Upright means one column: the green channel spans the width, the services sit below it.
    expect(green.right - green.left).toBeGreaterThan(width * 0.9);
    // The other priority classes, large, with the rule in words.
    for (const id of ['disabled', 'military']) {
      const b = buttons.find((x) => x.testId === `priority-${id}`)!;
      expect(b.bottom - b.top).toBeGreaterThanOrEqual(120);
    }
    expect(await page.getByTestId('priority-disabled').textContent()).toContain('残疾人优先');
    expect(await page.getByTestId('priority-military').textContent()).toContain('凭证件优先办理');
    expect(await page.getByTestId('rule-text').textContent()).toContain('普通窗口每 2 位穿插 1 位');
    // The welcome does not point to "the left": on an upright panel the green channel is on top.
    expect(await page.evaluate(() => window.__spoken ?? [])).toContain(
      '欢迎。六十岁以上的老人，请点绿色的老年人绿色通道。',
    );
    await page.close();
  });

  it('an elderly visitor: two taps to a priority ticket, the number ≥ 160 px as rendered', async () => {
    const page = await openKiosk(width, height);
    await page.getByTestId('screen-idle').waitFor();
    await page.getByTestId('elderly-channel').click(); // tap 1
    await page.getByTestId('screen-choose').waitFor();
    await checkStep(page, size, 'choose-elderly');
    await page.getByTestId('service-A').click(); // tap 2
    await page.getByTestId('screen-result').waitFor();
    await page.locator('.qr svg').waitFor();
    await page.getByTestId('print-status').getByText('号票在服务台打印').waitFor();
    await checkStep(page, size, 'result');

    const number = (await page.getByTestId('ticket-number').textContent())!.trim();
    expect(number).toMatch(/^A-L\d{3}$/);
    const shown = await renderedNumberSize(page);
    expect(shown.size).toBeGreaterThanOrEqual(160);
    expect(shown.fits).toBe(true);
    expect((await staffTicket(number))?.priorityClass).toBe('elderly');
    await page.getByTestId('done').click();
    await page.getByTestId('screen-idle').waitFor();
    await page.close();
  });

  it('a military visitor: two taps, the rule in words, a military priority ticket', async () => {
    const page = await openKiosk(width, height);
    await page.getByTestId('screen-idle').waitFor();
    await page.getByTestId('priority-military').click(); // tap 1
    await page.getByTestId('screen-choose').waitFor();
    expect(await page.getByTestId('choose-title').textContent()).toContain('军人优先');
    expect(await page.getByTestId('choose-hint').textContent()).toContain('请在窗口出示证件');
    await checkStep(page, size, 'choose-military');
    await page.getByTestId('service-B').click(); // tap 2
    await page.getByTestId('screen-result').waitFor();
    const number = (await page.getByTestId('ticket-number').textContent())!.trim();
    expect(number).toMatch(/^B-J\d{3}$/);
    expect(await page.getByTestId('priority-mark').textContent()).toContain('军人优先');
    await page.locator('.qr svg').waitFor();
    await checkStep(page, size, 'result-military');
    expect((await staffTicket(number))?.priorityClass).toBe('military');
    await page.close();
  });

  it('a relative for a disabled person: proxy, for whom and relationship cost no tap', async () => {
    const page = await openKiosk(width, height);
    await page.getByTestId('screen-idle').waitFor();
    await page.getByTestId('proxy').click(); // tap 1
    await page.getByTestId('screen-choose').waitFor();
    await page.getByTestId('proxy-for-disabled').click(); // optional
    await page.getByTestId('relation-spouse').click(); // optional
    expect(await page.getByTestId('proxy-for-disabled').getAttribute('aria-pressed')).toBe('true');
    await checkStep(page, size, 'choose-proxy');
    await page.getByTestId('service-C').click(); // tap 2
    await page.getByTestId('screen-result').waitFor();
    const number = (await page.getByTestId('ticket-number').textContent())!.trim();
    expect(await staffTicket(number)).toMatchObject({
      priorityClass: 'disabled',
      proxy: true,
      proxyRelation: '配偶',
    });
    expect(await page.getByTestId('proxy-mark').textContent()).toContain('亲友代办（配偶）');
    await page.close();
  });

  it('the "still there?" prompt keeps every number and gives the visitor their time back', async () => {
    const page = await openKiosk(width, height);
    // The idle reset reads the clock on every tick: moving the page's clock on shows the prompt
    // without a minute's wait (nothing else here reads Date.now for timing).
    await page.evaluate(() => {
      const realNow = Date.now.bind(Date);
      let offset = 0;
      Date.now = () => realNow() + offset;
      (window as unknown as { __skip: (ms: number) => void }).__skip = (ms) => (offset += ms);
    });
    await page.getByTestId('screen-idle').waitFor();
    await page.getByTestId('elderly-channel').click();
    await page.getByTestId('screen-choose').waitFor();
    await page.evaluate(() => (window as unknown as { __skip: (ms: number) => void }).__skip(61_000));
    await page.getByTestId('idle-warning').waitFor();
    await checkStep(page, size, 'idle-warning');
    await page.getByTestId('continue').click();
    await page.getByTestId('idle-warning').waitFor({ state: 'detached' });
    expect(await page.getByTestId('screen-choose').count()).toBe(1);
    await page.close();
  });

  it('the ID keypad, the English start screen and the pause screen keep every number', async () => {
    const page = await openKiosk(width, height);
    await page.getByTestId('screen-idle').waitFor();
    await page.getByTestId('id-entry').click();
    await page.getByTestId('screen-id-entry').waitFor();
    for (const ch of '1101051950') await page.getByTestId(`key-${ch}`).click();
    await checkStep(page, size, 'id-entry');
    await page.getByTestId('id-confirm').click();
    await page.getByTestId('id-problem').waitFor();
    await checkStep(page, size, 'id-entry-problem');
    await page.getByTestId('back').click();

    await page.getByTestId('language-toggle').click();
    await page.getByText('Senior green channel').waitFor();
    await checkStep(page, size, 'idle-en');
    await page.getByTestId('service-D').click();
    await page.getByTestId('screen-result').waitFor();
    await page.locator('.qr svg').waitFor();
    await checkStep(page, size, 'result-en');
    await page.close();

    // A kiosk whose key the server refuses shows the pause screen, in both languages.
    const refused = await openKiosk(width, height, 'not-a-valid-device-key-000000000000');
    await refused.getByTestId('screen-paused').waitFor();
    await checkStep(refused, size, 'paused');
    await refused.close();
  });
});

describe('upright kiosk with more priority classes than fit the start screen', () => {
  it('they share one button and a screen of their own: one more tap', async () => {
    const session = await login(
      server.url,
      server.credentials.admin.username,
      server.credentials.admin.password,
    );
    const admin = await connectClient(server.url, { role: 'admin', sessionToken: session.token });
    const classes = [
      ...DEFAULT_RULES.priorityClasses,
      // Y would be the natural letter for 孕妇, but it marks appointment tickets (A-Y023).
      { id: 'pregnant', nameZh: '孕妇', nameEn: 'Pregnant', marker: 'P' },
    ];
    try {
      const updated = await emitAck(admin.socket, 'admin:rulesUpdate', { priorityClasses: classes });
      expect(updated.ok, JSON.stringify(updated)).toBe(true);
      for (const [width, height] of [
        [1080, 1920],
        [768, 1366],
      ] as const) {
        const size = `${width}x${height}`;
        const page = await openKiosk(width, height);
        await page.getByTestId('screen-idle').waitFor();
        expect(await page.getByTestId('priority-disabled').count()).toBe(0);
        expect(await page.getByTestId('priority-others').textContent()).toContain('残疾人、军人、孕妇');
        await checkStep(page, size, 'idle-many-classes');
        await page.getByTestId('priority-others').click(); // tap 1
        await page.getByTestId('screen-classes').waitFor();
        await expect.poll(() => page.evaluate(() => window.__spoken ?? [])).toContain('请点您的优先类别。');
        await checkStep(page, size, 'classes');
        await page.getByTestId('priority-pregnant').click(); // tap 2
        await page.getByTestId('screen-choose').waitFor();
        expect(await page.getByTestId('choose-title').textContent()).toContain('孕妇优先');
        await page.getByTestId('service-A').click(); // tap 3
        await page.getByTestId('screen-result').waitFor();
        const number = (await page.getByTestId('ticket-number').textContent())!.trim();
        expect(number).toMatch(/^A-P\d{3}$/);
        expect((await staffTicket(number))?.priorityClass).toBe('pregnant');
        await page.close();
      }
    } finally {
      await emitAck(admin.socket, 'admin:rulesUpdate', { priorityClasses: DEFAULT_RULES.priorityClasses });
      admin.close();
    }
  });
});

describe('upright kiosk in a hall that speaks Cantonese too', () => {
  it('粤语 / 普通话 on the start screen beside the hall name, every number of §6 kept', async () => {
    const session = await login(
      server.url,
      server.credentials.admin.username,
      server.credentials.admin.password,
    );
    const admin = await connectClient(server.url, { role: 'admin', sessionToken: session.token });
    try {
      const updated = await emitAck(admin.socket, 'admin:hallUpdate', { voiceLanguages: ['cmn', 'yue'] });
      expect(updated.ok, JSON.stringify(updated)).toBe(true);
      for (const [width, height] of [
        [1080, 1920],
        [768, 1366],
      ] as const) {
        const size = `${width}x${height}`;
        const page = await openKiosk(width, height);
        await page.getByTestId('voice-choice').waitFor();
        await checkStep(page, size, 'idle-two-voices');
        // The hall's name keeps its room: the English button sits beside the rule below.
        const title = await page.locator('.hall-title').boundingBox();
        expect(title!.width).toBeGreaterThan(width * 0.3);
        expect(await page.locator('.idle-footer [data-testid=language-toggle]').count()).toBe(1);
        await page.getByTestId('voice-yue').click();
        expect(await page.getByTestId('voice-yue').getAttribute('aria-pressed')).toBe('true');
        await page.getByTestId('language-toggle').click();
        await page.getByText('Senior green channel').waitFor();
        // English is spoken in English whatever voice is chosen: upright, the choice makes room.
        expect(await page.getByTestId('voice-choice').count()).toBe(0);
        await checkStep(page, size, 'idle-two-voices-en');
        await page.close();
      }
    } finally {
      await emitAck(admin.socket, 'admin:hallUpdate', { voiceLanguages: ['cmn'] });
      admin.close();
    }
  });
});

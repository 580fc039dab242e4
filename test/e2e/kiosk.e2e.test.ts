// The kiosk page in Chromium against the real server, in browser mode (no Electron preload): an
// elderly visitor's two taps give a real priority ticket, the proxy path marks the ticket, the
// result screen shows the server's own figures and says them aloud, the virtual printer prints it,
// and every screen meets the DESIGN §6 numbers and axe-core AAA. Screenshots go to /tmp/shots.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { IssuedTicket, TicketView } from '@hall/shared/contracts/entities';
import type { Result } from '@hall/shared/contracts/errors';
import { startTestServer, type TestServer } from '../support/testServer';
import { connectClient, emitAck, login, newRequestId, type KioskClient } from '../support/clients';
import { kioskLine } from '../../kiosk/src/renderer/voice/kioskLines';
import { checkAxeAAA, describeViolations, launchBrowser, shotPath } from './support/browser';
import { expectDesignRules, measureScreen } from './support/screenRules';

const DIGIT_CLIPS = ['ling', 'yi', 'er', 'san', 'si', 'wu', 'liu', 'qi', 'ba', 'jiu'];

let server: TestServer;
let browser: Browser;
let kioskClient: KioskClient;

interface KioskPage {
  page: Page;
  /** Acknowledgements of ticket:issue as the page received them over its WebSocket. */
  issueAcks: IssuedTicket[];
  /** Every frame the page sent to the server. */
  sentFrames: string[];
  /** Voice-pack clips the page fetched to play, in order. */
  clipRequests: string[];
}

declare global {
  interface Window {
    __spoken?: string[];
    __voiceEngines?: string[];
    __clips?: string[];
  }
}

/** Opens the kiosk like a hall would on a plain browser: /kiosk/?key=… */
async function openKiosk(query = ''): Promise<KioskPage> {
  const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  await page.addInitScript(() => {
    window.__spoken = [];
    window.__voiceEngines = [];
    window.__clips = [];
    window.addEventListener('kiosk:voice-clip', (e) =>
      window.__clips!.push((e as CustomEvent<string>).detail),
    );
    window.addEventListener('kiosk:voice', (e) => {
      const detail = (e as CustomEvent<{ text: string; engine: string }>).detail;
      window.__spoken!.push(detail.text);
      window.__voiceEngines!.push(detail.engine);
    });
  });
  const clipRequests: string[] = [];
  page.on('request', (request) => {
    const match = /\/display\/voice\/pack\/(\w+)\/([^/?]+)\.ogg$/.exec(request.url());
    if (match) clipRequests.push(`${match[1]}/${decodeURIComponent(match[2]!)}`);
  });
  const issueAcks: IssuedTicket[] = [];
  const sentFrames: string[] = [];
  page.on('websocket', (ws) => {
    ws.on('framesent', ({ payload }) => void sentFrames.push(String(payload)));
    ws.on('framereceived', ({ payload }) => {
      // Socket.IO acknowledgement over engine.io: "43<id>[result]".
      const match = /^43\d+(\[.*)$/s.exec(String(payload));
      if (!match) return;
      const [result] = JSON.parse(match[1]!) as [Result<IssuedTicket>];
      if (result.ok && result.data && typeof result.data === 'object' && 'peopleAhead' in result.data) {
        issueAcks.push(result.data);
      }
    });
  });
  await page.goto(`${server.url}/kiosk/?key=${encodeURIComponent(server.credentials.kioskKey)}${query}`);
  await page
    .getByTestId('screen-idle')
    .waitFor({ timeout: 10_000 })
    .catch(async (e) => {
      await page.screenshot({ path: shotPath('kiosk-debug') });
      console.log(await page.evaluate(() => document.body.innerText));
      throw e;
    });
  return { page, issueAcks, sentFrames, clipRequests };
}

async function staffSnapshotTicket(number: string): Promise<TicketView | undefined> {
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

async function issueDirect(code: string, priorityClass: string): Promise<IssuedTicket> {
  const serviceId = kioskClient.snapshot.services.find((s) => s.code === code)!.id;
  const result = await emitAck<IssuedTicket>(kioskClient.socket, 'ticket:issue', {
    requestId: newRequestId(),
    serviceId,
    priorityClass,
  });
  if (!result.ok) throw new Error(result.error.message);
  return result.data;
}

async function expectAxeClean(page: Page, label: string): Promise<void> {
  const violations = await checkAxeAAA(page);
  expect(violations, `${label}:\n${describeViolations(violations)}`).toEqual([]);
}

function printedFiles(): string[] {
  const folder = path.join(server.dataDir, 'printer');
  return fs.existsSync(folder) ? fs.readdirSync(folder) : [];
}

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
  kioskClient = await connectClient(server.url, { role: 'kiosk', deviceKey: server.credentials.kioskKey });
});

afterAll(async () => {
  kioskClient?.close();
  await browser?.close();
  await server?.close();
});

describe('kiosk in a browser', () => {
  it('keeps the device key out of the address bar', async () => {
    const { page } = await openKiosk();
    expect(page.url()).toBe(`${server.url}/kiosk/`);
    // Starting up is not "paused": the kiosk must not announce a pause every time it starts.
    expect(await page.evaluate(() => window.__spoken ?? [])).not.toContain('暂停取号，请到服务台。');
    expect(await page.evaluate(() => localStorage.getItem('kiosk.deviceKey'))).toBe(
      server.credentials.kioskKey,
    );
    // A reload without ?key= still connects with the stored key.
    await page.reload();
    await page.getByTestId('screen-idle').waitFor();
    await page.close();
  });

  it('an elderly visitor taps twice and gets a real priority ticket with the server’s figures', async () => {
    // Two priority tickets and one normal one already wait for exit-entry (A).
    await issueDirect('A', 'elderly');
    await issueDirect('A', 'elderly');
    await issueDirect('A', 'normal');
    const { page, issueAcks, clipRequests } = await openKiosk();
    await expect.poll(() => page.getByTestId('service-A').textContent()).toContain('3');
    const printedBefore = printedFiles().length;

    await page.getByTestId('elderly-channel').click(); // tap 1
    await page.getByTestId('screen-choose').waitFor();
    await page.screenshot({ path: shotPath('kiosk-choose-elderly') });
    await page.getByTestId('service-A').click(); // tap 2
    await page.getByTestId('screen-result').waitFor();

    const number = (await page.getByTestId('ticket-number').textContent())!.trim();
    expect(number).toMatch(/^A-L\d{3}$/);
    expect(issueAcks).toHaveLength(1);
    const ack = issueAcks[0]!;
    expect(ack.ticket.number).toBe(number);
    // No window is open yet: as the windows take turns once they open, the elderly windows 1 and 2
    // call the two priority tickets, window 3 the normal one, and then window 4 this ticket.
    expect(ack.peopleAhead).toBe(3);
    expect(ack.outlook).toBe('later');
    expect(ack.estimatedWaitMinutes).toBeGreaterThan(0);

    // The screen shows exactly the server's figures.
    await expect
      .poll(() => page.getByTestId('people-ahead').textContent())
      .toContain(`前面还有 ${ack.peopleAhead} 人`);
    expect(await page.getByTestId('estimate').textContent()).toContain(`约 ${ack.estimatedWaitMinutes} 分钟`);
    const watch = ack.windowsToWatch.map((n) => `${n} 号`).join('、');
    expect(ack.windowsToWatch.length).toBeGreaterThan(0);
    expect(await page.getByTestId('windows-to-watch').textContent()).toContain(`请留意 ${watch}窗口`);
    expect(await page.getByTestId('priority-mark').textContent()).toContain('老年人优先');
    expect(await page.locator('[data-testid=priority-mark] svg').count()).toBe(1);

    // The server holds the ticket as an elderly priority ticket.
    const stored = await staffSnapshotTicket(number);
    expect(stored).toMatchObject({
      priorityClass: 'elderly',
      proxy: false,
      state: 'waiting',
      source: 'kiosk',
    });

    // Printed on the server's virtual printer, and the screen says so.
    await page.getByTestId('print-status').getByText('号票在服务台打印').waitFor();
    const files = printedFiles();
    expect(files.length).toBeGreaterThan(printedBefore);
    const text = files.filter((f) => f.startsWith(number) && f.endsWith('.txt'));
    expect(text).toHaveLength(1);
    expect(fs.readFileSync(path.join(server.dataDir, 'printer', text[0]!), 'utf8')).toContain(
      '老　年　人　优　先',
    );

    // Spoken: the number character by character, people ahead, windows to watch.
    const spoken = await page.evaluate(() => window.__spoken ?? []);
    const digits = number
      .slice(3)
      .split('')
      .map((d) => '零一二三四五六七八九'[Number(d)])
      .join(' ');
    expect(spoken).toContain(`您的号码是 A L ${digits}，前面还有 3 人，请留意 ${watch}窗口。`);
    // This Chromium has no Mandarin speech voice, so the Mandarin voice pack says the whole line,
    // the number character by character.
    const numberClips = [
      'A',
      'L',
      ...number
        .slice(3)
        .split('')
        .map((d) => DIGIT_CLIPS[Number(d)]!),
    ];
    const resultClips = kioskLine(
      'result',
      'cmn',
      { number, count: ack.peopleAhead, windows: ack.windowsToWatch },
      { chime: true },
    ).clips!.map((clip) => `cmn/${clip}`);
    expect(resultClips.join(' ')).toContain(numberClips.map((c) => `cmn/${c}`).join(' '));
    await expect
      .poll(async () => (await page.evaluate(() => window.__clips ?? [])).slice(-resultClips.length), {
        timeout: 20_000,
      })
      .toEqual(resultClips);
    // …fetched from the server's voice pack.
    expect(clipRequests).toEqual(expect.arrayContaining(resultClips));
    expect(await page.evaluate(() => window.__voiceEngines ?? [])).toContain('clips');

    await page.screenshot({ path: shotPath('kiosk-result-priority') });
    await expectAxeClean(page, 'result');
    const numberSize = await page
      .getByTestId('ticket-number')
      .evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    expect(numberSize).toBeGreaterThanOrEqual(160);

    await page.getByTestId('done').click();
    await page.getByTestId('screen-idle').waitFor();
    await page.close();
  });

  it('one tap on a service gives a normal ticket', async () => {
    const { page, issueAcks } = await openKiosk();
    await page.getByTestId('service-C').click();
    await page.getByTestId('screen-result').waitFor();
    const number = (await page.getByTestId('ticket-number').textContent())!.trim();
    expect(number).toMatch(/^C\d{3}$/);
    expect(issueAcks[0]!.ticket.priorityClass).toBe('normal');
    expect(await page.getByTestId('priority-mark').count()).toBe(0);
    expect((await staffSnapshotTicket(number))?.priorityClass).toBe('normal');
    await page.screenshot({ path: shotPath('kiosk-result-normal') });
    await page.close();
  });

  it('a relative takes a proxy ticket for an elderly person: priority and marked 代办', async () => {
    const { page, issueAcks } = await openKiosk();
    await page.getByTestId('proxy').click(); // tap 1
    await page.getByTestId('screen-choose').waitFor();
    expect(await page.getByTestId('proxy-for-elderly').getAttribute('aria-pressed')).toBe('true');
    await page.getByTestId('relation-child').click(); // optional
    expect(await page.getByTestId('relation-child').getAttribute('aria-pressed')).toBe('true');
    await page.screenshot({ path: shotPath('kiosk-choose-proxy') });
    await expectAxeClean(page, 'choose (proxy)');
    // Every number of §6 here too, ≥ 24 px between the option rows among them.
    expectDesignRules(await measureScreen(page), 'choose (proxy) 1920×1080');
    await page.getByTestId('service-B').click(); // tap 2
    await page.getByTestId('screen-result').waitFor();

    const number = (await page.getByTestId('ticket-number').textContent())!.trim();
    expect(number).toMatch(/^B-L\d{3}$/);
    expect(issueAcks[0]!.ticket).toMatchObject({
      proxy: true,
      proxyRelation: '子女',
      priorityClass: 'elderly',
    });
    expect(await page.getByTestId('proxy-mark').textContent()).toContain('亲友代办（子女）');
    expect(await staffSnapshotTicket(number)).toMatchObject({
      proxy: true,
      proxyRelation: '子女',
      priorityClass: 'elderly',
    });
    await page.screenshot({ path: shotPath('kiosk-result-proxy') });
    await page.close();
  });

  it('the optional ID path: a number of someone aged 60+ gives priority; only the masked number leaves', async () => {
    const { page, issueAcks, sentFrames: sent } = await openKiosk();
    // A valid number (GB 11643 check character) born 1950-01-01.
    const id = '11010519500101002';
    const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    const sum = id.split('').reduce((acc, d, i) => acc + Number(d) * weights[i]!, 0);
    const full = id + '10X98765432'[sum % 11];

    await page.getByTestId('id-entry').click();
    await page.getByTestId('screen-id-entry').waitFor();
    await page.getByTestId('id-confirm').click();
    await page.getByTestId('id-problem').waitFor(); // incomplete
    for (const ch of full) await page.getByTestId(`key-${ch}`).click();
    await page.screenshot({ path: shotPath('kiosk-id-entry') });
    await expectAxeClean(page, 'id entry');
    // No aria-label on a paragraph (ignored by screen readers): the digits are a named group.
    expect(await page.locator('p[aria-label]').count()).toBe(0);
    expect(await page.getByRole('group', { name: '输入身份证号码' }).count()).toBe(1);
    await page.getByTestId('id-confirm').click();
    await page.getByTestId('screen-choose').waitFor();
    expect(await page.getByTestId('choose-hint').textContent()).toContain('已为您选择老年人绿色通道');
    await page.getByTestId('service-D').click();
    await page.getByTestId('screen-result').waitFor();
    expect(issueAcks[0]!.ticket.priorityClass).toBe('elderly');
    expect(sent.join('\n')).not.toContain(full);
    expect(sent.join('\n')).toContain(`${full.slice(0, 4)}**********${full.slice(-4)}`);
    await page.close();
  });

  it('a card reader typing the number (keyboard wedge) works from the idle screen; a bad number is explained', async () => {
    const { page } = await openKiosk();
    // A reader types 18 characters and Enter in one fast burst; dispatching them inside the page
    // keeps the burst fast even on a busy test machine (Playwright's own typing may lag).
    await page.evaluate((digits) => {
      for (const key of [...digits, 'Enter']) {
        document.body.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true }));
      }
    }, '110105195001010010'); // wrong check character
    await page.getByTestId('id-problem').waitFor();
    expect(await page.getByTestId('id-problem').textContent()).toContain('号码有误');
    await page.close();
  });

  it('idle screen meets the DESIGN §6 numbers at 1920×1080 and axe AAA', async () => {
    const { page } = await openKiosk();
    await page.screenshot({ path: shotPath('kiosk-idle') });
    await expectAxeClean(page, 'idle');

    const measured = await page.evaluate(() => {
      const visible = (el: Element) => {
        const r = el.getBoundingClientRect();
        return r.width > 0 && r.height > 0;
      };
      const texts: { text: string; fontSize: number; lineHeight: number }[] = [];
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const parent = node.parentElement;
        if (!parent || !node.textContent?.trim() || !visible(parent)) continue;
        const style = getComputedStyle(parent);
        texts.push({
          text: node.textContent.trim(),
          fontSize: parseFloat(style.fontSize),
          lineHeight: parseFloat(style.lineHeight),
        });
      }
      const buttons = [...document.querySelectorAll('button')].filter(visible).map((b) => {
        const r = b.getBoundingClientRect();
        return { name: b.textContent!.trim(), left: r.left, top: r.top, right: r.right, bottom: r.bottom };
      });
      const elderly = document.querySelector('[data-testid=elderly-channel]')!;
      const service = document.querySelector('[data-testid=service-A]')!;
      return {
        texts,
        buttons,
        elderlyBg: getComputedStyle(elderly).backgroundColor,
        serviceBg: getComputedStyle(service).backgroundColor,
        elderlyHasIcon: elderly.querySelector('svg') !== null,
        elderlyText: elderly.textContent,
        overflowing: document.documentElement.scrollHeight > window.innerHeight,
      };
    });

    expect(measured.texts.length).toBeGreaterThan(10);
    for (const t of measured.texts) {
      expect(t.fontSize, `font size of "${t.text}"`).toBeGreaterThanOrEqual(32);
      // (1.3 × size comes back rounded to layout units, hence the hair of tolerance)
      expect(t.lineHeight / t.fontSize, `line height of "${t.text}"`).toBeGreaterThanOrEqual(1.299);
    }
    // green channel, 残疾人 and 军人, proxy, 4 services, language, ID
    expect(measured.buttons.length).toBeGreaterThanOrEqual(10);
    // The green channel stays the first and biggest choice beside the other priority classes.
    const areaOf = (b: { left: number; top: number; right: number; bottom: number }) =>
      (b.right - b.left) * (b.bottom - b.top);
    const green = measured.buttons.find((b) => b.name.includes('老年人绿色通道'))!;
    for (const b of measured.buttons.filter((x) => x !== green)) {
      expect(areaOf(green), `green channel bigger than "${b.name}"`).toBeGreaterThan(areaOf(b));
    }
    expect(measured.buttons.find((b) => b.name.includes('残疾人优先'))).toBeDefined();
    expect(measured.buttons.find((b) => b.name.includes('军人优先'))).toBeDefined();
    expect(await page.evaluate(() => document.documentElement.dataset.orientation)).toBe('landscape');
    for (const b of measured.buttons) {
      expect(b.right - b.left, `width of "${b.name}"`).toBeGreaterThanOrEqual(200);
      expect(b.bottom - b.top, `height of "${b.name}"`).toBeGreaterThanOrEqual(120);
    }
    for (let i = 0; i < measured.buttons.length; i++) {
      for (let j = i + 1; j < measured.buttons.length; j++) {
        const a = measured.buttons[i]!;
        const b = measured.buttons[j]!;
        const gapX = Math.max(b.left - a.right, a.left - b.right);
        const gapY = Math.max(b.top - a.bottom, a.top - b.bottom);
        expect(Math.max(gapX, gapY), `gap between "${a.name}" and "${b.name}"`).toBeGreaterThanOrEqual(24);
      }
    }
    // The green channel is unmistakable: its own colour, its own icon, and the words.
    expect(measured.elderlyBg).not.toBe(measured.serviceBg);
    expect(measured.elderlyHasIcon).toBe(true);
    expect(measured.elderlyText).toContain('老年人绿色通道');
    expect(measured.elderlyText).toContain('60 岁以上');
    expect(measured.elderlyText).toContain('Aged 60+');
    expect(measured.overflowing).toBe(false);
    // The priority rule in words, and a spoken welcome.
    expect(await page.getByTestId('rule-text').textContent()).toContain('普通窗口每 2 位穿插 1 位');
    expect(await page.evaluate(() => window.__spoken ?? [])).toContain(
      '欢迎。六十岁以上的老人，请点绿色的老年人绿色通道。',
    );
    await page.close();
  });

  it('the longest names the schema allows stay inside their buttons and the top bar, in ≥ 32 px type', async () => {
    // serviceUpsertSchema: nameZh ≤ 40, nameEn ≤ 60; hallUpdateSchema: name ≤ 60, nameEn ≤ 100.
    const zh40 = '普通护照港澳台通行证及签注首次申请换发补发加急办理与出入境证件遗失报失登记服务台';
    const en60 = 'Passports, Hong Kong, Macao & Taiwan travel permits and visa';
    // The worst case: no break opportunity at all, the widest Latin letter.
    const unbrokenEn60 = 'W'.repeat(60);
    const hall60 =
      '某某市公安局出入境管理与户政综合服务大厅暨人民政府政务服务中心公安分中心第一便民服务大厅老年人服务示范窗口所在地址三号楼';
    const hallEn100 =
      'Municipal Public Security Bureau Exit-Entry Administration and Household Registration Service Hall 2';
    expect([zh40.length, en60.length, hall60.length, hallEn100.length]).toEqual([40, 60, 60, 100]);

    const session = await login(
      server.url,
      server.credentials.admin.username,
      server.credentials.admin.password,
    );
    const admin = await connectClient(server.url, { role: 'admin', sessionToken: session.token });
    const original = admin.snapshot.services.filter((s) => s.code === 'A' || s.code === 'B');
    const originalHall = admin.snapshot.hall;
    const upsert = async (code: string, nameZh: string, nameEn: string) => {
      const s = original.find((o) => o.code === code)!;
      const { id, category, typicalMinutes, enabled, sortOrder } = s;
      const result = await emitAck(admin.socket, 'admin:serviceUpsert', {
        id,
        code,
        nameZh,
        nameEn,
        category,
        typicalMinutes,
        enabled,
        sortOrder,
      });
      expect(result.ok, JSON.stringify(result)).toBe(true);
    };
    try {
      await upsert('A', zh40, en60);
      await upsert('B', zh40, unbrokenEn60);
      const hallResult = await emitAck(admin.socket, 'admin:hallUpdate', { name: hall60, nameEn: hallEn100 });
      expect(hallResult.ok, JSON.stringify(hallResult)).toBe(true);

      const { page } = await openKiosk();
      await page.getByTestId('service-A').getByText(zh40).waitFor();

      /** Every element holding text inside each service button (and the hall title) stays inside it. */
      const measure = () =>
        page.evaluate(() => {
          const problems: string[] = [];
          const sizes: { text: string; fontSize: number }[] = [];
          const inside = (inner: DOMRect, outer: DOMRect) =>
            inner.left >= outer.left - 1 &&
            inner.right <= outer.right + 1 &&
            inner.top >= outer.top - 1 &&
            inner.bottom <= outer.bottom + 1;
          const textElements = (root: Element) =>
            [root, ...root.querySelectorAll('*')].filter((el) =>
              [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim() !== ''),
            );
          const check = (container: Element, label: string) => {
            const outer = container.getBoundingClientRect();
            for (const el of textElements(container)) {
              const text = el.textContent!.trim();
              if (!inside(el.getBoundingClientRect(), outer)) problems.push(`"${text}" leaves ${label}`);
              sizes.push({ text, fontSize: parseFloat(getComputedStyle(el).fontSize) });
            }
          };
          // Every button on the screen (the services, and the green channel / proxy beside them).
          const buttons = [...document.querySelectorAll<HTMLElement>('button')].filter(
            (b) => b.getBoundingClientRect().height > 0,
          );
          for (const button of buttons) {
            check(button, button.dataset.testid ?? button.textContent!.trim());
            const r = button.getBoundingClientRect();
            if (r.bottom > window.innerHeight || r.right > window.innerWidth) {
              problems.push(`${button.dataset.testid ?? 'a button'} is off screen`);
            }
          }
          const services = buttons.filter((b) => /^service-[A-Z]$/.test(b.dataset.testid ?? ''));
          const title = document.querySelector('.hall-title');
          if (title) {
            check(title, 'the top bar');
            const toggle = document.querySelector('[data-testid=language-toggle]')!.getBoundingClientRect();
            if (title.getBoundingClientRect().right > toggle.left)
              problems.push('hall name runs under the language button');
          }
          return {
            problems,
            sizes,
            services: services.length,
            overflowing: document.documentElement.scrollHeight > window.innerHeight,
          };
        });
      const expectAllInside = async (screen: string, zhFirst: boolean) => {
        const m = await measure();
        expect(m.problems, screen).toEqual([]);
        expect(m.overflowing, `${screen}: page scrolls`).toBe(false);
        for (const { text, fontSize } of m.sizes) {
          expect(fontSize, `${screen}: font size of "${text}"`).toBeGreaterThanOrEqual(32);
        }
        // The Chinese name itself (not only its label) is drawn at 32 px or more.
        const zhSize = m.sizes.find((s) => s.text === zh40);
        expect(zhSize, `${screen}: the 40-character name is shown`).toBeDefined();
        expect(m.services).toBe(4);
        // The whole name, clamped or not, is in the button's accessible name as Chromium itself
        // exposes it to screen readers (its accessibility tree), visitor's language first.
        const cdp = await page.context().newCDPSession(page);
        const { nodes } = await cdp.send('Accessibility.getFullAXTree');
        await cdp.detach();
        const buttonNames = nodes
          .filter((n) => n.role?.value === 'button')
          .map((n) => String(n.name?.value ?? ''));
        const nameOfA = buttonNames.find((n) => n.includes(zh40) && n.includes(en60));
        expect(nameOfA, `${screen}: accessible names ${JSON.stringify(buttonNames)}`).toBeDefined();
        expect(nameOfA!.indexOf(zhFirst ? zh40 : en60)).toBeLessThan(nameOfA!.indexOf(zhFirst ? en60 : zh40));
      };

      await expectAllInside('idle', true);
      await page.screenshot({ path: shotPath('kiosk-long-names') });
      await expectAxeClean(page, 'idle with the longest names');

      await page.getByTestId('elderly-channel').click();
      await page.getByTestId('screen-choose').waitFor();
      await expectAllInside('green channel', true);
      await page.screenshot({ path: shotPath('kiosk-long-names-elderly') });
      await page.getByTestId('back').click();

      await page.getByTestId('proxy').click();
      await page.getByTestId('screen-choose').waitFor();
      await expectAllInside('proxy', true);
      await page.screenshot({ path: shotPath('kiosk-long-names-proxy') });
      await page.getByTestId('back').click();

      await page.getByTestId('language-toggle').click();
      await page.getByText('Senior green channel').waitFor();
      await expectAllInside('idle (English)', false);
      await page.screenshot({ path: shotPath('kiosk-long-names-en') });

      // The same names on an upright panel at its true size (the upright layout of its own).
      await page.setViewportSize({ width: 768, height: 1366 });
      await expect
        .poll(() => page.evaluate(() => document.documentElement.dataset.orientation))
        .toBe('portrait');
      await expectAllInside('idle (English, upright)', false);
      await page.screenshot({ path: shotPath('kiosk-long-names-en-upright') });
      await page.getByTestId('language-toggle').click();
      await page.getByText('老年人绿色通道').first().waitFor();
      await expectAllInside('idle (upright)', true);
      await page.screenshot({ path: shotPath('kiosk-long-names-upright') });
      await page.close();
    } finally {
      // Later tests expect the demo hall's names.
      for (const s of original) await upsert(s.code, s.nameZh, s.nameEn);
      await emitAck(admin.socket, 'admin:hallUpdate', {
        name: originalHall.name,
        nameEn: originalHall.nameEn,
      });
      admin.close();
    }
  });

  it('runs under the server’s Content-Security-Policy without a single violation', async () => {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    const problems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(e.message));
    await page.addInitScript(() =>
      document.addEventListener('securitypolicyviolation', (e) =>
        console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`),
      ),
    );
    await page.goto(`${server.url}/kiosk/?key=${encodeURIComponent(server.credentials.kioskKey)}`);
    await page.getByTestId('screen-idle').waitFor();
    await page.getByTestId('elderly-channel').click();
    await page.getByTestId('service-B').click();
    await page.getByTestId('screen-result').waitFor();
    await page.locator('.qr svg').waitFor();
    expect(problems).toEqual([]);
    await page.close();
  });

  it('English on request, back to Mandarin for the next visitor', async () => {
    const { page } = await openKiosk();
    await page.getByTestId('language-toggle').click();
    await page.getByText('Senior green channel').waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    await page.screenshot({ path: shotPath('kiosk-idle-en') });
    await expectAxeClean(page, 'idle (English)');
    await page.getByTestId('service-A').click();
    await page.getByTestId('screen-result').waitFor();
    expect(await page.getByTestId('people-ahead').textContent()).toContain('ahead of you');
    await page.screenshot({ path: shotPath('kiosk-result-en') });
    await page.getByTestId('done').click();
    await page.getByText('老年人绿色通道').first().waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    await page.close();
  });
});

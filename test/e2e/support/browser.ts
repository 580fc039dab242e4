// Chromium for end-to-end tests: Debian's build driven by playwright-core (Playwright's own
// browser download is not available here), plus an axe-core check at WCAG AAA.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { chromium, type Browser, type Page } from 'playwright-core';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--autoplay-policy=no-user-gesture-required',
    ],
  });
}

const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

/**
 * Throws unless the page runs under the server's real Content-Security-Policy: an inline script
 * (which the policy forbids) must not run. Browser tests never bypass the CSP; a page that only
 * worked with it bypassed would pass them otherwise. (Eval cannot serve as the probe: DevTools
 * evaluation is allowed to eval whatever the page's policy says.)
 */
export async function expectCspEnforced(page: Page): Promise<void> {
  const inlineRan = await page.evaluate(() => {
    const probe = window as unknown as { __cspProbe?: number };
    delete probe.__cspProbe;
    const script = document.createElement('script');
    script.textContent = 'window.__cspProbe = 1';
    document.head.append(script);
    script.remove();
    return probe.__cspProbe === 1;
  });
  if (inlineRan) throw new Error(`CSP not in force on ${page.url()} (was it bypassed?)`);
}

/** Runs axe-core with the WCAG A, AA and AAA rule sets; returns the violations (expect none). */
export async function checkAxeAAA(page: Page): Promise<AxeViolation[]> {
  await expectCspEnforced(page);
  // Injected through the driver (DevTools protocol), which the page's CSP does not govern: the
  // page itself keeps its real policy (no inline scripts, no eval).
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run(ctx: Document, opts: unknown): Promise<{ violations: AxeViolation[] }> };
      }
    ).axe;
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag2aaa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })),
    }));
  });
}

/** Readable summary for an assertion message. */
export const describeViolations = (violations: AxeViolation[]): string =>
  violations
    .map((v) => `${v.id} (${v.impact}): ${v.help} @ ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
    .join('\n');

export const SHOTS_DIR = process.env.SHOTS_DIR ?? '/tmp/shots';
export function shotPath(name: string): string {
  fs.mkdirSync(SHOTS_DIR, { recursive: true });
  return `${SHOTS_DIR}/${name}.png`;
}

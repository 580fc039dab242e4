// DESIGN §6 measured the way a visitor meets it: sizes as rendered on the panel (CSS size × the
// page's zoom), every button's box, the space between buttons, and anything cut off or pushed off
// the screen. Used by the kiosk tests at each panel size.
import { expect } from 'vitest';
import type { Page } from 'playwright-core';

export interface MeasuredText {
  text: string;
  /** Font size in panel pixels (CSS size × zoom). */
  renderedSize: number;
  lineHeightRatio: number;
}

export interface MeasuredButton {
  name: string;
  testId: string | null;
  left: number;
  top: number;
  right: number;
  bottom: number;
}

export interface ScreenMeasure {
  orientation: string | null;
  zoom: number;
  texts: MeasuredText[];
  buttons: MeasuredButton[];
  /** Things a visitor cannot see whole: off the screen, out of their button, scrolled away. */
  problems: string[];
}

export async function measureScreen(page: Page): Promise<ScreenMeasure> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const zoomOf = (el: Element) => (el as Element & { currentCSSZoom?: number }).currentCSSZoom ?? 1;
    // Visually hidden helpers (1×1, clipped) carry words for screen readers only.
    const seen = (el: Element) => {
      const r = el.getBoundingClientRect();
      return r.width > 1 && r.height > 1 && getComputedStyle(el).visibility !== 'hidden';
    };
    const onScreen = (r: DOMRect) =>
      r.left >= -1 && r.top >= -1 && r.right <= window.innerWidth + 1 && r.bottom <= window.innerHeight + 1;
    const within = (inner: DOMRect, outer: DOMRect) =>
      inner.left >= outer.left - 1 &&
      inner.right <= outer.right + 1 &&
      inner.top >= outer.top - 1 &&
      inner.bottom <= outer.bottom + 1;

    // While a modal prompt is up, the screen under it is dimmed and cannot be touched: its targets
    // are the prompt's (the screen itself is measured on its own).
    const root = document.querySelector('[aria-modal="true"]')?.closest('.overlay') ?? document.body;
    const texts: MeasuredText[] = [];
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      const text = node.textContent?.trim() ?? '';
      if (!parent || !text || !seen(parent) || parent.closest('svg')) continue;
      const style = getComputedStyle(parent);
      const size = parseFloat(style.fontSize);
      texts.push({
        text,
        renderedSize: size * zoomOf(parent),
        lineHeightRatio: parseFloat(style.lineHeight) / size,
      });
      const box = parent.getBoundingClientRect();
      if (!onScreen(box)) problems.push(`"${text}" is off the screen`);
      const button = parent.closest('button');
      if (button && !within(box, button.getBoundingClientRect()))
        problems.push(`"${text}" leaves its button`);
    }

    const buttons: MeasuredButton[] = [...root.querySelectorAll('button')].filter(seen).map((b) => {
      const r = b.getBoundingClientRect();
      if (!onScreen(r)) problems.push(`button "${b.textContent!.trim()}" is off the screen`);
      return {
        name: b.textContent!.trim(),
        testId: b.dataset.testid ?? null,
        left: r.left,
        top: r.top,
        right: r.right,
        bottom: r.bottom,
      };
    });

    // A scrolling list that hides part of itself (a row of services below the fold) is cut off too.
    for (const el of document.querySelectorAll('body *')) {
      if (!seen(el)) continue;
      const style = getComputedStyle(el);
      const clamped = style.webkitLineClamp !== 'none' && style.webkitLineClamp !== '';
      if (clamped || !/(auto|scroll|hidden)/.test(style.overflowY)) continue;
      if (el.scrollHeight > el.clientHeight + 2 && el.querySelector('button')) {
        problems.push(
          `${el.className || el.tagName} hides ${el.scrollHeight - el.clientHeight}px of buttons`,
        );
      }
    }

    return {
      orientation: document.documentElement.dataset.orientation ?? null,
      zoom: zoomOf(document.documentElement),
      texts,
      buttons,
      problems,
    };
  });
}

/** Text ≥ 32 px and line height ≥ 1.3; buttons ≥ 200×120 and ≥ 24 px apart; nothing cut off. */
export function expectDesignRules(m: ScreenMeasure, screen: string): void {
  expect(m.problems, screen).toEqual([]);
  expect(m.texts.length, `${screen}: texts`).toBeGreaterThan(0);
  for (const t of m.texts) {
    expect(t.renderedSize, `${screen}: rendered size of "${t.text}"`).toBeGreaterThanOrEqual(32);
    // (1.3 × size comes back rounded to layout units, hence the hair of tolerance)
    expect(t.lineHeightRatio, `${screen}: line height of "${t.text}"`).toBeGreaterThanOrEqual(1.299);
  }
  for (const b of m.buttons) {
    expect(b.right - b.left, `${screen}: width of "${b.name}"`).toBeGreaterThanOrEqual(200);
    expect(b.bottom - b.top, `${screen}: height of "${b.name}"`).toBeGreaterThanOrEqual(120);
  }
  for (let i = 0; i < m.buttons.length; i++) {
    for (let j = i + 1; j < m.buttons.length; j++) {
      const a = m.buttons[i]!;
      const b = m.buttons[j]!;
      const gapX = Math.max(b.left - a.right, a.left - b.right);
      const gapY = Math.max(b.top - a.bottom, a.top - b.bottom);
      expect(
        Math.max(gapX, gapY),
        `${screen}: gap between "${a.name}" and "${b.name}"`,
      ).toBeGreaterThanOrEqual(23.9);
    }
  }
}

export const area = (b: MeasuredButton): number => (b.right - b.left) * (b.bottom - b.top);

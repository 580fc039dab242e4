// English beside Chinese on the hall's screens (DESIGN §6): the second language is never an
// unreadable footnote — at least 24 px as rendered, and never under half the Chinese beside it.
import { expect } from 'vitest';
import type { Page } from 'playwright-core';

export interface EnglishBeside {
  text: string;
  english: number;
  chinese: number;
}

/** Every visible English text and the size of the Chinese it stands beside, in panel pixels. */
export async function englishBesideChinese(page: Page): Promise<EnglishBeside[]> {
  return page.evaluate(() => {
    const zoomOf = (el: Element) => (el as Element & { currentCSSZoom?: number }).currentCSSZoom ?? 1;
    const size = (el: Element) => parseFloat(getComputedStyle(el).fontSize) * zoomOf(el);
    const rows: { text: string; english: number; chinese: number }[] = [];
    for (const el of document.querySelectorAll('[lang="en"]')) {
      const box = el.getBoundingClientRect();
      if (box.width <= 1 || box.height <= 1 || !el.textContent?.trim()) continue; // screen-reader only
      if (el === document.documentElement || el === document.body) continue;
      // The Chinese partner: the element before it, or its sibling marked zh-CN, or its parent's text.
      const parent = el.parentElement!;
      const previous = el.previousElementSibling;
      const partner =
        previous?.getAttribute('lang') === 'zh-CN'
          ? previous
          : (parent.querySelector(':scope > [lang="zh-CN"]') ?? parent);
      rows.push({ text: el.textContent.trim().slice(0, 60), english: size(el), chinese: size(partner) });
    }
    return rows;
  });
}

export async function expectEnglishReadable(page: Page, label: string): Promise<void> {
  const rows = await englishBesideChinese(page);
  expect(rows.length, `${label}: English texts`).toBeGreaterThan(0);
  for (const row of rows) {
    expect(row.english, `${label}: "${row.text}" size`).toBeGreaterThanOrEqual(23.9);
    expect(row.english, `${label}: "${row.text}" beside ${row.chinese} px Chinese`).toBeGreaterThanOrEqual(
      row.chinese / 2 - 0.1,
    );
  }
}

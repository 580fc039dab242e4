// Text whose length an administrator decides (service names up to 40 + 60 characters, hall names up
// to 60 + 100) must stay inside its box at any length. The screens try a short list of "levels",
// biggest type first, and keep the first level at which everything fits WITHOUT cutting a word off;
// only when no level manages that do they accept a clamped (ellipsis) level that at least stays in
// the box, because the whole name in smaller type serves a visitor better than half a name in big
// type (and the name in the visitor's language matters more than the other language underneath).

/** What one level looked like once laid out, best first. */
export const FIT_OUTCOMES = [
  /** Everything shown, nothing clipped. */
  'fits',
  /** Inside the box and the main name whole; a line clamp cut the other language short. */
  'secondaryClipped',
  /** Inside the box, but a line clamp cut the main name short (ellipsis). */
  'clipped',
  /** Spills out of the box. */
  'overflows',
] as const;
export type FitOutcome = (typeof FIT_OUTCOMES)[number];

/**
 * Tries levels 0…count-1 in order (each `tryLevel` lays the level out and measures it) and returns
 * the first level with the best outcome seen (see FIT_OUTCOMES); when nothing even stays inside the
 * box, the last (smallest) level. Stops at the first level that fits.
 */
export async function pickFitLevel(
  count: number,
  tryLevel: (level: number) => Promise<FitOutcome>,
): Promise<number> {
  let best: { level: number; rank: number } | null = null;
  for (let level = 0; level < count; level++) {
    const outcome = await tryLevel(level);
    if (outcome === 'fits') return level;
    const rank = FIT_OUTCOMES.indexOf(outcome);
    if (outcome !== 'overflows' && (best === null || rank < best.rank)) best = { level, rank };
  }
  return best?.level ?? Math.max(0, count - 1);
}

/** True when an element's content is taller or wider than its box (a line clamp or overflow cut it). */
export function isCut(el: HTMLElement): boolean {
  // CJK glyphs reach above and below a 1.3 line box, so the scroll height of text that is NOT cut
  // still exceeds its box by a few pixels; a line that IS cut adds a whole line, hence half a line
  // of slack (and one pixel of rounding for widths).
  const lineHeight = parseFloat(getComputedStyle(el).lineHeight);
  const slack = Number.isFinite(lineHeight) ? lineHeight / 2 : 1;
  return el.scrollHeight > el.clientHeight + slack || el.scrollWidth > el.clientWidth + 1;
}

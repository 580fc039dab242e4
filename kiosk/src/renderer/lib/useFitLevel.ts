// Keeps a component at the biggest type level at which its text fits its box (see fitLevel.ts),
// re-checked when the text changes, when the box changes size and once the fonts are ready.
import { nextTick, onBeforeUnmount, onMounted, ref, watch, type Ref, type WatchSource } from 'vue';
import { pickFitLevel, type FitOutcome } from './fitLevel';

export interface FitLevel {
  /** The level to draw (bind it to a class); 0 = biggest type. */
  level: Ref<number>;
  /** The element whose size decides the fit (observed for resizes). */
  box: Ref<HTMLElement | null>;
}

/**
 * @param count   how many levels the component's CSS defines
 * @param measure how the current level looks once laid out (null when not mounted)
 * @param sources what changes the text (names, language)
 */
export function useFitLevel(
  count: number,
  measure: () => FitOutcome | null,
  sources: WatchSource[],
): FitLevel {
  const level = ref(0);
  const box = ref<HTMLElement | null>(null);
  // A newer fit (text or size changed mid-way) makes an older one stop where it is.
  let run = 0;
  let lastSize = '';

  async function fit(): Promise<void> {
    const mine = ++run;
    const chosen = await pickFitLevel(count, async (candidate) => {
      level.value = candidate;
      // nextTick resolves before the browser paints, so the trial levels are never seen.
      await nextTick();
      if (mine !== run) return 'fits';
      return measure() ?? 'fits';
    });
    if (mine === run) level.value = chosen;
  }

  let observer: ResizeObserver | null = null;
  onMounted(() => {
    void fit();
    // Fonts are local (Noto CJK), but a late font swap changes every width: measure again then.
    void document.fonts?.ready.then(() => fit());
    if (typeof ResizeObserver !== 'undefined' && box.value) {
      observer = new ResizeObserver(([entry]) => {
        if (!entry) return;
        const size = `${Math.round(entry.contentRect.width)}x${Math.round(entry.contentRect.height)}`;
        // Only a new box size matters; our own level changes do not resize the box.
        if (size === lastSize) return;
        lastSize = size;
        void fit();
      });
      observer.observe(box.value);
    }
  });
  onBeforeUnmount(() => {
    run++;
    observer?.disconnect();
  });
  watch(sources, () => void fit());

  return { level, box };
}

// Kiosk panels come in two shapes, and each has a layout of its own (kiosk.css):
// - landscape, drawn for 1920×1080 (DESIGN §6). A smaller landscape panel (1366×768, 1280×1024)
//   shows the whole page scaled down as one picture rather than reflowed, so nothing overlaps.
// - upright (portrait), the common kind in Chinese halls, drawn on a 768×1366 canvas: the smallest
//   upright panel sold (768×1366) shows it at its true size, so every DESIGN §6 number (32 px text,
//   200×120 targets, 24 px gaps, a 160 px number) holds there as rendered; a 1080×1920 panel shows
//   the same page 1.41× larger. The canvas keeps its width and takes the panel's height, so a
//   taller panel gives the services more room instead of bars.
// Which one applies is decided by the panel's shape, on start and on every resize (a kiosk rotated
// in its stand, or a window resized while testing).
import { readonly, ref } from 'vue';

export type Orientation = 'landscape' | 'portrait';

interface Canvas {
  width: number;
  height: number;
  /** Landscape pages are never enlarged (a 4K panel gets more room); upright ones are. */
  maxScale: number;
}

export const CANVASES: Readonly<Record<Orientation, Canvas>> = {
  landscape: { width: 1920, height: 1080, maxScale: 1 },
  portrait: { width: 768, height: 1366, maxScale: 3 },
};

/** Kept for the landscape callers and tests: the landscape design size. */
export const DESIGN_WIDTH = CANVASES.landscape.width;
export const DESIGN_HEIGHT = CANVASES.landscape.height;

export function orientationOf(width: number, height: number): Orientation {
  return height > width ? 'portrait' : 'landscape';
}

export function screenFit(width: number, height: number): { orientation: Orientation; scale: number } {
  const orientation = orientationOf(width, height);
  const canvas = CANVASES[orientation];
  const scale = Math.min(canvas.maxScale, width / canvas.width, height / canvas.height);
  return { orientation, scale };
}

/** The landscape scale (unchanged behaviour for landscape panels). */
export function fitScale(width: number, height: number): number {
  return Math.min(1, width / DESIGN_WIDTH, height / DESIGN_HEIGHT);
}

const current = ref<Orientation>('landscape');
/** The layout in use, for the few components whose content (not only style) differs. */
export const screenOrientation = readonly(current);

export function fitToScreen(root: HTMLElement = document.documentElement): () => void {
  const apply = (): void => {
    const { orientation, scale } = screenFit(window.innerWidth, window.innerHeight);
    current.value = orientation;
    root.dataset.orientation = orientation;
    root.style.zoom = scale !== 1 ? String(scale) : '';
    // In canvas pixels, the height the scaled page must fill (a 5:4 panel is taller than 16:9).
    root.style.setProperty('--screen-height', `${Math.round(window.innerHeight / scale)}px`);
  };
  apply();
  window.addEventListener('resize', apply);
  return () => window.removeEventListener('resize', apply);
}

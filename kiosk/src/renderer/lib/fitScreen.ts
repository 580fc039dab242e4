// The screens are drawn for 1920×1080 (DESIGN §6). On a smaller kiosk panel (1366×768, 1280×1024)
// the whole page is scaled down as one picture rather than reflowed, so nothing overlaps or hides.
export const DESIGN_WIDTH = 1920;
export const DESIGN_HEIGHT = 1080;

export function fitScale(width: number, height: number): number {
  return Math.min(1, width / DESIGN_WIDTH, height / DESIGN_HEIGHT);
}

export function fitToScreen(root: HTMLElement = document.documentElement): () => void {
  const apply = (): void => {
    const scale = fitScale(window.innerWidth, window.innerHeight);
    root.style.zoom = scale < 1 ? String(scale) : '';
    // In design pixels, the height the scaled page must fill (a 5:4 panel is taller than 16:9).
    root.style.setProperty('--screen-height', `${Math.round(window.innerHeight / scale)}px`);
  };
  apply();
  window.addEventListener('resize', apply);
  return () => window.removeEventListener('resize', apply);
}

import { describe, expect, it } from 'vitest';
import { fitScale, orientationOf, screenFit } from './fitScreen';

describe('fitScale', () => {
  it('keeps the design size on 1920×1080 and larger, and scales smaller panels as a whole', () => {
    expect(fitScale(1920, 1080)).toBe(1);
    expect(fitScale(3840, 2160)).toBe(1);
    expect(fitScale(1366, 768)).toBeCloseTo(768 / 1080);
    expect(fitScale(1280, 1024)).toBeCloseTo(1280 / 1920);
  });
});

describe('screenFit: each panel shape gets its own layout', () => {
  it('chooses by aspect ratio: taller than wide is upright', () => {
    expect(orientationOf(1920, 1080)).toBe('landscape');
    expect(orientationOf(1080, 1920)).toBe('portrait');
    expect(orientationOf(768, 1366)).toBe('portrait');
    expect(orientationOf(1000, 1000)).toBe('landscape');
  });

  it('never shrinks the upright layout on the upright panels it is drawn for', () => {
    // 768×1366 shows the canvas at its true size: 32 px type stays 32 px as rendered.
    expect(screenFit(768, 1366)).toEqual({ orientation: 'portrait', scale: 1 });
    const big = screenFit(1080, 1920);
    expect(big.orientation).toBe('portrait');
    expect(big.scale).toBeCloseTo(1080 / 768);
    // A taller-than-9:16 panel keeps the width and gets more height.
    expect(screenFit(1080, 2400).scale).toBeCloseTo(1080 / 768);
  });

  it('leaves landscape panels as they were', () => {
    expect(screenFit(1920, 1080)).toEqual({ orientation: 'landscape', scale: 1 });
    expect(screenFit(1366, 768).scale).toBeCloseTo(768 / 1080);
  });
});

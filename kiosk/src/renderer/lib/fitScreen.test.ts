import { describe, expect, it } from 'vitest';
import { fitScale } from './fitScreen';

describe('fitScale', () => {
  it('keeps the design size on 1920×1080 and larger, and scales smaller panels as a whole', () => {
    expect(fitScale(1920, 1080)).toBe(1);
    expect(fitScale(3840, 2160)).toBe(1);
    expect(fitScale(1366, 768)).toBeCloseTo(768 / 1080);
    expect(fitScale(1280, 1024)).toBeCloseTo(1280 / 1920);
  });
});

import { describe, expect, it } from 'vitest';
import { barData } from './chartData';

describe('barData', () => {
  it('leaves a missing figure empty instead of drawing 0, and keeps a real 0', () => {
    expect(barData([12, null, 0])).toEqual([12, '-', 0]);
    expect(barData([Number.NaN])).toEqual(['-']);
  });
});

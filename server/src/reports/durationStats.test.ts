import { describe, expect, it } from 'vitest';
import { durationStats } from './durationStats';

const min = (m: number) => m * 60_000;

describe('durationStats', () => {
  it('is empty without durations', () => {
    expect(durationStats([])).toEqual({ count: 0, averageMinutes: null, p90Minutes: null });
  });

  it('averages and takes the nearest-rank 90th percentile', () => {
    // 10 values 1..10 minutes: rank ceil(0.9*10)=9 → 9 minutes.
    expect(durationStats([10, 1, 2, 3, 4, 5, 6, 7, 8, 9].map(min))).toEqual({
      count: 10,
      averageMinutes: 5.5,
      p90Minutes: 9,
    });
    // 3 values: rank ceil(2.7)=3 → the largest.
    expect(durationStats([min(2), min(4), min(12)])).toEqual({ count: 3, averageMinutes: 6, p90Minutes: 12 });
    // Rounded to one decimal.
    expect(durationStats([100_000])).toEqual({ count: 1, averageMinutes: 1.7, p90Minutes: 1.7 });
  });
});

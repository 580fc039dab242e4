// Average and 90th percentile of a list of durations, in minutes rounded to one decimal.
// The percentile uses the nearest-rank method (the smallest value with at least 90 % of values at
// or below it), so it is always a duration someone actually had — easy to check by hand.
import type { DurationStats } from '@hall/shared/contracts/admin';

// `+ 0` turns -0 (a sub-second negative duration, from a clock set back) into 0.
const round1 = (n: number): number => Math.round(n * 10) / 10 + 0;

export function durationStats(durationsMs: readonly number[]): DurationStats {
  const count = durationsMs.length;
  if (count === 0) return { count: 0, averageMinutes: null, p90Minutes: null };
  const sorted = [...durationsMs].sort((a, b) => a - b);
  const sum = sorted.reduce((acc, ms) => acc + ms, 0);
  const rank = Math.ceil(0.9 * count);
  return {
    count,
    averageMinutes: round1(sum / count / 60_000),
    p90Minutes: round1(sorted[rank - 1]! / 60_000),
  };
}

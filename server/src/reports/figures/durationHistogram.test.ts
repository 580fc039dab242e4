// The histogram gives the same average and 90th percentile as the list of durations, for any
// durations (negative from a clock set back, longer than a day), and survives its byte encoding.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { durationStats } from '../durationStats';
import { DurationHistogram } from './durationHistogram';

describe('DurationHistogram', () => {
  it('equals durationStats, also after encoding and merging in parts', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.integer({ min: 0, max: 3_600_000 }),
            fc.integer({ min: -86_400_000, max: 5 * 86_400_000 }),
          ),
          {
            maxLength: 60,
          },
        ),
        fc.nat(60),
        (values, cut) => {
          const whole = new DurationHistogram();
          values.forEach((v) => whole.add(v));
          expect(whole.stats()).toEqual(durationStats(values));

          const [a, b] = [new DurationHistogram(), new DurationHistogram()];
          values.slice(0, cut).forEach((v) => a.add(v));
          values.slice(cut).forEach((v) => b.add(v));
          const merged = new DurationHistogram();
          merged.addEncoded(a.encode(), a.count, a.sumMs);
          merged.merge(b);
          expect(merged.stats()).toEqual(durationStats(values));
          expect([...merged.entries()]).toEqual([...whole.entries()]);
        },
      ),
      { numRuns: 300 },
    );
  });
});

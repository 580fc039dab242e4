// Merges rollup rows of one hall into complete groups. Each source yields rows ordered by (kind,
// key) — the stored days straight from the table's primary key, the days built just now from a
// sorted list — so a group is complete as soon as every source has moved past its key, and only
// one group's histograms are in memory at a time.
import type { KeyedGroup } from '../figures/groupFigures';
import { HistogramFigures } from '../figures/histogramFigures';
import { addRecord, type RollupRecord } from './rollupRecord';

const groupKey = (r: RollupRecord): string => `${r.kind}\u0000${r.key}`;

export const byGroupKey = (a: RollupRecord, b: RollupRecord): number => {
  const ka = groupKey(a);
  const kb = groupKey(b);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
};

export function* mergeRecords(
  hallId: number,
  sources: Iterable<RollupRecord>[],
): Generator<KeyedGroup<HistogramFigures>> {
  const cursors = sources.map((s) => s[Symbol.iterator]());
  const heads = cursors.map((c) => c.next());
  for (;;) {
    let lowest: string | null = null;
    let sample: RollupRecord | null = null;
    for (const head of heads) {
      if (head.done) continue;
      const k = groupKey(head.value);
      if (lowest === null || k < lowest) {
        lowest = k;
        sample = head.value;
      }
    }
    if (lowest === null || !sample) return;
    const figures = new HistogramFigures();
    heads.forEach((head, i) => {
      let current = head;
      while (!current.done && groupKey(current.value) === lowest) {
        addRecord(figures, current.value);
        current = cursors[i]!.next();
      }
      heads[i] = current;
    });
    yield { hallId, kind: sample.kind, key: sample.key, figures };
  }
}

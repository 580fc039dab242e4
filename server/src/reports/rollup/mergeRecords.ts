// Merges rollup rows of one hall into complete groups. Each source yields rows ordered by (kind,
// key) — the stored days straight from the table, the days built just now from a sorted list — so a
// group is complete as soon as every source has moved past its key, and only one group's
// histograms are in memory at a time.
import type { GroupKind } from '../figures/counters';
import type { KeyedGroup } from '../figures/groupFigures';
import { HistogramFigures } from '../figures/histogramFigures';
import { addRow, type RollupRecord, type RollupRow } from './rollupRecord';

const rowKey = (r: RollupRow): string => `${r[0] as string}\u0000${r[1] as string}`;

/** Orders records as the table returns them: by kind, then key (byte order, as SQLite's BINARY). */
export const byGroupKey = (a: RollupRecord, b: RollupRecord): number => {
  const ka = `${a.kind}\u0000${a.key}`;
  const kb = `${b.kind}\u0000${b.key}`;
  return ka < kb ? -1 : ka > kb ? 1 : 0;
};

interface Head {
  cursor: Iterator<RollupRow>;
  row: RollupRow | null;
  key: string;
}

function advance(head: Head): void {
  const next = head.cursor.next();
  head.row = next.done ? null : next.value;
  head.key = head.row ? rowKey(head.row) : '';
}

export function* mergeRecords(
  hallId: number,
  sources: Iterable<RollupRow>[],
): Generator<KeyedGroup<HistogramFigures>> {
  const heads: Head[] = sources.map((s) => ({ cursor: s[Symbol.iterator](), row: null, key: '' }));
  heads.forEach(advance);
  for (;;) {
    let lowest: Head | null = null;
    for (const head of heads) if (head.row && (!lowest || head.key < lowest.key)) lowest = head;
    if (!lowest?.row) return;
    const { key } = lowest;
    const kind = lowest.row[0] as GroupKind;
    const groupKey = lowest.row[1] as string;
    const figures = new HistogramFigures();
    for (const head of heads) {
      while (head.row && head.key === key) {
        addRow(figures, head.row);
        advance(head);
      }
    }
    yield { hallId, kind, key: groupKey, figures };
  }
}

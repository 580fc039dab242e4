// The rollup of one hall's business day: the same tally as the straight computation, over that
// day's rows only, with durations kept as histograms. Stored once the day is closed; today's is
// built afresh for every report (one day is small).
import { tallyPeriod } from '../computeReport';
import { HistogramFigures } from '../figures/histogramFigures';
import type { ReportInput } from '../reportInput';
import { byGroupKey } from './mergeRecords';
import { toRecord, type RollupRecord } from './rollupRecord';

/** Rows of `input` (one hall, from = to = the day), sorted by (kind, key). */
export function dayRollup(input: ReportInput): RollupRecord[] {
  return tallyPeriod(input, () => new HistogramFigures())
    .groups()
    .map((g) => toRecord(input.from, g))
    .sort(byGroupKey);
}

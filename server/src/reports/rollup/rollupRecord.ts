// One stored rollup row: a (hall, business day, kind, key) group's counters, and its wait and
// service durations as count, exact sum and encoded 0.1-minute histogram. Column names are the
// counters in snake_case (see figures/counters.ts and the report_rollups migration).
import { COUNTERS, type Counter, type GroupKind } from '../figures/counters';
import type { KeyedGroup } from '../figures/groupFigures';
import { HistogramFigures } from '../figures/histogramFigures';

export const counterColumn = (c: Counter): string => c.replace(/[A-Z]/g, (ch) => `_${ch.toLowerCase()}`);
export const COUNTER_COLUMNS = COUNTERS.map(counterColumn);

export interface RollupRecord {
  hall_id: number;
  business_day: string;
  kind: GroupKind;
  key: string;
  wait_count: number;
  wait_sum_ms: number;
  wait_hist: Buffer | null;
  service_count: number;
  service_sum_ms: number;
  service_hist: Buffer | null;
  [column: string]: number | string | Buffer | null;
}

export function toRecord(businessDay: string, group: KeyedGroup<HistogramFigures>): RollupRecord {
  const { figures: f } = group;
  const record: RollupRecord = {
    hall_id: group.hallId,
    business_day: businessDay,
    kind: group.kind,
    key: group.key,
    wait_count: f.wait.count,
    wait_sum_ms: f.wait.sumMs,
    wait_hist: f.wait.count > 0 ? f.wait.encode() : null,
    service_count: f.service.count,
    service_sum_ms: f.service.sumMs,
    service_hist: f.service.count > 0 ? f.service.encode() : null,
  };
  COUNTERS.forEach((c, i) => (record[COUNTER_COLUMNS[i]!] = f.counters[c]));
  return record;
}

/** Adds one stored row into `into` (days of one group are merged this way). */
export function addRecord(into: HistogramFigures, record: RollupRecord): void {
  COUNTERS.forEach((c, i) => (into.counters[c] += record[COUNTER_COLUMNS[i]!] as number));
  into.wait.addEncoded(record.wait_hist, record.wait_count, record.wait_sum_ms);
  into.service.addEncoded(record.service_hist, record.service_count, record.service_sum_ms);
}

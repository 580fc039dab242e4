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

/**
 * A rollup row as an array, the way reports read them (SQLite's raw mode is much cheaper than an
 * object per row): kind, key, business_day, the counters in COUNTERS order, then wait_count,
 * wait_sum_ms, wait_hist, service_count, service_sum_ms, service_hist.
 */
export type RollupRow = unknown[];
export const ROW_COLUMNS = [
  'kind',
  'key',
  'business_day',
  ...COUNTER_COLUMNS,
  'wait_count',
  'wait_sum_ms',
  'wait_hist',
  'service_count',
  'service_sum_ms',
  'service_hist',
];
const FIRST_COUNTER = 3;
const WAIT = FIRST_COUNTER + COUNTERS.length;

export const toRow = (record: RollupRecord): RollupRow => ROW_COLUMNS.map((c) => record[c]);

/** Adds one row into `into` (the days of one group are merged this way). */
export function addRow(into: HistogramFigures, row: RollupRow): void {
  const counters = into.counters;
  for (let i = 0; i < COUNTERS.length; i += 1) counters[COUNTERS[i]!] += row[FIRST_COUNTER + i] as number;
  into.wait.addEncoded(row[WAIT + 2] as Uint8Array | null, row[WAIT] as number, row[WAIT + 1] as number);
  into.service.addEncoded(
    row[WAIT + 5] as Uint8Array | null,
    row[WAIT + 3] as number,
    row[WAIT + 4] as number,
  );
}

// The figures of one group: counters plus wait and service durations. Two implementations:
// SampleFigures keeps every duration (the straight computation, the reference), HistogramFigures
// keeps counts per 0.1-minute bucket (the rollups). Both give the same DurationStats.
import type { DurationStats } from '@hall/shared/contracts/admin';
import type { Counters, GroupKind } from './counters';

export interface GroupFigures<Self> {
  readonly counters: Counters;
  addWait(ms: number): void;
  addService(ms: number): void;
  merge(other: Self): void;
  waitStats(): DurationStats;
  serviceStats(): DurationStats;
}

/** One (hall, kind, key) group and its figures. */
export interface KeyedGroup<F> {
  hallId: number;
  kind: GroupKind;
  key: string;
  figures: F;
}

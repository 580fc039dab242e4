// Figures kept as histograms: what a per-day rollup row holds, and what merging days adds up.
import type { DurationStats } from '@hall/shared/contracts/admin';
import { addCounters, zeroCounters, type Counters } from './counters';
import { DurationHistogram } from './durationHistogram';
import type { GroupFigures } from './groupFigures';

export class HistogramFigures implements GroupFigures<HistogramFigures> {
  readonly counters: Counters = zeroCounters();
  readonly wait = new DurationHistogram();
  readonly service = new DurationHistogram();

  addWait(ms: number): void {
    this.wait.add(ms);
  }

  addService(ms: number): void {
    this.service.add(ms);
  }

  merge(other: HistogramFigures): void {
    addCounters(this.counters, other.counters);
    this.wait.merge(other.wait);
    this.service.merge(other.service);
  }

  waitStats(): DurationStats {
    return this.wait.stats();
  }

  serviceStats(): DurationStats {
    return this.service.stats();
  }
}

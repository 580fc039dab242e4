// Figures that keep every duration: simple and obviously right, used by the straight computation
// that the rollups are checked against.
import type { DurationStats } from '@hall/shared/contracts/admin';
import { durationStats } from '../durationStats';
import { addCounters, zeroCounters, type Counters } from './counters';
import type { GroupFigures } from './groupFigures';

export class SampleFigures implements GroupFigures<SampleFigures> {
  readonly counters: Counters = zeroCounters();
  private readonly waits: number[] = [];
  private readonly services: number[] = [];

  addWait(ms: number): void {
    this.waits.push(ms);
  }

  addService(ms: number): void {
    this.services.push(ms);
  }

  merge(other: SampleFigures): void {
    addCounters(this.counters, other.counters);
    for (const ms of other.waits) this.waits.push(ms);
    for (const ms of other.services) this.services.push(ms);
  }

  waitStats(): DurationStats {
    return durationStats(this.waits);
  }

  serviceStats(): DurationStats {
    return durationStats(this.services);
  }
}

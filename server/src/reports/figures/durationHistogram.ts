// Durations as a histogram of 0.1-minute buckets, plus their exact count and sum. This is all a
// report needs: the average comes from the exact sum, and the nearest-rank 90th percentile, which
// durationStats rounds to 0.1 minute, is the bucket of the value at that rank — the rounding is
// monotonic, so the bucket at rank k is the rounded k-th value. Figures equal the straight
// computation's exactly, whatever the mix of days merged.
import type { DurationStats } from '@hall/shared/contracts/admin';

/** The same expression durationStats uses to round minutes to one decimal, times ten. */
export const bucketOf = (ms: number): number => Math.round((ms / 60_000) * 10);

export class DurationHistogram {
  count = 0;
  sumMs = 0;
  readonly buckets = new Map<number, number>();

  add(ms: number): void {
    this.count += 1;
    this.sumMs += ms;
    const b = bucketOf(ms);
    this.buckets.set(b, (this.buckets.get(b) ?? 0) + 1);
  }

  merge(other: DurationHistogram): void {
    this.count += other.count;
    this.sumMs += other.sumMs;
    for (const [b, n] of other.buckets) this.buckets.set(b, (this.buckets.get(b) ?? 0) + n);
  }

  stats(): DurationStats {
    if (this.count === 0) return { count: 0, averageMinutes: null, p90Minutes: null };
    const rank = Math.ceil(0.9 * this.count);
    let seen = 0;
    let p90Bucket = 0;
    for (const b of [...this.buckets.keys()].sort((x, y) => x - y)) {
      seen += this.buckets.get(b)!;
      if (seen >= rank) {
        p90Bucket = b;
        break;
      }
    }
    return {
      count: this.count,
      averageMinutes: Math.round((this.sumMs / this.count / 60_000) * 10) / 10,
      p90Minutes: p90Bucket / 10,
    };
  }

  /**
   * The buckets as bytes: ascending (bucket delta, count) pairs, each a zigzag LEB128 varint, so a
   * typical day's histogram is two or three bytes per occupied bucket.
   */
  encode(): Buffer {
    const keys = [...this.buckets.keys()].sort((x, y) => x - y);
    const bytes: number[] = [];
    let previous = 0;
    for (const b of keys) {
      writeVarint(bytes, zigzag(b - previous));
      writeVarint(bytes, this.buckets.get(b)!);
      previous = b;
    }
    return Buffer.from(bytes);
  }

  /** Adds the buckets of an encoded histogram (count and sum are stored beside it). */
  addEncoded(bytes: Uint8Array | null, count: number, sumMs: number): void {
    this.count += count;
    this.sumMs += sumMs;
    if (!bytes) return;
    let offset = 0;
    let bucket = 0;
    while (offset < bytes.length) {
      const delta = readVarint(bytes, offset);
      const n = readVarint(bytes, delta.next);
      offset = n.next;
      bucket += unzigzag(delta.value);
      this.buckets.set(bucket, (this.buckets.get(bucket) ?? 0) + n.value);
    }
  }
}

const zigzag = (n: number): number => (n >= 0 ? n * 2 : -n * 2 - 1);
const unzigzag = (n: number): number => (n % 2 === 0 ? n / 2 : -(n + 1) / 2);

function writeVarint(out: number[], value: number): void {
  let v = value;
  while (v >= 0x80) {
    out.push((v % 0x80) + 0x80);
    v = Math.floor(v / 0x80);
  }
  out.push(v);
}

function readVarint(bytes: Uint8Array, start: number): { value: number; next: number } {
  let value = 0;
  let scale = 1;
  let offset = start;
  for (;;) {
    const byte = bytes[offset];
    if (byte === undefined) throw new Error('truncated histogram');
    offset += 1;
    value += (byte & 0x7f) * scale;
    if (byte < 0x80) return { value, next: offset };
    scale *= 0x80;
  }
}

// Durations as a histogram of 0.1-minute buckets, plus their exact count and sum. This is all a
// report needs: the average comes from the exact sum, and the nearest-rank 90th percentile, which
// durationStats rounds to 0.1 minute, is the bucket of the value at that rank — the rounding is
// monotonic, so the bucket at rank k is the rounded k-th value. Figures equal the straight
// computation's exactly, whatever the mix of days merged.
import type { DurationStats } from '@hall/shared/contracts/admin';

/** The same expression durationStats uses to round minutes to one decimal, times ten. */
export const bucketOf = (ms: number): number => Math.round((ms / 60_000) * 10);

/** Buckets kept in a plain array: up to a day (0.1-minute buckets). Longer or negative ones go to a map. */
const DENSE_BUCKETS = 24 * 600;

export class DurationHistogram {
  count = 0;
  sumMs = 0;
  // Merging half a year of days adds millions of buckets: an array index is far cheaper than a map.
  private readonly dense: number[] = [];
  private readonly sparse = new Map<number, number>();

  private addToBucket(b: number, n: number): void {
    if (b >= 0 && b < DENSE_BUCKETS) {
      const dense = this.dense;
      while (dense.length <= b) dense.push(0);
      dense[b]! += n;
    } else {
      this.sparse.set(b, (this.sparse.get(b) ?? 0) + n);
    }
  }

  add(ms: number): void {
    this.count += 1;
    this.sumMs += ms;
    this.addToBucket(bucketOf(ms), 1);
  }

  /** Occupied buckets in ascending order, as [bucket, count]. */
  *entries(): Generator<[number, number]> {
    const outside = [...this.sparse.keys()].sort((x, y) => x - y);
    let next = 0;
    while (next < outside.length && outside[next]! < 0) {
      yield [outside[next]!, this.sparse.get(outside[next]!)!];
      next += 1;
    }
    for (let b = 0; b < this.dense.length; b += 1) if (this.dense[b]! > 0) yield [b, this.dense[b]!];
    for (; next < outside.length; next += 1) yield [outside[next]!, this.sparse.get(outside[next]!)!];
  }

  merge(other: DurationHistogram): void {
    this.count += other.count;
    this.sumMs += other.sumMs;
    for (const [b, n] of other.entries()) this.addToBucket(b, n);
  }

  stats(): DurationStats {
    if (this.count === 0) return { count: 0, averageMinutes: null, p90Minutes: null };
    const rank = Math.ceil(0.9 * this.count);
    let seen = 0;
    let p90Bucket = 0;
    for (const [b, n] of this.entries()) {
      seen += n;
      if (seen >= rank) {
        p90Bucket = b;
        break;
      }
    }
    return {
      count: this.count,
      averageMinutes: Math.round((this.sumMs / this.count / 60_000) * 10) / 10 + 0,
      p90Minutes: p90Bucket / 10 + 0,
    };
  }

  /**
   * The buckets as bytes: ascending (bucket delta, count) pairs, each a zigzag LEB128 varint, so a
   * typical day's histogram is two or three bytes per occupied bucket.
   */
  encode(): Buffer {
    const bytes: number[] = [];
    let previous = 0;
    for (const [b, n] of this.entries()) {
      writeVarint(bytes, zigzag(b - previous));
      writeVarint(bytes, n);
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
      this.addToBucket(bucket, n.value);
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

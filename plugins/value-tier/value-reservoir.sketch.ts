/**
 * A uniform sample of at most `capacity` (actual value, growth gap) pairs from a stream of any
 * length (reservoir sampling, Vitter's algorithm R), so fit's memory is bounded: 16 bytes per
 * kept pair. While the stream is no longer than the capacity it holds every pair, and cut points
 * computed from it are exact. The generator is seeded, so the same stream gives the same sample.
 */
export class ValueReservoir {
  private actualValues: Float64Array;
  private gapValues: Float64Array;
  private kept = 0;
  private seen = 0;
  private state: number;

  constructor(private readonly capacity: number, seed = 0x9e3779b9) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`capacity must be a positive integer, got ${capacity}`);
    const initial = Math.min(capacity, 1024);
    this.actualValues = new Float64Array(initial);
    this.gapValues = new Float64Array(initial);
    this.state = seed >>> 0;
  }

  /** Offers one customer's pair; a null gap (no CLV) is kept as NaN. */
  add(actual: number, gap: number | null): void {
    this.seen++;
    if (this.kept < this.capacity) {
      if (this.kept === this.actualValues.length) this.grow();
      this.put(this.kept++, actual, gap);
      return;
    }
    // The n-th pair replaces a random kept one with probability capacity / n.
    const j = Math.floor(this.random() * this.seen);
    if (j < this.capacity) this.put(j, actual, gap);
  }

  /** Pairs offered so far. */
  get offered(): number {
    return this.seen;
  }

  /** Whether every offered pair is still held (cut points are then exact). */
  get complete(): boolean {
    return this.seen === this.kept;
  }

  /** The kept actual values. */
  actuals(): Float64Array {
    return this.actualValues.subarray(0, this.kept);
  }

  /** The kept growth gaps, NaN where unknown, parallel to `actuals()`. */
  gaps(): Float64Array {
    return this.gapValues.subarray(0, this.kept);
  }

  private put(i: number, actual: number, gap: number | null): void {
    this.actualValues[i] = actual;
    this.gapValues[i] = gap ?? Number.NaN;
  }

  private grow(): void {
    const size = Math.min(this.capacity, this.actualValues.length * 2);
    const a = new Float64Array(size);
    const g = new Float64Array(size);
    a.set(this.actualValues);
    g.set(this.gapValues);
    this.actualValues = a;
    this.gapValues = g;
  }

  /** A uniform number in [0, 1) from a 32-bit linear congruential generator (Numerical Recipes constants). */
  private random(): number {
    this.state = (Math.imul(this.state, 1664525) + 1013904223) >>> 0;
    return this.state / 4294967296;
  }
}

import type { DataSource } from 'typeorm';

const FRESH_MS = 10_000;

/**
 * How many segments exist, by kind, read at most every 10 s: what a list of segments can really
 * return, for pricing queries (a new segment is priced in within 10 s).
 */
export class SegmentCountCache {
  private counts = new Map<string, number>();
  private readAt = 0;
  private reading: Promise<void> | undefined;

  constructor(private readonly ds: DataSource) {}

  /** Segments of a kind, or of every kind; call `fresh()` first. */
  count(kind?: string): number {
    return kind ? (this.counts.get(kind) ?? 0) : [...this.counts.values()].reduce((a, b) => a + b, 0);
  }

  async fresh(): Promise<void> {
    if (Date.now() - this.readAt < FRESH_MS) return;
    this.reading ??= this.ds.query('SELECT kind, COUNT(*) AS n FROM segment GROUP BY kind')
      .then((rows: { kind: string; n: number | string }[]) => {
        this.counts = new Map(rows.map((r) => [r.kind, Number(r.n)]));
        this.readAt = Date.now();
      })
      .finally(() => { this.reading = undefined; });
    await this.reading;
  }
}

import type { DataSource } from 'typeorm';
import { MetricCurrent } from '../store/metric-current.entity';

/** How long a replica may serve a run after another replica switched away from it. */
export const CURRENT_RUNS_TTL_MS = 1_000;

/**
 * The run each plugin serves, read at most once a second per process instead of once per request
 * (a by-id query then costs two statements, not three). A switch made by this process is seen at
 * once; one made by another replica within CURRENT_RUNS_TTL_MS, which is why older runs' values
 * are dropped only after that long.
 */
export class CurrentRunsCache {
  private cached: { at: number; runs: Promise<Map<string, number>> } | undefined;

  constructor(private readonly ds: DataSource) {}

  get(now = Date.now()): Promise<Map<string, number>> {
    if (!this.cached || now - this.cached.at >= CURRENT_RUNS_TTL_MS) {
      const runs = this.ds.getRepository(MetricCurrent).find().then((rows) => new Map(rows.map((r) => [r.plugin, r.runId])));
      // A failed read is not kept.
      runs.catch(() => { if (this.cached?.runs === runs) this.cached = undefined; });
      this.cached = { at: now, runs };
    }
    return this.cached.runs;
  }

  invalidate(): void {
    this.cached = undefined;
  }
}

import type { DataSource } from 'typeorm';
import type { FittedModel } from '../../plugin-api/plugin.contract';

/**
 * The fitted models (`params`) of finished runs, read once per process: a finished run never
 * changes, so details scored on read cost no query and no JSON parse after the first request.
 */
export class RunParamsCache {
  private readonly cache = new Map<number, FittedModel | null>();

  constructor(private readonly ds: DataSource, private readonly limit = 256) {}

  async get(runIds: readonly number[]): Promise<Map<number, FittedModel | null>> {
    const missing = [...new Set(runIds)].filter((id) => !this.cache.has(id));
    if (missing.length) {
      const rows = await this.ds.query(`SELECT id, params FROM model_run WHERE id IN (${missing.map(() => '?').join(', ')})`, missing) as { id: number | string; params: string | null }[];
      for (const r of rows) {
        if (this.cache.size >= this.limit) this.cache.delete(this.cache.keys().next().value as number);
        this.cache.set(Number(r.id), r.params ? JSON.parse(r.params) as FittedModel : null);
      }
    }
    return new Map(runIds.map((id) => [id, this.cache.get(id) ?? null]));
  }
}

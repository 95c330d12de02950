import type { DataSource } from 'typeorm';
import type { FittedModel } from '../../plugin-api/plugin.contract';

/**
 * The fitted models (`params`) of finished runs, read once per process: a finished run never
 * changes, so details scored on read cost no query and no JSON parse after the first request.
 * Reads in flight are shared: a page of 100 customers asking at once costs one statement.
 */
export class RunParamsCache {
  private readonly cache = new Map<number, Promise<FittedModel | null>>();

  constructor(private readonly ds: DataSource, private readonly limit = 256) {}

  async get(runIds: readonly number[]): Promise<Map<number, FittedModel | null>> {
    const missing = [...new Set(runIds)].filter((id) => !this.cache.has(id));
    if (missing.length) {
      const read = this.ds.query(`SELECT id, params FROM model_run WHERE id IN (${missing.map(() => '?').join(', ')})`, missing)
        .then((rows: { id: number | string; params: string | null }[]) => new Map(rows.map((r) => [Number(r.id), r.params ? JSON.parse(r.params) as FittedModel : null])));
      for (const id of missing) {
        if (this.cache.size >= this.limit) this.cache.delete(this.cache.keys().next().value as number);
        // A run not found, or a failed read, is asked again next time.
        const model = read.then((found) => {
          if (!found.has(id)) this.cache.delete(id);
          return found.get(id) ?? null;
        });
        model.catch(() => this.cache.delete(id));
        this.cache.set(id, model);
      }
    }
    return new Map(await Promise.all(runIds.map(async (id) => [id, await (this.cache.get(id) ?? null)] as const)));
  }
}

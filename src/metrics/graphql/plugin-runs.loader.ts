import { In, type DataSource } from 'typeorm';
import { ModelRun, RunStatus } from '../store/model-run.entity';
import { showRunError } from '../store/run-public-error';
import { PluginStatus } from './plugin-status.types';

/** Each plugin's latest run (any status) and the run whose values are served, by plugin name. */
export interface PluginRuns {
  latest: Map<string, ModelRun>;
  served: Map<string, ModelRun>;
}

/** Loads PluginRuns once per request, in two statements, whatever the number of plugins. */
export function pluginRunsLoader(ds: DataSource, currentRuns: () => Promise<Map<string, number>>): () => Promise<PluginRuns> {
  let loaded: Promise<PluginRuns> | undefined;
  return () => (loaded ??= (async () => {
    const served = await currentRuns();
    const latestIds = (await ds.query('SELECT MAX(id) AS id FROM model_run GROUP BY plugin') as { id: number | string }[]).map((r) => Number(r.id));
    // Errors shown as modelRuns shows them.
    const runs = (await ds.getRepository(ModelRun).findBy({ id: In([...new Set([...latestIds, ...served.values()])]) })).map(showRunError);
    const byId = new Map(runs.map((r) => [Number(r.id), r]));
    const out: PluginRuns = { latest: new Map(), served: new Map() };
    for (const id of latestIds) { const r = byId.get(id); if (r) out.latest.set(r.plugin, r); }
    for (const [plugin, id] of served) { const r = byId.get(id); if (r) out.served.set(plugin, r); }
    return out;
  })());
}

/** Where a plugin stands, from its latest and its served run. */
export function pluginStatus(name: string, runs: PluginRuns): PluginStatus {
  const latest = runs.latest.get(name);
  const served = runs.served.has(name);
  if (!latest) return PluginStatus.NOT_RUN;
  if (latest.status === RunStatus.SKIPPED) return PluginStatus.NO_CUSTOMERS;
  if (latest.status === RunStatus.FAILED) return served ? PluginStatus.STALE : PluginStatus.FAILED;
  if (served) return PluginStatus.SERVING;
  return PluginStatus.PENDING;
}

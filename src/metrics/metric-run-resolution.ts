import type { GraphContext } from '../graphql/context';
import { badInput } from '../graphql/errors';
import { metricOwner } from './metrics-setup';

/** For each metric key: the run whose values are served (null when the plugin has not run yet). */
export type MetricRuns = Map<string, number | null>;

/** Resolves the metric keys a list query mentions to served runs; an unknown key is bad input naming the known ones. */
export async function resolveMetricRuns(ctx: GraphContext, keys: { key: string; field: string }[]): Promise<MetricRuns> {
  const out: MetricRuns = new Map();
  if (!keys.length) return out;
  const runs = await ctx.loaders.currentRuns();
  const { selected, freeMetrics } = ctx.metrics.setup;
  for (const { key, field } of keys) {
    const owner = metricOwner(ctx.metrics.setup, key);
    if (!owner) {
      const known = [...Object.keys(selected), ...freeMetrics.keys()];
      throw badInput(`unknown metric "${key}" (known: ${known.join(', ') || 'none'})`, { field }, 'args');
    }
    out.set(key, runs.get(owner.plugin.name) ?? null);
  }
  return out;
}

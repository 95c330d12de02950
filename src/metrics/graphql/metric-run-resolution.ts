import type { GraphContext } from '../../graphql/context';
import { badInput } from '../../graphql/errors';
import { metricSources, type ServedSource, servedSources } from '../host/metric-sources';

/** For each metric key: the served runs (one per kind of customer when a core kind is routed; none before the first run). */
export type MetricRuns = Map<string, ServedSource[]>;

/** Resolves the metric keys a list query mentions to served runs; an unknown key is bad input naming the known ones. */
export async function resolveMetricRuns(ctx: GraphContext, keys: { key: string; field: string }[]): Promise<MetricRuns> {
  const out: MetricRuns = new Map();
  if (!keys.length) return out;
  const runs = await ctx.loaders.currentRuns();
  const { selected, freeMetrics } = ctx.metrics.setup;
  for (const { key, field } of keys) {
    const sources = metricSources(ctx.metrics.setup, key);
    if (!sources?.length) {
      const known = [...Object.keys(selected), ...freeMetrics.keys()];
      throw badInput(`unknown metric "${key}" (known: ${known.join(', ') || 'none'})`, { field }, 'args');
    }
    out.set(key, servedSources(sources, runs));
  }
  return out;
}

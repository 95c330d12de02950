import type { GraphContext } from '../../graphql/context';
import { badInput } from '../../graphql/errors';
import { metricSources, type ServedSource, servedSources } from '../host/metric-sources';
import type { MetricsSetup } from '../host/metrics-setup';

/** For each metric key: the served runs (one per kind of customer when a core kind is routed; none before the first run). */
export type MetricRuns = Map<string, ServedSource[]>;

/** Resolves the metric keys a list query mentions to served runs; an unknown key is bad input naming the known ones. */
export async function resolveMetricRuns(ctx: GraphContext, keys: { key: string; field: string }[]): Promise<MetricRuns> {
  return keys.length ? metricRunsFor(ctx.metrics.setup, await ctx.loaders.currentRuns(), keys) : new Map();
}

/** resolveMetricRuns outside a GraphQL request: from the setup and the runs served now. */
export function metricRunsFor(setup: MetricsSetup, runs: Map<string, number>, keys: { key: string; field: string }[]): MetricRuns {
  const out: MetricRuns = new Map();
  for (const { key, field } of keys) {
    const sources = metricSources(setup, key);
    if (!sources?.length) {
      const known = [...Object.keys(setup.selected), ...setup.freeMetrics.keys()];
      throw badInput(`unknown metric "${key}" (known: ${known.join(', ') || 'none'})`, { field }, 'args');
    }
    out.set(key, servedSources(sources, runs));
  }
  return out;
}

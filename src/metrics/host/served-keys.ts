import type { LoadedPlugin, MetricsSetup } from './metrics-setup';
import { metricSources } from './metric-sources';
import { producedKeys } from './provider-key';

/**
 * The keys of a plugin that readers get: the core kinds it is routed to and its free metrics.
 * Only these are materialised; an alternative no route serves (clv-pareto-nbd next to clv-bgnbd)
 * is fitted and compared on demand (explicit refresh, backtest) but writes no values.
 */
export function servedKeysOf(setup: MetricsSetup, lp: LoadedPlugin): Set<string> {
  return new Set(producedKeys(lp.plugin.provides).filter((key) => (metricSources(setup, key) ?? []).some((s) => s.lp === lp)));
}

/** The plugins with at least one served key: what a full refresh runs. */
export function servedPlugins(setup: MetricsSetup): LoadedPlugin[] {
  return setup.plugins.filter((lp) => servedKeysOf(setup, lp).size > 0);
}

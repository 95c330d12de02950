import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { MetricCurrent } from './metric-current.entity';
import type { LoadedPlugin, MetricsSetup } from '../host/metrics-setup';
import { metricSources, type ServedSource, servedSources } from '../host/metric-sources';
import type { PluginNeeds } from '../host/plugin-needs';
import type { MetricContext } from '../../plugin-api/plugin.contract';
import type { PopulationOptions } from './population';

// What a pass over the population hands plugins besides the customers: their context, and the
// served metrics of other plugins they read.

export function metricContext(lp: LoadedPlugin, asOf: Date, currency: string, log: Logger, signal?: AbortSignal): MetricContext<unknown> {
  const child = log.child({ plugin: lp.plugin.name });
  return { config: lp.config, asOf, currency, log: (message, data) => child.info(data ?? {}, message), signal };
}

/** The served runs of the keys a plugin reads, as they stand now (its dependencies refresh first). */
export async function readSources(ds: DataSource, setup: MetricsSetup, needs: PluginNeeds): Promise<Map<string, ServedSource[]>> {
  if (!needs.reads.length) return new Map();
  const current = new Map((await ds.getRepository(MetricCurrent).find()).map((c) => [c.plugin, c.runId]));
  return new Map(needs.reads.map((key) => [key, servedSources(metricSources(setup, key) ?? [], current)]));
}

/** The population stream options of plugins with these needs. */
export function streamOptions(needs: PluginNeeds, reads: Map<string, ServedSource[]>): Pick<PopulationOptions, 'requires' | 'reads' | 'linkDepth'> {
  return { requires: needs.requires, reads, linkDepth: needs.linkDepth };
}


import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { ensureSummaries } from '../../summaries/ensure-summaries';
import type { AppConfig } from '../../config/config';
import { configureOffThread } from '../../compute/off-thread';
import { loadMetricsConfig } from './metrics-config';
import { selectedFor } from './metric-sources';
import { MetricsRuntime } from './metrics-runtime';
import { type MetricsSetup, setupMetrics } from './metrics-setup';

/** Loads and validates the configured plugins; throws MetricsSetupError with every problem. Needs no database. */
export function loadMetricsSetup(config: AppConfig): Promise<MetricsSetup> {
  return setupMetrics(loadMetricsConfig(config.metrics.configFile, config.metrics.explicit, config.metrics.select));
}

/** Brings the customer summaries up to date if needed, initialises the plugins and returns the runtime that refreshes and serves them. */
export async function createMetricsRuntime(setup: MetricsSetup, config: AppConfig, ds: DataSource, log: Logger): Promise<MetricsRuntime> {
  // Every pass reads the stored summaries: built once here if never built, or in another currency.
  await ensureSummaries(ds, config.baseCurrency, log);
  configureOffThread({ threads: config.computeThreads });
  for (const lp of setup.plugins) await lp.plugin.init?.(lp.config);
  const selected = setup.plugins.flatMap((lp) => selectedFor(setup, lp).map((k) => `${k}=${lp.plugin.name}`));
  log.info({ plugins: setup.plugins.map((p) => `${p.plugin.name}@${p.plugin.version}`), selected }, 'metric plugins loaded');
  return new MetricsRuntime(setup, ds, config.baseCurrency, log, { refreshesPerCaller: config.refreshesQueuedPerCaller }, config.refreshCoordination);
}

import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import type { AppConfig } from '../config/config';
import { createMetricsRuntime, loadMetricsSetup } from '../metrics/host/create-metrics-runtime';
import { RunStatus } from '../metrics/store/model-run.entity';
import { RuleSegments } from '../segments/rules/rule-segments';

/**
 * After a bulk write (an import, the demo seed): every served plugin refreshed and every rule
 * segment re-evaluated, so that the data is ready to read without a manual step. Returns a line
 * per run.
 */
export async function refreshAfterWrites(ds: DataSource, config: AppConfig, log: Logger): Promise<string[]> {
  const metrics = await createMetricsRuntime(await loadMetricsSetup(config), config, ds, log);
  const segments = new RuleSegments(ds, metrics, log, { ...config.segmentRules, intervalMinutes: 0 });
  segments.start();
  try {
    const runs = await metrics.refresh(undefined, new Date());
    return [
      ...runs.map((r) => (r.status === RunStatus.SUCCEEDED ? `${r.plugin}: ${r.customersScored} customers scored`
        : r.status === RunStatus.SKIPPED ? `${r.plugin}: skipped, no customers yet` : `${r.plugin}: FAILED: ${r.error}`)),
      `${(await segments.ruleSegments()).length} rule segments re-evaluated`,
    ];
  } finally {
    await segments.stop();
    await metrics.stop();
  }
}

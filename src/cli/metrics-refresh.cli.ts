import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { IsNull } from 'typeorm';
import { Presets, SingleBar } from 'cli-progress';
import { loadConfig } from '../config/config';
import { describeDatabase } from '../config/database-url';
import { createLogger } from '../common/logger';
import { openDatabase } from '../db/open-database';
import { Customer } from '../customers/customer.entity';
import { createMetricsRuntime, loadMetricsSetup } from '../metrics/host/create-metrics-runtime';
import { pluginsNamed } from '../metrics/host/metrics-setup';
import { NO_CUSTOMERS } from '../metrics/host/refresh-wave';
import { servedPlugins } from '../metrics/host/served-keys';
import { RunStatus } from '../metrics/store/model-run.entity';
import { RuleSegments } from '../segments/rules/rule-segments';

// `npm run metrics:refresh -- [--plugin rfm] [--as-of 2026-06-30]`: refits and rescores plugins
// on DATABASE_URL (or the embedded database), with a progress bar, then prints what each run did.
async function main(): Promise<number> {
  const { values } = parseArgs({ options: { plugin: { type: 'string', multiple: true }, 'as-of': { type: 'string' } } });
  const asOf = values['as-of'] ? new Date(values['as-of']) : new Date();
  if (Number.isNaN(asOf.getTime())) throw new Error(`--as-of must be an ISO date, got "${values['as-of']}"`);
  const config = loadConfig();
  const setup = await loadMetricsSetup(config);
  // Checked before the database is opened, so a typo fails fast. Without --plugin: every plugin
  // whose values are served (alternatives no route serves are refreshed only when named).
  const names = (values.plugin ? pluginsNamed(setup, values.plugin) : servedPlugins(setup)).map((p) => p.plugin.name);

  const log = createLogger(process.env.LOG_LEVEL ?? 'warn');
  const ds = await openDatabase(config.database, log);
  try {
    const metrics = await createMetricsRuntime(setup, config, ds, log);
    // As on the server: rule segments follow the new values, and every segment's size is recorded.
    const segments = new RuleSegments(ds, metrics, log, { ...config.segmentRules, intervalMinutes: 0 });
    segments.start();
    const total = await ds.getRepository(Customer).countBy({ erasedAt: IsNull() });
    process.stdout.write(`Refreshing ${names.join(', ')} on ${describeDatabase(config.database)}, as of ${asOf.toISOString()}\n`);
    const bar = new SingleBar({ format: ' {plugin} {bar} {percentage}% | {value}/{total} customers | {duration}s' }, Presets.shades_classic);
    let current = '';
    const runs = await metrics.refresh(names, asOf, (plugins, scored) => {
      const plugin = plugins.join(', ');
      if (plugin !== current) {
        if (current) bar.stop();
        bar.start(total, 0, { plugin });
        current = plugin;
      }
      bar.update(scored, { plugin });
    });
    bar.stop();
    for (const r of runs) {
      process.stdout.write(r.status === RunStatus.SUCCEEDED
        ? `  ${r.plugin}@${r.version}: run ${r.id} SUCCEEDED, ${r.customersScored} customers scored (${r.customersFailed} failed) in ${((r.durationMs ?? 0) / 1000).toFixed(1)} s\n`
        : r.status === RunStatus.SKIPPED ? `  ${r.plugin}@${r.version}: run ${r.id} SKIPPED: ${NO_CUSTOMERS}\n`
          : `  ${r.plugin}@${r.version}: run ${r.id} FAILED: ${r.error}; the previous values stay served\n`);
    }
    process.stdout.write(`  ${(await segments.ruleSegments()).length} rule segments re-evaluated; every segment's size recorded\n`);
    await segments.stop();
    await metrics.stop();
    return runs.every((r) => r.status === RunStatus.SUCCEEDED || r.status === RunStatus.SKIPPED) ? 0 : 1;
  } finally {
    await ds.destroy();
  }
}

main().then((code) => process.exit(code), (err) => {
  process.stderr.write(`Refresh failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});

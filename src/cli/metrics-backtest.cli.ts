import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config/config';
import { describeDatabase } from '../config/database-url';
import { createLogger } from '../common/logger';
import { openDatabase } from '../db/open-database';
import { createMetricsRuntime, loadMetricsSetup } from '../metrics/host/create-metrics-runtime';
import { checkBacktestInput, isBacktestProblem } from '../metrics/backtest/backtest-input';
import { formatBacktest } from '../metrics/backtest/format-backtest';
import { runBacktest } from '../metrics/backtest/run-backtest';

const usage = 'usage: npm run metrics:backtest -- --kind clv|churn --plugin <name> [--plugin <name> ...] --calibration-end <date> --holdout-end <date> [--json]';

function date(flag: string, value: string | undefined): Date {
  const d = new Date(value ?? '');
  if (!value || Number.isNaN(d.getTime())) throw new Error(`--${flag} must be an ISO date (e.g. 1997-09-30), got "${value ?? ''}"\n${usage}`);
  return d;
}

// `npm run metrics:backtest -- --kind clv --plugin a --plugin b --calibration-end 1997-09-30 --holdout-end 1998-06-30`:
// fits each plugin on the data up to the calibration end, writes nothing, and prints how its
// predictions compare with the holdout (or the report as JSON with --json).
async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      kind: { type: 'string' }, plugin: { type: 'string', multiple: true },
      'calibration-end': { type: 'string' }, 'holdout-end': { type: 'string' }, json: { type: 'boolean', default: false },
    },
  });
  const input = {
    kind: values.kind ?? '', plugins: values.plugin ?? [],
    calibrationEnd: date('calibration-end', values['calibration-end']), holdoutEnd: date('holdout-end', values['holdout-end']),
  };
  const config = loadConfig();
  const setup = await loadMetricsSetup(config);
  // Checked before the database is opened, so a typo fails fast.
  const checked = checkBacktestInput(setup, input, new Date(), config.clockSkewMs);
  if (isBacktestProblem(checked)) {
    const flag = checked.index !== undefined ? `--plugin ${input.plugins[checked.index]}` : `--${(checked.field ?? '').replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
    throw new Error(`${flag}: ${checked.message}\n${usage}`);
  }

  const log = createLogger(process.env.LOG_LEVEL ?? 'warn');
  const ds = await openDatabase(config.database, log);
  try {
    // init/dispose of the plugins, as for a refresh; the runtime is never started (no timer, no refresh).
    const metrics = await createMetricsRuntime(setup, config, ds, log);
    process.stderr.write(`Backtesting ${checked.plugins.map((p) => p.plugin.name).join(', ')} on ${describeDatabase(config.database)}\n`);
    const report = await runBacktest(checked, {
      ds, setup, currency: config.baseCurrency, log, includeInternal: setup.includeInternal,
      onProgress: (e) => process.stderr.write(e.phase === 'fit' ? `  fitting ${e.plugin}\n` : `\r  scoring: ${e.customers} customers`),
    });
    process.stderr.write('\n');
    process.stdout.write(values.json ? `${JSON.stringify(report, null, 2)}\n` : `\n${formatBacktest(report)}`);
    await metrics.stop();
    return report.plugins.some((p) => p.error) ? 1 : 0;
  } finally {
    await ds.destroy();
  }
}

main().then((code) => process.exit(code), (err) => {
  process.stderr.write(`Backtest failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});

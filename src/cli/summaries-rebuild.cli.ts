import 'reflect-metadata';
import { Presets, SingleBar } from 'cli-progress';
import { loadConfig } from '../config/config';
import { describeDatabase } from '../config/database-url';
import { createLogger } from '../common/logger';
import { openDatabase } from '../db/open-database';
import { rebuildSummaries } from '../summaries/summary-rebuild';

// `npm run summaries:rebuild`: recomputes every customer's summary from the interactions on
// DATABASE_URL (or the embedded database), with a progress bar. Run it after loading interactions
// by other means than the API (SQL, a restore).
async function main(): Promise<void> {
  const config = loadConfig();
  const ds = await openDatabase(config.database, createLogger(process.env.LOG_LEVEL ?? 'warn'));
  try {
    process.stdout.write(`Rebuilding customer summaries on ${describeDatabase(config.database)} (base currency ${config.baseCurrency})\n`);
    const bar = new SingleBar({ format: ' {bar} {percentage}% | {value}/{total} customers | {duration}s' }, Presets.shades_classic);
    const started = performance.now();
    bar.start(0, 0);
    const { customers } = await rebuildSummaries(ds, { currency: config.baseCurrency, onProgress: (done, total) => { bar.setTotal(total); bar.update(done); } });
    bar.stop();
    process.stdout.write(`${customers} customers summarised in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
  } finally {
    await ds.destroy();
  }
}

main().catch((err) => {
  process.stderr.write(`Rebuild failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});

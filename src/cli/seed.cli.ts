import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { SingleBar, Presets } from 'cli-progress';
import { loadConfig } from '../config/config';
import { describeDatabase } from '../config/database-url';
import { createLogger } from '../common/logger';
import { openDatabase } from '../db/open-database';
import { seedDemoData } from '../seed/seed-demo-data';
import { refreshAfterWrites } from '../import/refresh-after-writes';

// `npm run seed -- --seed 7 --customers 5000 --end 2026-01-01`: writes demo data into the database
// that DATABASE_URL names (or the embedded default), then refreshes the metrics (unless --no-refresh).
// Only ever on request.
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { seed: { type: 'string' }, customers: { type: 'string' }, end: { type: 'string' }, 'no-refresh': { type: 'boolean', default: false } },
  });
  const num = (name: string, v: string | undefined) => {
    if (v === undefined) return undefined;
    const n = Number(v);
    if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} must be a non-negative integer, got "${v}"`);
    return n;
  };
  const end = values.end ? new Date(`${values.end}T00:00:00.000Z`) : undefined;
  if (end && (Number.isNaN(end.getTime()) || end > new Date())) throw new Error('--end must be a past date as YYYY-MM-DD');

  const config = loadConfig();
  const log = createLogger(process.env.LOG_LEVEL ?? 'warn');
  const ds = await openDatabase(config.database, log);
  process.stdout.write(`Seeding demo data into ${describeDatabase(config.database)}\n`);
  const bar = new SingleBar({ format: ' {bar} {percentage}% | {value}/{total} records | {duration}s' }, Presets.shades_classic);
  let started = false;
  try {
    const stats = await seedDemoData(ds, config, {
      seed: num('seed', values.seed),
      customers: num('customers', values.customers),
      end,
      onProgress: (done, total) => {
        if (!started) bar.start(total, 0);
        started = true;
        bar.update(done);
      },
    });
    bar.stop();
    process.stdout.write(
      `Done in ${(stats.durationMs / 1000).toFixed(1)} s: ${stats.customers} customers, ${stats.interactions} interactions, ` +
        `${stats.links} links, ${stats.segments} segments (seed ${stats.seed}, history ending ${stats.end.slice(0, 10)}).\n`,
    );
    // Ready to read: without this, a seeded MySQL database served no metric until a manual refresh.
    if (!values['no-refresh']) {
      process.stdout.write('Refreshing metrics and rule segments...\n');
      for (const line of await refreshAfterWrites(ds, config, log)) process.stdout.write(`  ${line}\n`);
    }
  } finally {
    bar.stop();
    await ds.destroy();
  }
}

main().catch((err) => {
  process.stderr.write(`Seeding failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});

import '../server/production-mode';
import 'reflect-metadata';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { benchDatabase } from '../bench/bench-database.target';
import { checkBufferPool } from '../bench/buffer-pool.check';
import { loadDataSql, writeImportFiles } from '../bench/import-files.generator';
import { sampleRss } from '../bench/rss.sampler';
import { dialectFor } from '../bench/sql.dialect';
import { emptyTables } from '../bench/tables.reset';
import { ingestOptions } from '../common/ingest-options';
import { createLogger } from '../common/logger';
import { loadConfig } from '../config/config';
import { describeDatabase } from '../config/database-url';
import { openDatabase } from '../db/open-database';
import { importFile } from '../import/import-file';

// `BENCH_DATABASE_URL=mysql://... npm run bench:import -- --interactions 1000000`: writes a customers
// and an interactions CSV file, bulk-loads the interactions with MariaDB's own LOAD DATA LOCAL INFILE
// into a copy of the table (the reference), then imports both files through `npm run import`'s path
// into the emptied database, and prints both times, their ratio, the import's phases and its peak
// memory. `--buffer-pool-gb N` sizes InnoDB's buffer pool first (as bench:scale does).
async function main(): Promise<void> {
  const { values } = parseArgs({ options: { interactions: { type: 'string', default: '200000' }, customers: { type: 'string' }, batch: { type: 'string', default: '1000' }, 'buffer-pool-gb': { type: 'string' } } });
  const interactions = Number(values.interactions);
  const customers = Number(values.customers ?? Math.max(1, Math.round(interactions / 10)));
  const db = await benchDatabase(process.env.BENCH_DATABASE_URL, 10, 'import');
  const config = { ...loadConfig({ LOG_LEVEL: 'silent', PORT: '0' }), database: db.target };
  const ds = await openDatabase(db.target, createLogger('silent'));
  const d = dialectFor(db.target);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-import-'));
  const [cFile, iFile] = [path.join(dir, 'customers.csv'), path.join(dir, 'interactions.csv')];
  const line = (label: string, value: string) => process.stdout.write(`${label.padEnd(52)} ${value}\n`);
  try {
    process.stdout.write(`bench:import on ${describeDatabase(db.target)}: ${customers.toLocaleString('en-US')} customers, ${interactions.toLocaleString('en-US')} interactions\n`);
    if (d.kind === 'mysql') {
      const pool = await checkBufferPool(ds, values['buffer-pool-gb'] === undefined ? undefined : Number(values['buffer-pool-gb']));
      line('innodb_buffer_pool_size', `${(pool.bytes / 2 ** 30).toFixed(1)} GiB${pool.warning ? ` (${pool.warning})` : ''}`);
    }
    await emptyTables(ds, d);
    await writeImportFiles(cFile, iFile, customers, interactions, Date.now() - 86_400_000);
    line('files', `${(fs.statSync(iFile).size / 2 ** 20).toFixed(0)} MiB of interactions`);
    const o = { ds, ingest: ingestOptions(config), batchSize: Number(values.batch), skipInvalid: false, maxProblems: 10 };
    const c = await importFile('customers', cFile, o);
    line('customers imported', `${c.seconds.toFixed(1)} s (${Math.round(c.read / c.seconds)} rows/s)`);

    let reference: number | undefined;
    if (d.kind === 'mysql') {
      await ds.query('DROP TABLE IF EXISTS interaction_loadbench');
      await ds.query('CREATE TABLE interaction_loadbench LIKE interaction');
      const started = performance.now();
      const qr = ds.createQueryRunner();
      try {
        const conn = await qr.connect() as { query(o: { sql: string; infileStreamFactory: () => fs.ReadStream }, cb: (err: unknown) => void): void };
        for (const sql of loadDataSql(iFile, 'interaction_loadbench')) {
          await new Promise<void>((resolve, reject) => conn.query({ sql, infileStreamFactory: () => fs.createReadStream(iFile) }, (err) => (err ? reject(err) : resolve())));
        }
      } finally {
        await qr.release();
      }
      reference = (performance.now() - started) / 1000;
      const [{ n }] = await ds.query('SELECT COUNT(*) AS n FROM interaction_loadbench') as { n: unknown }[];
      line('reference: LOAD DATA LOCAL INFILE', `${reference.toFixed(1)} s (${Number(n).toLocaleString('en-US')} rows, ${Math.round(interactions / reference)} rows/s)`);
      await ds.query('DROP TABLE interaction_loadbench');
    }
    const rss = sampleRss();
    const r = await importFile('interactions', iFile, o);
    const peak = rss();
    line('interactions imported (npm run import path)', `${r.seconds.toFixed(1)} s (${Math.round(r.read / r.seconds)} rows/s), ${r.created} inserted, ${r.rejected} rejected`);
    line('  peak RSS during it', `${peak.toFixed(0)} MiB`);
    for (const [name, s] of Object.entries(r.phases)) line(`  ${name}`, `${s.toFixed(1)} s`);
    if (reference) line('  ratio to LOAD DATA', `${(r.seconds / reference).toFixed(1)}x (target: at most 3x)`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
    await ds.destroy();
    db.cleanup();
  }
}

main().then(() => process.exit(0), (err) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});

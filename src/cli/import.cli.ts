import 'reflect-metadata';
import { statSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Presets, SingleBar } from 'cli-progress';
import { ingestOptions } from '../common/ingest-options';
import { createLogger } from '../common/logger';
import { loadConfig } from '../config/config';
import { describeDatabase } from '../config/database-url';
import { openDatabase } from '../db/open-database';
import { type ImportFileResult, importFile } from '../import/import-file';
import type { ImportKind } from '../import/import-rows';
import { refreshAfterWrites } from '../import/refresh-after-writes';

// `npm run import -- --customers c.csv --relationships l.ndjson --interactions i.csv.gz [--skip-invalid --rejects bad.csv]`:
// imports files into DATABASE_URL (or the embedded database) through the API's validation and
// write paths, then refreshes the metrics. See the README, "Importing files".
const USAGE = 'usage: npm run import -- [--customers FILE] [--relationships FILE] [--interactions FILE] [--skip-invalid --rejects FILE] [--batch 1000] [--max-errors 100] [--no-refresh]';

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      customers: { type: 'string' }, relationships: { type: 'string' }, interactions: { type: 'string' },
      'skip-invalid': { type: 'boolean', default: false }, rejects: { type: 'string' },
      batch: { type: 'string', default: '1000' }, 'max-errors': { type: 'string', default: '100' }, 'no-refresh': { type: 'boolean', default: false },
    },
  });
  // Customers first: links and interactions name them.
  const files = (['customers', 'relationships', 'interactions'] as ImportKind[]).flatMap((kind) => (values[kind] ? [{ kind, file: values[kind]! }] : []));
  if (!files.length) throw new Error(`nothing to import\n${USAGE}`);
  const batch = Number(values.batch);
  const maxErrors = Number(values['max-errors']);
  if (!Number.isInteger(batch) || batch < 1 || batch > 10_000) throw new Error('--batch must be a whole number from 1 to 10000');
  if (!Number.isInteger(maxErrors) || maxErrors < 0) throw new Error('--max-errors must be a whole number');
  if (values.rejects && !values['skip-invalid']) throw new Error('--rejects goes with --skip-invalid');
  for (const f of files) statSync(f.file);

  const config = loadConfig();
  const log = createLogger(process.env.LOG_LEVEL ?? 'warn');
  const ds = await openDatabase(config.database, log);
  process.stdout.write(`Importing into ${describeDatabase(config.database)}\n`);
  const results: ImportFileResult[] = [];
  try {
    for (const { kind, file } of files) {
      const size = statSync(file).size;
      const bar = new SingleBar({ format: ` ${kind.padEnd(13)} {bar} {percentage}% | {value}/{total} bytes | {duration}s` }, Presets.shades_classic);
      bar.start(size, 0);
      let r: ImportFileResult;
      try {
        r = await importFile(kind, file, {
          ds, ingest: ingestOptions(config), batchSize: batch, skipInvalid: values['skip-invalid']!, maxProblems: maxErrors,
          rejectsFile: values.rejects ? rejectsPath(values.rejects, file, kind, files.length) : undefined,
          onBytes: (b) => bar.update(Math.min(b, size)),
        });
      } finally {
        bar.stop();
      }
      results.push(r);
      report(r, values.rejects ? rejectsPath(values.rejects, file, kind, files.length) : undefined);
      if (r.stopped) {
        process.stdout.write(`Stopped: ${file} has bad rows and nothing of it was imported${files.length > 1 ? ' (nor the files after it)' : ''}. Fix them, or run with --skip-invalid --rejects FILE.\n`);
        return 2;
      }
    }
    const changed = results.reduce((n, r) => n + r.created + r.updated, 0);
    if (changed && !values['no-refresh']) {
      process.stdout.write('Refreshing metrics and rule segments...\n');
      for (const line of await refreshAfterWrites(ds, config, log)) process.stdout.write(`  ${line}\n`);
    }
    return 0;
  } finally {
    await ds.destroy();
  }
}

function report(r: ImportFileResult, rejects: string | undefined): void {
  const rate = r.seconds > 0 ? Math.round(r.read / r.seconds) : r.read;
  process.stdout.write(`${r.kind} (${r.file}): ${r.read} rows read, ${r.created} inserted, ${r.updated} updated, ${r.unchanged} unchanged, ${r.rejected} rejected in ${r.seconds.toFixed(1)} s (${rate} rows/s)\n`);
  for (const p of r.problems) process.stdout.write(`  row ${p.row}${p.field ? `, ${p.field}` : ''}: ${p.message}\n`);
  if (r.problemCount > r.problems.length) process.stdout.write(`  ... and ${r.problemCount - r.problems.length} more (--max-errors)\n`);
  if (rejects && r.rejected) process.stdout.write(`  rejected rows written to ${rejects}\n`);
}

/** One rejects file per input: the name given, or with several inputs that name with the kind added (bad.csv: bad-customers.csv). */
function rejectsPath(given: string, input: string, kind: ImportKind, inputs: number): string {
  const ext = input.toLowerCase().replace(/\.gz$/, '').match(/\.(csv|ndjson|jsonl)$/)?.[0] ?? '.csv';
  if (inputs === 1) return given;
  const base = given.replace(/\.(csv|ndjson|jsonl)$/i, '');
  return path.join(path.dirname(base), `${path.basename(base)}-${kind}${ext}`);
}

main().then((code) => process.exit(code), (err) => {
  process.stderr.write(`Import failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});

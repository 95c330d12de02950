import type { DataSource } from 'typeorm';
import type { IngestOptions } from '../common/ingest-options';
import { upsertCustomers } from '../customers/customer-ingest.service';
import { linkCustomers } from '../relationships/link.service';
import { type BadRow, type CheckedRow, checkedBatches } from './checked-rows';
import { emptyResult, type ImportFileOptions, type ImportFileResult, noteProblem } from './import-result';
import type { ImportKind } from './import-rows';
import { formatOf } from './import-source';
import { importInteractions } from './interaction-import';
import { RejectsWriter } from './rejects-writer';

export type { ImportFileOptions, ImportFileResult, RowProblem } from './import-result';

type Write = (ds: DataSource, o: IngestOptions, rows: CheckedRow[]) => Promise<{ created: number; updated?: number; unchanged: number }>;

/** The API's own write for customers and links. */
const WRITES: Record<Exclude<ImportKind, 'interactions'>, Write> = {
  customers: (ds, o, rows) => upsertCustomers(ds, o, rows.map((r) => r.value) as never),
  relationships: (ds, o, rows) => linkCustomers(ds, o, rows.map((r) => r.value) as never),
};

/**
 * Imports one file, streamed, idempotent on external ids (run again, imported rows count as
 * unchanged). Interactions take the staged path ({@link importInteractions}); customers and links
 * go through the API's validation and write, in batches: by default a first pass checks every row
 * (fields, types, the customers it names, repeats within a batch) and a file with any bad row
 * imports nothing; with `skipInvalid` one pass imports the good rows and writes the bad ones, with
 * their reasons, to the rejects file.
 */
export async function importFile(kind: ImportKind, file: string, opts: ImportFileOptions): Promise<ImportFileResult> {
  if (kind === 'interactions') return importInteractions(file, opts);
  const started = performance.now();
  const result = emptyResult(kind, file);
  // The import's batches may be larger than an API request's.
  const ingest = { ...opts.ingest, batchSizeMax: Math.max(opts.ingest.batchSizeMax, opts.batchSize) };
  const batches = (bad: BadRow, onBytes?: (n: number) => void) => checkedBatches({ kind, file, ingest, batchSize: opts.batchSize, keepFields: opts.skipInvalid }, opts.ds, bad, onBytes);

  if (!opts.skipInvalid) {
    // Pass 1: check everything, write nothing.
    for await (const batch of batches(async (p) => noteProblem(result, opts.maxProblems, p), opts.onBytes)) result.read += batch.length;
    result.read += result.problemCount;
    if (result.problemCount) {
      result.stopped = true;
      result.rejected = result.problemCount;
      result.seconds = (performance.now() - started) / 1000;
      return result;
    }
    result.read = 0;
  }

  // Pass 2 (the only pass with skipInvalid): write the good rows batch by batch.
  const rejects = opts.skipInvalid && opts.rejectsFile ? new RejectsWriter(opts.rejectsFile, formatOf(file) === 'csv') : undefined;
  const reject: BadRow = async (p, fields) => {
    noteProblem(result, opts.maxProblems, p);
    result.rejected += 1;
    result.read += 1;
    await rejects?.write(p, fields);
  };
  try {
    for await (const batch of batches(reject, opts.skipInvalid ? opts.onBytes : undefined)) {
      result.read += batch.length;
      let rows = batch;
      // A batch is all or nothing: rows the write refuses (a conflict with what is stored) are set aside and the rest written again.
      for (let attempt = 0; rows.length; attempt++) {
        try {
          const r = await WRITES[kind](opts.ds, ingest, rows);
          result.created += r.created;
          result.updated += r.updated ?? 0;
          result.unchanged += r.unchanged;
          break;
        } catch (err) {
          const problems = (err as { extensions?: { problems?: { index?: number; field?: string; message: string }[] } }).extensions?.problems;
          if (!opts.skipInvalid || !problems?.length || problems.some((p) => p.index === undefined) || attempt > 3) throw withRows(err, rows, problems);
          const refused = new Set(problems.map((p) => p.index!));
          for (const p of problems) await reject({ row: rows[p.index!]!.row, field: p.field, message: p.message }, rows[p.index!]!.fields);
          result.read -= refused.size;
          rows = rows.filter((_, i) => !refused.has(i));
        }
      }
    }
  } finally {
    await rejects?.close();
  }
  result.seconds = (performance.now() - started) / 1000;
  return result;
}

/** A write error, with the file rows it names instead of batch indexes. */
function withRows(err: unknown, rows: CheckedRow[], problems: { index?: number; field?: string; message: string }[] | undefined): Error {
  if (!problems?.length) return err as Error;
  const described = problems.slice(0, 5).map((p) => `row ${p.index === undefined ? '?' : rows[p.index]?.row}${p.field ? ` ${p.field}` : ''}: ${p.message}`).join('; ');
  return new Error(`the database refused a batch: ${described}. The batches before it are written; fix the rows and run the import again (imported rows count as unchanged).`);
}

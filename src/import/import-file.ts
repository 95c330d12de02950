import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { stringify } from 'csv-stringify/sync';
import type { DataSource } from 'typeorm';
import type { z } from 'zod';
import type { IngestOptions } from '../common/ingest-options';
import { customerInputSchema } from '../customers/customer-input.schema';
import { upsertCustomers } from '../customers/customer-ingest.service';
import { interactionInputSchema, type ValidInteractionInput } from '../interactions/interaction-input.schema';
import { batchError } from '../common/validate-batch';
import { ErrorCode } from '../graphql/errors';
import { refreshTouchedSummaries, writeInteractionsBulk } from './interactions-bulk';
import { linkInputSchema } from '../relationships/link-input.schema';
import { linkCustomers } from '../relationships/link.service';
import { type ImportKind, RowError, toInput } from './import-rows';
import { formatOf, readRecords } from './import-source';

/** One bad row: where, which field, why. */
export interface RowProblem {
  row: number;
  field?: string;
  message: string;
}

export interface ImportFileOptions {
  ds: DataSource;
  ingest: IngestOptions;
  /** Rows per write transaction. */
  batchSize: number;
  /** Import the good rows and write the bad ones to `rejectsFile` instead of importing nothing. */
  skipInvalid: boolean;
  rejectsFile?: string;
  /** Problems kept for the report (all are counted). */
  maxProblems: number;
  onBytes?: (bytes: number) => void;
}

export interface ImportFileResult {
  kind: ImportKind;
  file: string;
  read: number;
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
  seconds: number;
  /** Bad rows stopped the file (nothing of it was written). */
  stopped: boolean;
  problems: RowProblem[];
  problemCount: number;
}

type Input = Record<string, unknown>;
/** A row of the file: where it is, as read, as the API's input, and as its schema parsed it. */
interface Row { row: number; fields: Record<string, unknown>; input: Input; valid: unknown; customerId?: number }

/**
 * The checks that need no database, and the write, of each kind: the API's own for customers and
 * links; for interactions the bulk path (same content and fingerprints, summaries once per file).
 */
function kindOf(kind: ImportKind, o: IngestOptions, touched: Set<number>): { schema: z.ZodType; write: (ds: DataSource, rows: Row[]) => Promise<{ created: number; updated?: number; unchanged: number }>; references: (i: Input) => string[] } {
  switch (kind) {
    case 'customers': return { schema: customerInputSchema(o), write: (ds, rows) => upsertCustomers(ds, o, rows.map((r) => r.input) as never), references: () => [] };
    case 'relationships': return { schema: linkInputSchema, write: (ds, rows) => linkCustomers(ds, o, rows.map((r) => r.input) as never), references: (i) => [String(i.fromExternalId), String(i.toExternalId)] };
    case 'interactions': return {
      schema: interactionInputSchema(o),
      references: (i) => [String(i.customerExternalId)],
      write: async (ds, rows) => {
        const r = await writeInteractionsBulk(ds, o, rows.map((x) => ({ input: x.valid as ValidInteractionInput, customerId: x.customerId! })), touched);
        if (r.conflicts.length) throw batchError(r.conflicts.map((c) => ({ ...c, field: 'externalId' })), 'input', ErrorCode.CONFLICT);
        return r;
      },
    };
  }
}

/**
 * Imports one file through the API's validation and write paths, streamed in batches. By
 * default a first pass checks every row (fields, types, the customers it names, repeats within a
 * batch) and a file with any bad row imports nothing; with `skipInvalid` one pass imports the
 * good rows and writes the bad ones, with their reasons, to the rejects file. Idempotent on
 * external ids: run again, imported rows count as unchanged.
 */
export async function importFile(kind: ImportKind, file: string, opts: ImportFileOptions): Promise<ImportFileResult> {
  const started = performance.now();
  const result: ImportFileResult = { kind, file, read: 0, created: 0, updated: 0, unchanged: 0, rejected: 0, seconds: 0, stopped: false, problems: [], problemCount: 0 };
  // The import's batches may be larger than an API request's.
  const touched = new Set<number>();
  const k = kindOf(kind, { ...opts.ingest, batchSizeMax: Math.max(opts.ingest.batchSizeMax, opts.batchSize) }, touched);
  const csv = formatOf(file) === 'csv';
  const note = (p: RowProblem) => {
    result.problemCount += 1;
    if (result.problems.length < opts.maxProblems) result.problems.push(p);
  };

  /** The rows of the file, checked alone; bad ones go to `bad`. */
  async function* checkedBatches(bad: (p: RowProblem, fields?: Record<string, unknown>) => Promise<void>, onBytes?: (n: number) => void): AsyncGenerator<Row[]> {
    let batch: Row[] = [];
    const flush = async () => {
      const out = await referenced(batch, bad);
      batch = [];
      return out;
    };
    for await (const rec of readRecords(file, onBytes)) {
      if ('error' in rec) {
        await bad({ row: rec.row, message: rec.error });
        continue;
      }
      let input: Input;
      try {
        input = toInput(kind, rec.fields, csv);
      } catch (e) {
        if (!(e instanceof RowError)) throw e;
        await bad({ row: rec.row, field: e.field, message: e.message }, rec.fields);
        continue;
      }
      const parsed = k.schema.safeParse(input);
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        await bad({ row: rec.row, field: issue.path.join('.') || undefined, message: issue.message }, rec.fields);
        continue;
      }
      batch.push({ row: rec.row, fields: rec.fields, input, valid: parsed.data });
      if (batch.length >= opts.batchSize) yield await flush();
    }
    if (batch.length) yield await flush();
  }

  /** The rows whose customers exist (not erased), and no repeat of an external id within the batch; the others go to `bad`. */
  async function referenced(rows: Row[], bad: (p: RowProblem, fields?: Record<string, unknown>) => Promise<void>): Promise<Row[]> {
    const names = [...new Set(rows.flatMap((r) => k.references(r.input)))];
    const known = new Map<string, number>();
    for (let i = 0; i < names.length; i += 1000) {
      const chunk = names.slice(i, i + 1000);
      const found = await opts.ds.query(`SELECT id, external_id AS x FROM customer WHERE erased_at IS NULL AND external_id IN (${chunk.map(() => '?').join(', ')})`, chunk) as { id: unknown; x: string }[];
      for (const f of found) known.set(f.x, Number(f.id));
    }
    const seen = new Set<string>();
    const good: Row[] = [];
    for (const r of rows) {
      const missing = k.references(r.input).find((x) => !known.has(x));
      const key = kind === 'relationships' ? `${r.input.type}|${r.input.fromExternalId}|${r.input.toExternalId}` : String(r.input.externalId);
      if (missing !== undefined) await bad({ row: r.row, field: kind === 'interactions' ? 'customerExternalId' : missing === r.input.fromExternalId ? 'fromExternalId' : 'toExternalId', message: `no customer has externalId "${missing}"` }, r.fields);
      else if (seen.has(key)) await bad({ row: r.row, field: 'externalId', message: 'appears twice in the same batch of rows: keep one' }, r.fields);
      else {
        seen.add(key);
        // The first customer a row names: an interaction's, which the bulk path writes by id.
        good.push({ ...r, customerId: known.get(k.references(r.input)[0] ?? '') });
      }
    }
    return good;
  }

  if (!opts.skipInvalid) {
    // Pass 1: check everything, write nothing.
    for await (const batch of checkedBatches(async (p) => note(p), opts.onBytes)) result.read += batch.length;
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
  const rejects = opts.skipInvalid && opts.rejectsFile ? new RejectsWriter(opts.rejectsFile, csv) : undefined;
  const reject = async (p: RowProblem, fields?: Record<string, unknown>) => {
    note(p);
    result.rejected += 1;
    result.read += 1;
    await rejects?.write(p, fields);
  };
  try {
    for await (const batch of checkedBatches(reject, opts.skipInvalid ? opts.onBytes : undefined)) {
      result.read += batch.length;
      let rows = batch;
      // A batch is all or nothing: rows the write refuses (a conflict with what is stored) are set aside and the rest written again.
      for (let attempt = 0; rows.length; attempt++) {
        try {
          const r = await k.write(opts.ds, rows);
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
    // Interactions went in without their customers' summaries: brought up to date once, here.
    await refreshTouchedSummaries(opts.ds, touched, opts.ingest.baseCurrency);
  } finally {
    await rejects?.close();
  }
  result.seconds = (performance.now() - started) / 1000;
  return result;
}

/** A write error, with the file rows it names instead of batch indexes. */
function withRows(err: unknown, rows: Row[], problems: { index?: number; field?: string; message: string }[] | undefined): Error {
  if (!problems?.length) return err as Error;
  const described = problems.slice(0, 5).map((p) => `row ${p.index === undefined ? '?' : rows[p.index]?.row}${p.field ? ` ${p.field}` : ''}: ${p.message}`).join('; ');
  return new Error(`the database refused a batch: ${described}. The batches before it are written; fix the rows and run the import again (imported rows count as unchanged).`);
}

/** The rejected rows, in the input's format, each with why. */
class RejectsWriter {
  private readonly out: WriteStream;
  private header: string[] | undefined;

  constructor(file: string, private readonly csv: boolean) {
    this.out = createWriteStream(file);
  }

  async write(p: RowProblem, fields: Record<string, unknown> = {}): Promise<void> {
    const why = `row ${p.row}${p.field ? `, ${p.field}` : ''}: ${p.message}`;
    let text: string;
    if (this.csv) {
      const head = !this.header;
      this.header ??= [...Object.keys(fields), 'error'];
      text = stringify([...(head ? [this.header] : []), this.header.map((c) => (c === 'error' ? why : fields[c] ?? ''))]);
    } else {
      text = `${JSON.stringify({ ...fields, _row: p.row, _error: why })}\n`;
    }
    if (!this.out.write(text)) await once(this.out, 'drain');
  }

  async close(): Promise<void> {
    this.out.end();
    await once(this.out, 'finish');
  }
}

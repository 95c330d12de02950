import type { z } from 'zod';
import type { IngestOptions } from '../common/ingest-options';
import { customerInputSchema } from '../customers/customer-input.schema';
import { interactionInputSchema } from '../interactions/interaction-input.schema';
import { linkInputSchema } from '../relationships/link-input.schema';
import type { RowProblem } from './import-result';
import { type ImportKind, RowError, toInput } from './import-rows';
import { formatOf, readRecords } from './import-source';

/**
 * A row that is readable, typed and valid for the API's input schema: where it is, its value
 * (for interactions as the schema parsed it, for the others the API input that their write path
 * checks again), and its fields as read when a rejects file may need them.
 */
export interface ParsedRow { row: number; value: Record<string, unknown>; fields?: Record<string, unknown> }

/** A batch of rows in file order: the good ones, the bad ones with why, and how far into the file (bytes) it reaches. */
export interface ParsedBatch {
  rows: ParsedRow[];
  bad: { problem: RowProblem; fields?: Record<string, unknown> }[];
  bytes: number;
}

/** What a parse needs; plain data, so that it can be handed to a thread. */
export interface ParseJob {
  kind: ImportKind;
  file: string;
  ingest: IngestOptions;
  batchSize: number;
  /** Keep each good row's fields as read (for a rejects file): copying them between threads costs. */
  keepFields: boolean;
}

function schemaOf(kind: ImportKind, o: IngestOptions): z.ZodType {
  switch (kind) {
    case 'customers': return customerInputSchema(o);
    case 'relationships': return linkInputSchema;
    case 'interactions': return interactionInputSchema(o);
  }
}

/**
 * The rows of an import file, each checked alone (readable, typed, valid for the API's input
 * schema), in batches of `batchSize` good rows. Needs no database: it runs on a thread of its own
 * (see row-parse.worker).
 */
export async function* parsedBatches(job: ParseJob): AsyncGenerator<ParsedBatch> {
  const schema = schemaOf(job.kind, job.ingest);
  const csv = formatOf(job.file) === 'csv';
  let bytes = 0;
  let batch: ParsedBatch = { rows: [], bad: [], bytes };
  for await (const rec of readRecords(job.file, (b) => { bytes = b; })) {
    if ('error' in rec) {
      batch.bad.push({ problem: { row: rec.row, message: rec.error } });
      continue;
    }
    try {
      const input = toInput(job.kind, rec.fields, csv);
      const parsed = schema.safeParse(input);
      if (parsed.success) {
        const value = (job.kind === 'interactions' ? parsed.data : input) as Record<string, unknown>;
        batch.rows.push(job.keepFields ? { row: rec.row, value, fields: rec.fields } : { row: rec.row, value });
      }
      else {
        const issue = parsed.error.issues[0]!;
        batch.bad.push({ problem: { row: rec.row, field: issue.path.join('.') || undefined, message: issue.message }, fields: rec.fields });
      }
    } catch (e) {
      if (!(e instanceof RowError)) throw e;
      batch.bad.push({ problem: { row: rec.row, field: e.field, message: e.message }, fields: rec.fields });
    }
    if (batch.rows.length >= job.batchSize) {
      yield { ...batch, bytes };
      batch = { rows: [], bad: [], bytes };
    }
  }
  if (batch.rows.length || batch.bad.length) yield { ...batch, bytes };
}

import type { DataSource } from 'typeorm';
import { besideModule } from '../compute/off-thread';
import { streamFromThread } from '../compute/thread-stream';
import type { RowProblem } from './import-result';
import type { ImportKind } from './import-rows';
import type { ParseJob, ParsedBatch, ParsedRow } from './row-parse';

/** A row that passed the checks, with the id of the first customer it names. */
export interface CheckedRow extends ParsedRow { customerId?: number }

/** Reports a bad row (with its fields as read, for a rejects file). */
export type BadRow = (p: RowProblem, fields?: Record<string, unknown>) => Promise<void>;

const PARSE_THREAD = besideModule(__filename, 'row-parse.worker');

/** The customers a row names, by external id. */
function referencesOf(kind: ImportKind): (i: Record<string, unknown>) => string[] {
  switch (kind) {
    case 'customers': return () => [];
    case 'relationships': return (i) => [String(i.fromExternalId), String(i.toExternalId)];
    case 'interactions': return (i) => [String(i.customerExternalId)];
  }
}

/**
 * The rows of an import file in batches, each row checked alone (readable, typed, valid for the
 * API's input schema: on a thread of its own, see row-parse) and then with its batch (the
 * customers it names exist and are not erased; a customer or link not given twice in one batch).
 * Bad rows go to `bad` and are left out.
 */
export async function* checkedBatches(job: ParseJob, ds: DataSource, bad: BadRow, onBytes?: (n: number) => void): AsyncGenerator<CheckedRow[]> {
  const { kind } = job;
  const references = referencesOf(kind);
  for await (const batch of streamFromThread<ParsedBatch>(PARSE_THREAD, job)) {
    onBytes?.(batch.bytes);
    for (const b of batch.bad) await bad(b.problem, b.fields);
    if (batch.rows.length) yield await referenced(kind, ds, references, batch.rows, bad);
  }
}

/** The rows whose customers exist (not erased), without a repeat within the batch; the others go to `bad`. */
async function referenced(kind: ImportKind, ds: DataSource, references: (i: Record<string, unknown>) => string[], rows: ParsedRow[], bad: BadRow): Promise<CheckedRow[]> {
  const names = [...new Set(rows.flatMap((r) => references(r.value)))];
  const known = new Map<string, number>();
  for (let i = 0; i < names.length; i += 1000) {
    const chunk = names.slice(i, i + 1000);
    const found = await ds.query(`SELECT id, external_id AS x FROM customer WHERE erased_at IS NULL AND external_id IN (${chunk.map(() => '?').join(', ')})`, chunk) as { id: unknown; x: string }[];
    for (const f of found) known.set(f.x, Number(f.id));
  }
  const seen = new Set<string>();
  const good: CheckedRow[] = [];
  for (const r of rows) {
    const missing = references(r.value).find((x) => !known.has(x));
    // Interactions are checked for repeats across the whole file, where they are staged.
    const key = kind === 'relationships' ? `${r.value.type}|${r.value.fromExternalId}|${r.value.toExternalId}` : kind === 'customers' ? String(r.value.externalId) : undefined;
    if (missing !== undefined) await bad({ row: r.row, field: kind === 'interactions' ? 'customerExternalId' : missing === r.value.fromExternalId ? 'fromExternalId' : 'toExternalId', message: `no customer has externalId "${missing}"` }, r.fields);
    else if (key !== undefined && seen.has(key)) await bad({ row: r.row, field: 'externalId', message: 'appears twice in the same batch of rows: keep one' }, r.fields);
    else {
      if (key !== undefined) seen.add(key);
      good.push({ ...r, customerId: known.get(references(r.value)[0] ?? '') });
    }
  }
  return good;
}

import type { DataSource } from 'typeorm';
import { writeTransaction } from '../common/concurrent-write';
import { fingerprint } from '../common/fingerprint';
import type { IngestOptions } from '../common/ingest-options';
import { refreshCustomerStats } from '../customers/customer-stats';
import { bulkLoad } from '../db/bulk-load';
import { toSqlDate } from '../db/sql-date';
import { contentOf } from '../interactions/interaction-ingest.service';
import type { ValidInteractionInput } from '../interactions/interaction-input.schema';

const COLUMNS = ['external_id', 'customer_id', 'occurred_at', 'type', 'channel', 'contact_level', 'amount', 'currency', 'margin',
  'expectation_score', 'perception_score', 'note', 'metadata', 'fingerprint', 'created_at'];
const list = (xs: readonly unknown[]) => xs.map(() => '?').join(', ');

/** What a bulk batch did; `conflicts`: indexes of rows whose external id is stored with other content. */
export interface BulkBatchResult {
  created: number;
  unchanged: number;
  conflicts: { index: number; message: string }[];
}

/**
 * The import's path for interactions: the same content and fingerprint as recordInteractions,
 * checked against what is stored (unchanged, or a conflict: interactions are immutable), the new
 * rows appended with the engine's bulk load (LOAD DATA LOCAL INFILE on MySQL/MariaDB), and the
 * customers' summaries left for {@link refreshTouchedSummaries} once the file is in: a customer
 * with interactions in every batch has its summary recomputed once, not once per batch.
 */
export async function writeInteractionsBulk(ds: DataSource, o: IngestOptions, rows: { input: ValidInteractionInput; customerId: number }[], touched: Set<number>): Promise<BulkBatchResult> {
  // Customer ids come with the rows: the import resolved them when it checked the batch.
  const contents = rows.map((r) => contentOf(r.input, r.customerId, o.baseCurrency));
  const hashes = contents.map((c) => fingerprint(c as unknown as Record<string, unknown>));
  const keys = contents.map((c) => c.externalId);
  const stored = new Map((await ds.query(`SELECT external_id AS x, fingerprint AS f FROM interaction WHERE external_id IN (${list(keys)})`, keys) as { x: string; f: string }[])
    .map((r) => [r.x, r.f]));
  const result: BulkBatchResult = { created: 0, unchanged: 0, conflicts: [] };
  const fresh: (string | number | null)[][] = [];
  const now = toSqlDate(o.now);
  contents.forEach((c, index) => {
    const known = stored.get(c.externalId);
    if (known === undefined) {
      fresh.push([c.externalId, c.customerId, toSqlDate(c.occurredAt), c.type, c.channel, c.contactLevel, c.amount, c.currency, c.margin,
        c.expectationScore, c.perceptionScore, c.note, c.metadata === null ? null : JSON.stringify(c.metadata), hashes[index]!, now]);
    } else if (known !== hashes[index]) {
      result.conflicts.push({ index, message: `"${c.externalId}" was already recorded with different content; interactions are immutable` });
      return;
    } else result.unchanged += 1;
    touched.add(c.customerId);
  });
  if (result.conflicts.length) return { created: 0, unchanged: 0, conflicts: result.conflicts };
  await bulkLoad(ds, 'interaction', COLUMNS, fresh);
  result.created = fresh.length;
  // A customer erased while this batch was checked keeps no note or metadata, as erasure promises.
  const batchCustomers = [...new Set(contents.map((c) => c.customerId))];
  const erased = (await ds.query(`SELECT id FROM customer WHERE erased_at IS NOT NULL AND id IN (${list(batchCustomers)})`, batchCustomers) as { id: unknown }[]).map((r) => Number(r.id));
  if (erased.length) await ds.query(`UPDATE interaction SET note = NULL, metadata = NULL WHERE customer_id IN (${list(erased)})`, erased);
  return result;
}

/**
 * Recomputes the summaries and stat columns of the customers an import touched, 1,000 per
 * transaction (each also marks them changed, so that a refresh running meanwhile catches up).
 */
export async function refreshTouchedSummaries(ds: DataSource, touched: Set<number>, baseCurrency: string): Promise<void> {
  const ids = [...touched].sort((a, b) => a - b);
  for (let i = 0; i < ids.length; i += 1000) {
    const part = ids.slice(i, i + 1000);
    await writeTransaction(ds, { what: 'customer summaries' }, (m) => refreshCustomerStats(m, part, baseCurrency));
  }
}

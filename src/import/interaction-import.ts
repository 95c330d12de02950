import type { DataSource } from 'typeorm';
import { writeTransaction } from '../common/concurrent-write';
import { fingerprint } from '../common/fingerprint';
import { inLanes } from '../common/in-lanes';
import { readAhead } from '../common/read-ahead';
import { refreshCustomerStats } from '../customers/customer-stats';
import { isMysql } from '../db/dialect';
import { toSqlDate } from '../db/sql-date';
import { contentOf } from '../interactions/interaction-ingest.service';
import type { ValidInteractionInput } from '../interactions/interaction-input.schema';
import { type BadRow, checkedBatches } from './checked-rows';
import { emptyResult, type ImportFileOptions, type ImportFileResult, noteProblem } from './import-result';
import { formatOf } from './import-source';
import { InteractionStaging, type StagedCell, stagedRow } from './interaction-staging';
import { RejectsWriter } from './rejects-writer';

/** File rows per INSERT ... SELECT from the staging table: each is a transaction of its own. */
const WRITE_RANGE_ROWS = 50_000;
/** How far back an erasure may have begun and still race with this import (clocks of different machines included). */
const ERASURE_SLACK_MS = 10 * 60_000;

/**
 * Imports a file of interactions in one pass over it: each row is checked as the API checks it
 * and given the same content and fingerprint as `recordInteractions`, and staged (see
 * {@link InteractionStaging}); the checks over the whole file follow in SQL. With a bad row and
 * without `skipInvalid` nothing is written. Otherwise the new rows go into `interaction` a range
 * at a time, and the summaries of the customers the file names are brought up to date once at the
 * end, not once per batch.
 */
export async function importInteractions(file: string, opts: ImportFileOptions): Promise<ImportFileResult> {
  const started = performance.now();
  const startedAt = Date.now();
  const result = emptyResult('interactions', file);
  const rejects = opts.skipInvalid && opts.rejectsFile ? new RejectsWriter(opts.rejectsFile, formatOf(file) === 'csv') : undefined;
  const bad: BadRow = async (p, fields) => {
    noteProblem(result, opts.maxProblems, p);
    result.rejected += 1;
    await rejects?.write(p, fields);
  };
  const phase = (name: string, since: number) => { result.phases[name] = (performance.now() - since) / 1000; return performance.now(); };
  const touched = new Set<number>();
  const { ds, ingest } = opts;
  const staging = await InteractionStaging.open(ds);
  try {
    const createdAt = toSqlDate(ingest.now);
    async function* staged(): AsyncGenerator<StagedCell[][]> {
      for await (const batch of readAhead(checkedBatches({ kind: 'interactions', file, ingest, batchSize: opts.batchSize, keepFields: opts.skipInvalid }, ds, bad, opts.onBytes))) {
        yield batch.map((r) => {
          const c = contentOf(r.value as unknown as ValidInteractionInput, r.customerId!, ingest.baseCurrency);
          touched.add(c.customerId);
          return stagedRow(r.row, opts.skipInvalid ? JSON.stringify(r.fields) : null, c, fingerprint(c as unknown as Record<string, unknown>), createdAt);
        });
      }
    }
    let t = performance.now();
    const stagedRows = await staging.load(staged());
    t = phase('read and check rows', t);
    const counts = await staging.check();
    if (counts.refused) for await (const p of staging.problems()) await bad({ row: p.row, field: 'externalId', message: p.message }, p.source);
    result.read = stagedRows + result.rejected - counts.refused;
    result.problems.sort((a, b) => a.row - b.row);
    t = phase('check the file as a whole', t);
    if (result.problemCount && !opts.skipInvalid) {
      result.stopped = true;
      return result;
    }
    result.created = await staging.write(WRITE_RANGE_ROWS);
    result.unchanged = counts.unchanged;
    await clearNotesOfErased(ds, touched, new Date(startedAt - ERASURE_SLACK_MS));
    t = phase('write', t);
    await refreshTouchedSummaries(ds, touched, ingest.baseCurrency);
    phase('customer summaries', t);
    return result;
  } finally {
    result.seconds = (performance.now() - started) / 1000;
    await staging.close();
    await rejects?.close();
  }
}

/** A customer erased while the import ran keeps no note or metadata, as erasure promises. */
async function clearNotesOfErased(ds: DataSource, touched: Set<number>, since: Date): Promise<void> {
  const ids = (await ds.query('SELECT id FROM customer WHERE erased_at >= ?', [toSqlDate(since)]) as { id: unknown }[])
    .map((r) => Number(r.id)).filter((id) => touched.has(id));
  for (let i = 0; i < ids.length; i += 1000) {
    const part = ids.slice(i, i + 1000);
    await ds.query(`UPDATE interaction SET note = NULL, metadata = NULL WHERE customer_id IN (${part.map(() => '?').join(', ')})`, part);
  }
}

/**
 * Recomputes the summaries and stat columns of the customers an import touched, 1,000 per
 * transaction (each also marks them changed, so that a refresh running meanwhile catches up), two
 * transactions at a time on MySQL/MariaDB: one computes while the other's statements run.
 */
async function refreshTouchedSummaries(ds: DataSource, touched: Set<number>, baseCurrency: string): Promise<void> {
  const ids = [...touched].sort((a, b) => a - b);
  const parts = Array.from({ length: Math.ceil(ids.length / 1000) }, (_, k) => ids.slice(k * 1000, (k + 1) * 1000));
  await inLanes(parts, isMysql(ds) ? 2 : 1, async (part) => {
    await writeTransaction(ds, { what: 'customer summaries' }, (m) => refreshCustomerStats(m, part, baseCurrency));
  });
}

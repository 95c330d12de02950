import type { EntityManager } from 'typeorm';
import { bulkInsert } from '../db/bulk-insert';
import { toSqlDate } from '../db/sql-date';
import { summarizeInteractions } from './summary-accumulator';
import { SUMMARY_COLUMNS, SUMMARY_SELECT, summaryFromRow, summaryRow } from './summary-columns';
import { interactionInputsOf } from './interaction-inputs.query';
import { emptyRecord, type SummaryRecord } from './summary-record';

const inList = (ids: readonly unknown[]) => ids.map(() => '?').join(', ');

/** Writes records, replacing any stored ones of the same customers unless the caller cleared them already. */
export async function writeSummaries(m: EntityManager, records: SummaryRecord[], o: { chunk?: number; replace?: boolean } = {}): Promise<void> {
  const chunk = o.chunk ?? 500;
  for (let i = 0; i < records.length; i += chunk) {
    const part = records.slice(i, i + chunk);
    if (o.replace !== false) await m.query(`DELETE FROM customer_summary WHERE customer_id IN (${inList(part)})`, part.map((r) => r.customerId));
    const changedAt = toSqlDate(new Date());
    await bulkInsert(m, 'customer_summary', [...SUMMARY_COLUMNS, 'changed_at'], part.map((r) => [...summaryRow(r), changedAt]), chunk);
  }
}

/**
 * Recomputes the summaries of these customers from their interactions, inside the caller's
 * transaction: every write path that adds, changes or removes interactions calls it, so the
 * table stays exact. Customers left without interactions lose their row (no row = empty summary).
 */
export async function recomputeSummaries(m: EntityManager, customerIds: number[], baseCurrency: string): Promise<void> {
  if (!customerIds.length) return;
  const records = summarizeInteractions(await interactionInputsOf(m, customerIds), baseCurrency);
  for (let i = 0; i < customerIds.length; i += 500) {
    const part = customerIds.slice(i, i + 500);
    await m.query(`DELETE FROM customer_summary WHERE customer_id IN (${inList(part)})`, part);
  }
  await writeSummaries(m, [...records.values()], { replace: false });
}

/** The stored records of these customers; customers without a row get an empty record. */
export async function readSummaries(m: EntityManager, customerIds: readonly number[]): Promise<Map<number, SummaryRecord>> {
  const out = new Map<number, SummaryRecord>();
  for (let i = 0; i < customerIds.length; i += 500) {
    const part = customerIds.slice(i, i + 500);
    const rows = await m.query(`SELECT ${SUMMARY_SELECT('s')} FROM customer_summary s WHERE s.customer_id IN (${inList(part)})`, part) as Record<string, unknown>[];
    for (const row of rows) {
      const r = summaryFromRow(row);
      out.set(r.customerId, r);
    }
  }
  for (const id of customerIds) if (!out.has(id)) out.set(id, emptyRecord(id));
  return out;
}

/**
 * Marks customers whose scoring inputs changed while their interactions did not (type fields,
 * contract dates, traits), in the writer's transaction, so that a refresh scoring meanwhile
 * catches up with them too (see changedSince). A customer without a row gets an empty one, which
 * reads as no row does.
 */
export async function markChanged(m: EntityManager, customerIds: readonly number[]): Promise<void> {
  const changedAt = toSqlDate(new Date());
  for (let i = 0; i < customerIds.length; i += 500) {
    const part = customerIds.slice(i, i + 500);
    await m.query(`UPDATE customer_summary SET changed_at = ? WHERE customer_id IN (${inList(part)})`, [changedAt, ...part]);
    const stored = new Set((await m.query(`SELECT customer_id AS id FROM customer_summary WHERE customer_id IN (${inList(part)})`, part) as { id: number | string }[]).map((r) => Number(r.id)));
    await writeSummaries(m, part.filter((id) => !stored.has(id)).map(emptyRecord), { replace: false });
  }
}

/** Customers whose summary changed at or after `since` (by ingest, or a rebuild). */
export async function changedSince(m: EntityManager, since: Date): Promise<number[]> {
  const rows = await m.query('SELECT customer_id AS id FROM customer_summary WHERE changed_at >= ?', [toSqlDate(since)]) as { id: number | string }[];
  return rows.map((r) => Number(r.id));
}

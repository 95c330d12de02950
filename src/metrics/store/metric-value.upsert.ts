import type { EntityManager } from 'typeorm';
import { bulkInsert } from '../../db/bulk-insert';
import { VALUE_COLUMNS } from './value-rows';
import { isMysql } from '../../db/dialect';

type Cell = string | number | null;

/**
 * Writes values over the ones stored for the same (run, key, customer) in place: a re-scored value
 * usually exists already, and updating it moves only the index entries whose value changed,
 * where a delete and an insert rewrote every index of every row.
 */
export async function upsertValues(m: EntityManager, rows: Cell[][], chunk = 1000): Promise<void> {
  const mysql = isMysql(m);
  const set = ['value', 'label', 'data', 'error', 'as_of'];
  const onConflict = mysql
    ? ` ON DUPLICATE KEY UPDATE ${set.map((c) => `${c} = VALUES(${c})`).join(', ')}`
    : ` ON CONFLICT (run_id, metric_key, customer_id) DO UPDATE SET ${set.map((c) => `${c} = excluded.${c}`).join(', ')}`;
  await bulkInsert(m, 'metric_value', VALUE_COLUMNS, rows, chunk, onConflict);
}

/** Deletes the values of these customers for one run and key (a re-score that now yields nothing for them). */
export async function deleteValues(m: EntityManager, runId: number, metricKey: string, customerIds: number[]): Promise<void> {
  for (let i = 0; i < customerIds.length; i += 500) {
    const chunk = customerIds.slice(i, i + 500);
    await m.query(`DELETE FROM metric_value WHERE run_id = ? AND metric_key = ? AND customer_id IN (${chunk.map(() => '?').join(', ')})`, [runId, metricKey, ...chunk]);
  }
}

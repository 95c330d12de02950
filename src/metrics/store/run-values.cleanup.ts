import type { DataSource } from 'typeorm';
import { customerIdRanges } from '../../db/customer-id-ranges';

/**
 * Customers per delete: short statements, so neither readers nor (on SQLite) writers wait long. On
 * SQLite each statement also holds the request thread: 100 customers' values take a few ms.
 */
const CHUNK = { mysql: 20_000, sqlite: 100 };

/**
 * Drops the values of a plugin's runs older than `runId` (no longer served; their model_run rows
 * stay as history), a customer-id range at a time through the (customer_id, run_id) index.
 * Newer runs are left alone: one may be in progress on another server.
 */
export async function dropOlderRunValues(ds: DataSource, plugin: string, runId: number): Promise<void> {
  const stale = (await ds.query(
    'SELECT DISTINCT mv.run_id AS id FROM metric_value mv JOIN model_run r ON r.id = mv.run_id WHERE r.plugin = ? AND r.id < ?', [plugin, runId],
  ) as { id: number | string }[]).map((r) => Number(r.id));
  if (!stale.length) return;
  const runs = stale.map(() => '?').join(', ');
  for await (const [from, to] of customerIdRanges(ds, CHUNK)) {
    // `+run_id`: SQLite would otherwise walk every entry of the runs in an index led by run_id
    // (0.1 s a statement at 100k customers) instead of the customers' range.
    await ds.query(`DELETE FROM metric_value WHERE customer_id > ? AND customer_id <= ? AND +run_id IN (${runs})`, [from, to, ...stale]);
  }
}

import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { groupBy } from '../../common/multimap';
import { fromSqlDate, fromSqlNumber } from '../../db/sql-date';
import type { MetricValue } from '../store/metric-value.entity';

const list = (xs: readonly unknown[]) => xs.map(() => '?').join(', ');

/**
 * Every served metric value of many customers in one statement, as raw rows (no query building
 * or entity hydration: this runs for every request that reads a metric).
 */
export function metricValuesLoader(ds: DataSource, currentRuns: () => Promise<Map<string, number>>) {
  return new DataLoader<number, MetricValue[]>(async (customerIds) => {
    const runIds = [...(await currentRuns()).values()];
    if (!runIds.length) return customerIds.map(() => []);
    const raw = await ds.query(
      `SELECT run_id, metric_key, customer_id, value, label, data, error, as_of FROM metric_value
       WHERE customer_id IN (${list(customerIds)}) AND run_id IN (${list(runIds)})`,
      [...customerIds, ...runIds],
    ) as Record<string, unknown>[];
    const rows = raw.map((r): MetricValue => ({
      runId: Number(r.run_id), metricKey: String(r.metric_key), customerId: Number(r.customer_id), value: fromSqlNumber(r.value),
      label: (r.label as string | null) ?? null, data: r.data ? JSON.parse(String(r.data)) as Record<string, unknown> : null,
      error: (r.error as string | null) ?? null, asOf: fromSqlDate(r.as_of) as Date,
    }));
    const byCustomer = groupBy(rows, (r) => r.customerId);
    return customerIds.map((id) => byCustomer.get(id) ?? []);
  });
}

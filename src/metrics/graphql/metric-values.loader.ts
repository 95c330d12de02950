import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { groupBy } from '../../common/multimap';
import { rawEntities } from '../../db/raw-entities';
import { MetricValue } from '../store/metric-value.entity';

const list = (xs: readonly unknown[]) => xs.map(() => '?').join(', ');

/**
 * Every served metric value of many customers in one statement, as raw rows (no query building:
 * this runs for every request that reads a metric).
 */
export function metricValuesLoader(ds: DataSource, currentRuns: () => Promise<Map<string, number>>) {
  return new DataLoader<number, MetricValue[]>(async (customerIds) => {
    const runIds = [...(await currentRuns()).values()];
    if (!runIds.length) return customerIds.map(() => []);
    const rows = await rawEntities(ds, MetricValue, `WHERE customer_id IN (${list(customerIds)}) AND run_id IN (${list(runIds)})`, [...customerIds, ...runIds]);
    const byCustomer = groupBy(rows, (r) => r.customerId);
    return customerIds.map((id) => byCustomer.get(id) ?? []);
  });
}

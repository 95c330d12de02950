import DataLoader from 'dataloader';
import { In, type DataSource } from 'typeorm';
import { groupBy } from '../../common/multimap';
import { MetricValue } from '../store/metric-value.entity';

/** Every served metric value of many customers in one statement. */
export function metricValuesLoader(ds: DataSource, currentRuns: () => Promise<Map<string, number>>) {
  return new DataLoader<number, MetricValue[]>(async (customerIds) => {
    const runIds = [...(await currentRuns()).values()];
    if (!runIds.length) return customerIds.map(() => []);
    const rows = await ds.getRepository(MetricValue).findBy({ runId: In(runIds), customerId: In([...customerIds]) });
    const byCustomer = groupBy(rows, (r) => r.customerId);
    return customerIds.map((id) => byCustomer.get(id) ?? []);
  });
}

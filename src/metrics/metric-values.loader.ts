import DataLoader from 'dataloader';
import { In, type DataSource } from 'typeorm';
import { groupBy } from '../common/multimap';
import { MetricCurrent } from './metric-current.entity';
import { MetricValue } from './metric-value.entity';

/** The run each plugin serves, read once per request (and only if a metric field is asked for). */
export function currentRunsLoader(ds: DataSource): () => Promise<Map<string, number>> {
  let cached: Promise<Map<string, number>> | undefined;
  return () => {
    cached ??= ds.getRepository(MetricCurrent).find().then((rows) => new Map(rows.map((r) => [r.plugin, r.runId])));
    return cached;
  };
}

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

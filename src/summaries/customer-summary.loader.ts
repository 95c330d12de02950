import DataLoader from 'dataloader';
import { groupBy } from '../common/multimap';
import type { DataSource } from 'typeorm';
import type { CustomerSummary } from './customer-summary.type';
import { querySummaryGroups } from './summary-query';
import { summarize } from './summarize';

/** Summaries of every customer on a page from one grouped statement. */
export function customerSummaryLoader(ds: DataSource, baseCurrency: string, now: Date) {
  return new DataLoader<number, CustomerSummary>(async (ids) => {
    const byCustomer = groupBy(await querySummaryGroups(ds, [...ids], baseCurrency), (g) => g.customerId);
    return ids.map((id) => summarize(byCustomer.get(id) ?? [], baseCurrency, now));
  });
}

import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import type { CustomerSummary } from './customer-summary.type';
import { querySummaryGroups } from './summary-query';
import type { SummaryGroup } from './summary-row';
import { summarize } from './summarize';

/** Summaries of every customer on a page from one grouped statement. */
export function customerSummaryLoader(ds: DataSource, baseCurrency: string, now: Date) {
  return new DataLoader<number, CustomerSummary>(async (ids) => {
    const byCustomer = new Map<number, SummaryGroup[]>();
    for (const g of await querySummaryGroups(ds, [...ids], baseCurrency)) {
      byCustomer.set(g.customerId, [...(byCustomer.get(g.customerId) ?? []), g]);
    }
    return ids.map((id) => summarize(byCustomer.get(id) ?? [], baseCurrency, now));
  });
}

import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import type { CustomerSummary } from './customer-summary.type';
import { deriveSummary } from './derive-summary';
import { readSummaries } from './summary-store';

/** Summaries of every customer on a page from one read of `customer_summary`. */
export function customerSummaryLoader(ds: DataSource, baseCurrency: string, now: Date) {
  return new DataLoader<number, CustomerSummary>(async (ids) => {
    const records = await readSummaries(ds.manager, ids);
    return ids.map((id) => deriveSummary(records.get(id)!, baseCurrency, now));
  });
}

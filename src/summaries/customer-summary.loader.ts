import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import type { CustomerSummary } from './customer-summary';
import { deriveSummary } from './derive-summary';
import type { SummaryRecord } from './summary-record';
import { readSummaries } from './summary-store';

/** The stored summary records of every customer on a page, from one read of `customer_summary`. */
export function summaryRecordLoader(ds: DataSource) {
  return new DataLoader<number, SummaryRecord>(async (ids) => {
    const records = await readSummaries(ds.manager, ids);
    return ids.map((id) => records.get(id)!);
  });
}

/** Summaries as of `now`, from the records (the same statement serves summaries and metric details). */
export function customerSummaryLoader(records: DataLoader<number, SummaryRecord>, baseCurrency: string, now: Date) {
  return new DataLoader<number, CustomerSummary>(async (ids) => {
    const loaded = await records.loadMany(ids);
    return loaded.map((r) => (r instanceof Error ? r : deriveSummary(r, baseCurrency, now)));
  });
}

import type { EntityManager } from 'typeorm';
import { copySummaryFigures } from '../summaries/summary-figures-copy';
import { recomputeSummaries } from '../summaries/summary-store';

/**
 * Brings the given customers' derived data up to date with their interactions, inside the
 * caller's transaction: their `customer_summary` rows, then the figures copied from those rows
 * onto the customer rows (CustomerStats).
 */
export async function refreshCustomerStats(m: EntityManager, customerIds: number[], baseCurrency: string): Promise<void> {
  await recomputeSummaries(m, customerIds, baseCurrency);
  await copySummaryFigures(m, { ids: customerIds });
}

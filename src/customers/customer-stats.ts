import type { EntityManager } from 'typeorm';
import { recomputeSummaries } from '../summaries/summary-store';

/**
 * Brings the given customers' derived data up to date with their interactions, inside the
 * caller's transaction: their `customer_summary` rows, then the denormalised `stat_*` columns
 * (revenue, purchase count, last purchase, last interaction) that back the indexed sorts and
 * filters of `customers`, copied from those rows.
 */
export async function refreshCustomerStats(m: EntityManager, customerIds: number[], baseCurrency: string): Promise<void> {
  await recomputeSummaries(m, customerIds, baseCurrency);
  const from = (expr: string) => `(SELECT ${expr} FROM customer_summary s WHERE s.customer_id = customer.id)`;
  for (let i = 0; i < customerIds.length; i += 500) {
    const ids = customerIds.slice(i, i + 500);
    await m.query(
      `UPDATE customer SET stat_revenue = COALESCE(${from('s.gross_revenue - s.refunded_amount')}, 0),
        stat_purchase_count = COALESCE(${from('s.purchase_count')}, 0),
        stat_last_purchase_at = ${from('s.last_purchase_at')}, stat_last_interaction_at = ${from('s.last_interaction_at')}
       WHERE id IN (${ids.map(() => '?').join(', ')})`,
      ids,
    );
  }
}

import type { EntityManager } from 'typeorm';
import { Customer } from './customer.entity';

/**
 * Recomputes the denormalised `stat_*` columns (revenue, purchase count, last purchase, last
 * interaction) of the given customers from their interactions, inside the caller's transaction.
 * They back the indexed sorts and filters of `customers`; revenue follows the summary's rule
 * (base-currency purchases minus refunds).
 */
export async function refreshCustomerStats(m: EntityManager, customerIds: number[], baseCurrency: string): Promise<void> {
  for (let i = 0; i < customerIds.length; i += 500) {
    const ids = customerIds.slice(i, i + 500);
    const sub = (expr: string, where: string) => `(SELECT ${expr} FROM interaction i WHERE i.customer_id = customer.id${where})`;
    await m.createQueryBuilder()
      .update(Customer)
      .set({
        statRevenue: () => `COALESCE(${sub("SUM(CASE WHEN i.type = 'PURCHASE' THEN i.amount ELSE -i.amount END)", " AND i.type IN ('PURCHASE', 'REFUND') AND i.currency = :cur")}, 0)`,
        statPurchaseCount: () => sub('COUNT(*)', " AND i.type = 'PURCHASE'"),
        statLastPurchaseAt: () => sub('MAX(i.occurred_at)', " AND i.type = 'PURCHASE'"),
        statLastInteractionAt: () => sub('MAX(i.occurred_at)', ''),
      })
      .where('id IN (:...ids)', { ids, cur: baseCurrency })
      .execute();
  }
}

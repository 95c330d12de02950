import type { SqlDialect } from './sql.dialect';

/**
 * Sets the stat_* columns of customers from..to from their interactions, as ingest keeps them:
 * net base-currency revenue (purchases - refunds), purchase count, last purchase, last interaction.
 */
export function customerStatsSql(d: SqlDialect, from: number, to: number, currency: string): string {
  const grouped = `SELECT customer_id,
      SUM(CASE WHEN currency = '${currency}' AND type = 'PURCHASE' THEN amount WHEN currency = '${currency}' AND type = 'REFUND' THEN -amount ELSE 0 END) AS revenue,
      SUM(CASE WHEN type = 'PURCHASE' THEN 1 ELSE 0 END) AS purchases,
      MAX(CASE WHEN type = 'PURCHASE' THEN occurred_at END) AS last_purchase_at,
      MAX(occurred_at) AS last_at
    FROM interaction WHERE customer_id BETWEEN ${from} AND ${to} GROUP BY customer_id`;
  return d.kind === 'mysql'
    ? `UPDATE customer c JOIN (${grouped}) s ON s.customer_id = c.id
       SET c.stat_revenue = s.revenue, c.stat_purchase_count = s.purchases, c.stat_last_purchase_at = s.last_purchase_at, c.stat_last_interaction_at = s.last_at`
    : `UPDATE customer SET stat_revenue = s.revenue, stat_purchase_count = s.purchases, stat_last_purchase_at = s.last_purchase_at, stat_last_interaction_at = s.last_at
       FROM (${grouped}) AS s WHERE s.customer_id = customer.id`;
}

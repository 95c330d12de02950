import type { CustomerSummary } from '../../summaries/customer-summary';

type MoneySummary = Pick<CustomerSummary, 'revenue' | 'grossRevenue' | 'totalMargin' | 'averageOrderValue' | 'marginedPurchaseCount'>;

/** Whether the customer has margins recorded: at least one purchase carries one (a margin of 0 is a recorded margin). */
export function hasMargins(summary: Pick<CustomerSummary, 'marginedPurchaseCount'>): boolean {
  return summary.marginedPurchaseCount > 0;
}

/**
 * The customer's own margin ratio, net margin / net revenue (`totalMargin / revenue`), or null
 * when it has no margins recorded (see `hasMargins`) or no positive net revenue to divide by.
 * May be negative (sold below cost) or above 1 (refunds that took back more revenue than margin).
 */
export function customerMarginRatio(summary: MoneySummary): number | null {
  if (!hasMargins(summary) || !(summary.revenue > 0)) return null;
  return summary.totalMargin / summary.revenue;
}

/**
 * Net order value: net revenue per purchase in the base currency, i.e. the summary's (gross)
 * `averageOrderValue` scaled by revenue / grossRevenue; equal to it without refunds. Null without
 * a base-currency purchase with an amount (no average order value), or when only zero-amount
 * purchases were refunded money (gross revenue 0, net revenue negative).
 */
export function netOrderValue(summary: MoneySummary): number | null {
  const { averageOrderValue, grossRevenue, revenue } = summary;
  if (averageOrderValue === null) return null;
  // Only zero-amount purchases: nothing to scale by, and nothing was bought.
  if (grossRevenue === 0) return revenue === 0 ? 0 : null;
  // gross / purchases x net / gross = net / purchases, without the purchase count the summary lacks.
  return revenue === grossRevenue ? averageOrderValue : (averageOrderValue * revenue) / grossRevenue;
}

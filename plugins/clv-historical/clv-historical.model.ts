import { type ClvInput, type ClvValue, customerMarginRatio, type CustomerSummary, hasMargins, netOrderValue, roundMoney } from '../../src/plugin-api';
import type { ClvHistoricalConfig } from './clv-historical.config';

/**
 * Historical CLV: the customer's net revenue (purchases minus refunds) times its margin ratio.
 * - With margins recorded (net margin not 0), the ratio is the customer's own, net margin / net
 *   revenue, so the value is the net margin itself (basis MARGIN).
 * - Without, `defaultMarginRatio` when set (basis MARGIN), else the value is the net revenue
 *   (ratio 1, basis REVENUE).
 * Null for a customer without purchases. Nothing is predicted: no horizon, no discounting, no
 * expected purchases; the expected order value is the net order value so far.
 */
export function historicalClv(summary: CustomerSummary, config: ClvHistoricalConfig, currency: string): ClvValue | null {
  if (summary.purchaseCount === 0) return null;
  const revenue: ClvInput = { name: 'netRevenue', value: summary.revenue, source: 'CUSTOMER' };
  const common = {
    currency, horizonMonths: null, discountRate: null, expectedPurchases: null, expectedAverageOrderValue: netOrderValue(summary),
  };
  if (hasMargins(summary)) {
    const ratio = customerMarginRatio(summary);
    // revenue x (margin / revenue) is the margin: use it as recorded, exact, and defined even when everything was refunded.
    const inputs: ClvInput[] = [revenue, { name: 'netMargin', value: summary.totalMargin, source: 'CUSTOMER' }];
    if (ratio !== null) inputs.push({ name: 'marginRatio', value: ratio, source: 'CUSTOMER' });
    return { ...common, value: summary.totalMargin, basis: 'MARGIN', inputs };
  }
  if (config.defaultMarginRatio !== null) {
    const ratio = config.defaultMarginRatio;
    return { ...common, value: roundMoney(summary.revenue * ratio), basis: 'MARGIN', inputs: [revenue, { name: 'marginRatio', value: ratio, source: 'CONFIG' }] };
  }
  return { ...common, value: summary.revenue, basis: 'REVENUE', inputs: [revenue, { name: 'marginRatio', value: 1, source: 'CONFIG' }] };
}

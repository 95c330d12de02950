import { type ChurnValue, lastMonths, lastPurchaseAt, type MetricInteraction, purchaseDays, windowLengthMs } from '../../src/plugin-api';

/**
 * The textbook heuristic P(active) = T^n (DOMAIN §6) over the last `windowMonths` mean months up
 * to asOf, the window (asOf - windowMonths x 30.4375 days, asOf]:
 * - n = the distinct UTC days with a purchase in the window (same-day purchases count once);
 * - T = (time of the last purchase in the window - window start) / window length, in (0, 1].
 * With no purchase in the window: P(active) = 0 if the customer purchased before it, null if it
 * never purchased. probability = 1 - P(active), pAlive = P(active).
 */
export function pActiveChurn(interactions: readonly MetricInteraction[], asOf: Date, windowMonths: number): ChurnValue | null {
  const window = lastMonths(asOf, windowMonths);
  const last = lastPurchaseAt(interactions, window);
  if (last === null) {
    if (lastPurchaseAt(interactions) === null) return null;
    return { probability: 1, pAlive: 0, reason: `no purchase in the last ${windowMonths} months` };
  }
  const n = purchaseDays(interactions, window).length;
  const t = (last.getTime() - window.start.getTime()) / windowLengthMs(window);
  const pAlive = t ** n;
  return { probability: 1 - pAlive, pAlive, reason: `${n} purchase day${n === 1 ? '' : 's'}, last at ${Math.round(t * 100)}% of the window` };
}

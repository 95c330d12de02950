import { InteractionType } from '../../common/enums';
import type { MetricInteraction } from '../../plugin-api/plugin.contract';
import { inWindow, type ObservationWindow } from './observation-window';

/** Sums of DECIMAL(18,4) amounts: rounding to the stored precision removes binary noise, as the customer summary does. */
export const roundMoney = (x: number): number => Math.round(x * 10_000) / 10_000;

/**
 * Net revenue in the window: PURCHASE amounts minus REFUND amounts of the interactions in
 * (start, end], in the base currency (amounts in another currency arrive as null and add
 * nothing), rounded to 4 decimals. Negative when refunds in the window exceed its purchases.
 */
export function netRevenueIn(interactions: readonly MetricInteraction[], window: ObservationWindow): number {
  let net = 0;
  for (const i of interactions) {
    if (!inWindow(i.occurredAt, window)) continue;
    if (i.type === InteractionType.PURCHASE) net += i.amount ?? 0;
    else if (i.type === InteractionType.REFUND) net -= i.amount ?? 0;
  }
  return roundMoney(net);
}

import { InteractionType } from '../common/enums';
import type { ChannelCount, ContactLevelCount, CustomerSummary, TypeCount } from './customer-summary.type';
import type { SummaryGroup } from './summary-row';

const DAY_MS = 86_400_000;

const minDate = (a: Date | null, b: Date | null) => (!a ? b : !b ? a : a < b ? a : b);
const maxDate = (a: Date | null, b: Date | null) => (!a ? b : !b ? a : a > b ? a : b);
const wholeDays = (from: Date | null, now: Date) => (from ? Math.max(0, Math.floor((now.getTime() - from.getTime()) / DAY_MS)) : null);
// Sums of DECIMAL(18,4) values: round away binary noise to the stored precision.
const money = (x: number) => Math.round(x * 10_000) / 10_000;

function tally<K>(groups: SummaryGroup[], keyOf: (g: SummaryGroup) => K): { key: K; count: number }[] {
  const counts = new Map<K, number>();
  for (const g of groups) counts.set(keyOf(g), (counts.get(keyOf(g)) ?? 0) + g.count);
  return [...counts].map(([key, count]) => ({ key, count })).sort((a, b) => b.count - a.count || String(a.key).localeCompare(String(b.key)));
}

/** Merges one customer's summary groups (possibly none) into its summary as of `now`. */
export function summarize(groups: SummaryGroup[], currency: string, now: Date): CustomerSummary {
  const s = {
    purchaseCount: 0, refundCount: 0, gross: 0, refunded: 0, purchaseMargin: 0, refundMargin: 0, basePurchases: 0, marginedPurchases: 0,
    firstPurchaseAt: null as Date | null, lastPurchaseAt: null as Date | null,
    firstAt: null as Date | null, lastAt: null as Date | null, count: 0, gapSum: 0, gapCount: 0, foreign: 0,
  };
  for (const g of groups) {
    s.count += g.count;
    s.firstAt = minDate(s.firstAt, g.firstAt);
    s.lastAt = maxDate(s.lastAt, g.lastAt);
    s.gapSum += g.gapSum;
    s.gapCount += g.gapCount;
    s.foreign += g.foreignAmountCount;
    if (g.type === InteractionType.PURCHASE) {
      s.purchaseCount += g.count;
      s.gross += g.baseAmount;
      s.purchaseMargin += g.baseMargin;
      s.basePurchases += g.baseAmountCount;
      s.marginedPurchases += g.baseMarginCount;
      s.firstPurchaseAt = minDate(s.firstPurchaseAt, g.firstAt);
      s.lastPurchaseAt = maxDate(s.lastPurchaseAt, g.lastAt);
    } else if (g.type === InteractionType.REFUND) {
      s.refundCount += g.count;
      s.refunded += g.baseAmount;
      s.refundMargin += g.baseMargin;
    }
  }
  return {
    currency,
    purchaseCount: s.purchaseCount,
    repeatPurchases: Math.max(0, s.purchaseCount - 1),
    refundCount: s.refundCount,
    firstPurchaseAt: s.firstPurchaseAt,
    lastPurchaseAt: s.lastPurchaseAt,
    grossRevenue: money(s.gross),
    refundedAmount: money(s.refunded),
    revenue: money(s.gross - s.refunded),
    totalMargin: money(s.purchaseMargin - s.refundMargin),
    marginedPurchaseCount: s.marginedPurchases,
    averageOrderValue: s.basePurchases > 0 ? money(s.gross / s.basePurchases) : null,
    daysSinceLastPurchase: wholeDays(s.lastPurchaseAt, now),
    daysSinceFirstPurchase: wholeDays(s.firstPurchaseAt, now),
    interactionCount: s.count,
    interactionsByType: tally(groups, (g) => g.type).map(({ key, count }): TypeCount => ({ type: key, count })),
    interactionsByChannel: tally(groups, (g) => g.channel).map(({ key, count }): ChannelCount => ({ channel: key, count })),
    interactionsByContactLevel: tally(groups, (g) => g.contactLevel).map(({ key, count }): ContactLevelCount => ({ contactLevel: key, count })),
    firstInteractionAt: s.firstAt,
    lastInteractionAt: s.lastAt,
    scoredSurveyCount: s.gapCount,
    averageSatisfactionGap: s.gapCount > 0 ? s.gapSum / s.gapCount : null,
    foreignCurrencyAmounts: s.foreign,
  };
}

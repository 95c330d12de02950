import type { ChannelCount, ContactLevelCount, CustomerSummary, TypeCount } from './customer-summary';
import type { SummaryRecord } from './summary-record';
import type { Channel, ContactLevel, InteractionType } from '../common/enums';
import { DAY_MS } from '../plugin-kit/history/time-units';
import { roundMoney as money } from '../plugin-kit/history/window-revenue';

const wholeDays = (from: Date | null, now: Date) => (from ? Math.max(0, Math.floor((now.getTime() - from.getTime()) / DAY_MS)) : null);

/** Counts, most frequent first (ties by key; no contact level reads as "null"), as the breakdown lists give them. */
function ranked(counts: Record<string, number>): [string, number][] {
  const name = (key: string) => key || 'null';
  return Object.entries(counts).sort((a, b) => b[1] - a[1] || name(a[0]).localeCompare(name(b[0])));
}

/**
 * The summary readers see, from a stored record, with day counts measured to `now`. The three
 * breakdown lists are built on first read: most metric plugins never look at them, and sorting
 * them for every customer of every pass was a tenth of a refresh's CPU.
 */
export function deriveSummary(r: SummaryRecord, currency: string, now: Date): CustomerSummary {
  const summary = {
    currency,
    purchaseCount: r.purchaseCount,
    repeatPurchases: Math.max(0, r.purchaseCount - 1),
    refundCount: r.refundCount,
    firstPurchaseAt: r.firstPurchaseAt,
    lastPurchaseAt: r.lastPurchaseAt,
    grossRevenue: r.grossRevenue,
    refundedAmount: r.refundedAmount,
    revenue: money(r.grossRevenue - r.refundedAmount),
    totalMargin: money(r.purchaseMargin - r.refundMargin),
    marginedPurchaseCount: r.marginedPurchaseCount,
    averageOrderValue: r.basePurchaseCount > 0 ? money(r.grossRevenue / r.basePurchaseCount) : null,
    daysSinceLastPurchase: wholeDays(r.lastPurchaseAt, now),
    daysSinceFirstPurchase: wholeDays(r.firstPurchaseAt, now),
    interactionCount: r.interactionCount,
    firstInteractionAt: r.firstInteractionAt,
    lastInteractionAt: r.lastInteractionAt,
    scoredSurveyCount: r.scoredSurveyCount,
    averageSatisfactionGap: r.scoredSurveyCount > 0 ? r.satisfactionGapSum / r.scoredSurveyCount : null,
    foreignCurrencyAmounts: r.foreignAmountCount,
    purchaseDays: r.purchaseDays,
    purchaseDayTotals: {
      withAmount: r.amountDays, withMargin: r.marginDays, firstDayAmount: r.firstDayAmount, firstDayMargin: r.firstDayMargin,
      purchaseMargin: r.purchaseMargin, marginRevenue: r.marginRevenue,
    },
  };
  lazy(summary, 'interactionsByType', () => ranked(r.byType).map(([type, count]): TypeCount => ({ type: type as InteractionType, count })));
  lazy(summary, 'interactionsByChannel', () => ranked(r.byChannel).map(([channel, count]): ChannelCount => ({ channel: channel as Channel, count })));
  lazy(summary, 'interactionsByContactLevel', () => ranked(r.byContactLevel).map(([level, count]): ContactLevelCount => ({ contactLevel: (level || null) as ContactLevel | null, count })));
  return summary as CustomerSummary;
}

/** An enumerable property computed on first read, then stored as a plain value (writable, as a plain field is). */
function lazy<T>(target: object, key: string, compute: () => T): void {
  Object.defineProperty(target, key, {
    enumerable: true, configurable: true,
    get() {
      const value = compute();
      Object.defineProperty(target, key, { value, enumerable: true, configurable: true, writable: true });
      return value;
    },
    set(value: T) {
      Object.defineProperty(target, key, { value, enumerable: true, configurable: true, writable: true });
    },
  });
}

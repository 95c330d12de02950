/**
 * One customer's behaviour as stored in `customer_summary`: sums and extremes that merge exactly,
 * from which the `CustomerSummary` every reader sees is derived at any "now". Money fields hold
 * base-currency amounts only.
 */
export interface SummaryRecord {
  customerId: number;
  interactionCount: number;
  firstInteractionAt: Date | null;
  lastInteractionAt: Date | null;
  purchaseCount: number;
  firstPurchaseAt: Date | null;
  lastPurchaseAt: Date | null;
  /** Purchases carrying a base-currency amount (the denominator of the average order value). */
  basePurchaseCount: number;
  grossRevenue: number;
  purchaseMargin: number;
  /** Purchases carrying a base-currency margin. */
  marginedPurchaseCount: number;
  /** Base amounts of the purchases that carry both an amount and a margin: margin / marginRevenue is a margin ratio. */
  marginRevenue: number;
  refundCount: number;
  refundedAmount: number;
  refundMargin: number;
  foreignAmountCount: number;
  scoredSurveyCount: number;
  satisfactionGapSum: number;
  /** Distinct UTC calendar days with a purchase (BTYD's x + 1). */
  purchaseDays: number;
  /** Purchase days with at least one base-currency amount / margin. */
  amountDays: number;
  marginDays: number;
  /** Base-currency amount and margin summed over the first purchase day; null when that day has none. */
  firstDayAmount: number | null;
  firstDayMargin: number | null;
  /** Interaction counts by type, channel and contact level ('' for none). */
  byType: Record<string, number>;
  byChannel: Record<string, number>;
  byContactLevel: Record<string, number>;
}

/** The record of a customer without interactions (what a missing `customer_summary` row means). */
export function emptyRecord(customerId: number): SummaryRecord {
  return {
    customerId, interactionCount: 0, firstInteractionAt: null, lastInteractionAt: null,
    purchaseCount: 0, firstPurchaseAt: null, lastPurchaseAt: null, basePurchaseCount: 0, grossRevenue: 0, purchaseMargin: 0,
    marginedPurchaseCount: 0, marginRevenue: 0, refundCount: 0, refundedAmount: 0, refundMargin: 0, foreignAmountCount: 0,
    scoredSurveyCount: 0, satisfactionGapSum: 0, purchaseDays: 0, amountDays: 0, marginDays: 0, firstDayAmount: null, firstDayMargin: null,
    byType: {}, byChannel: {}, byContactLevel: {},
  };
}

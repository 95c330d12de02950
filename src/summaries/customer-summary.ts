import type { Channel, ContactLevel, InteractionType } from '../common/enums';

// The customer summary as plain data, free of GraphQL decorators: what metric plugins read and the
// host's summary code builds. The GraphQL object type serving it is customer-summary.type.ts.

/** How many interactions of one type. */
export interface TypeCount {
  type: InteractionType;
  count: number;
}

/** How many interactions in one channel. */
export interface ChannelCount {
  channel: Channel;
  count: number;
}

/** How many interactions at one contact level (null: recorded without a contact level). */
export interface ContactLevelCount {
  contactLevel: ContactLevel | null;
  count: number;
}

/**
 * Per-purchase-day totals that plugins read (the inputs of the BTYD spend models); not served
 * through GraphQL. Money in the base currency.
 */
export interface PurchaseDayTotals {
  /** Purchase days with a base-currency amount / with a margin. */
  withAmount: number;
  withMargin: number;
  /** The first purchase day's amount and margin (null when it has none). */
  firstDayAmount: number | null;
  firstDayMargin: number | null;
  /** Sum of purchase margins (refunds not netted). */
  purchaseMargin: number;
  /** Sum of the amounts of purchases that carry a margin. */
  marginRevenue: number;
}

/**
 * A customer's behaviour computed exactly from its interactions; the input every metric reads.
 * Money fields count only amounts in the base currency (see `currency`); amounts recorded in other
 * currencies are counted in `foreignCurrencyAmounts` instead of being summed with them.
 */
export interface CustomerSummary {
  /** Currency of every money field: the configured base currency. */
  currency: string;
  /** PURCHASE interactions. */
  purchaseCount: number;
  /** purchaseCount - 1 (0 without purchases): purchases after the first. */
  repeatPurchases: number;
  refundCount: number;
  firstPurchaseAt: Date | null;
  lastPurchaseAt: Date | null;
  /** Sum of purchase amounts. */
  grossRevenue: number;
  /** Sum of refunded amounts. */
  refundedAmount: number;
  /** grossRevenue - refundedAmount. */
  revenue: number;
  /** Purchase margins minus refund margins. */
  totalMargin: number;
  /** Purchases with a margin recorded (base currency): 0 means totalMargin is not known, rather than zero. */
  marginedPurchaseCount: number;
  /** grossRevenue / purchases in the base currency; null without any. */
  averageOrderValue: number | null;
  /** Whole days from the last purchase to now (for metric plugins: to asOf). */
  daysSinceLastPurchase: number | null;
  /** Whole days from the first purchase to now (for metric plugins: to asOf). */
  daysSinceFirstPurchase: number | null;
  interactionCount: number;
  /** Only types that occur, most frequent first. */
  interactionsByType: TypeCount[];
  /** Only channels that occur, most frequent first. */
  interactionsByChannel: ChannelCount[];
  interactionsByContactLevel: ContactLevelCount[];
  firstInteractionAt: Date | null;
  lastInteractionAt: Date | null;
  /** Interactions carrying both an expectation and a perception score. */
  scoredSurveyCount: number;
  /** Mean of perception - expectation; >= 0 means satisfied on average. */
  averageSatisfactionGap: number | null;
  /** Money amounts in another currency, left out of the money fields. */
  foreignCurrencyAmounts: number;
  /** Distinct UTC calendar days with a purchase: several purchases on one day are one purchase occasion. */
  purchaseDays: number;
  /** For plugins; not a GraphQL field. */
  purchaseDayTotals: PurchaseDayTotals;
}

import { Column } from 'typeorm';
import { moneySumColumn, timestampColumn } from '../db/column-transformers';

/**
 * Figures of the customer's summary copied onto its row (`stat_*` columns), in the transaction
 * that recomputes the summary. Lists sort and filter on them through indexes, and rule segments
 * and customerStats read them without joining `customer_summary` (over a million customers the
 * join took a rule from 0.45 s to 0.71 s). `Customer.summary` is the exact, computed view and
 * never reads them.
 */
export class CustomerStats {
  /** Base-currency purchases minus refunds. */
  @Column({ ...moneySumColumn, default: 0 }) revenue!: number;
  @Column({ type: 'integer', default: 0 }) purchaseCount!: number;
  @Column({ ...timestampColumn, nullable: true }) lastPurchaseAt!: Date | null;
  @Column({ ...timestampColumn, nullable: true }) lastInteractionAt!: Date | null;
  @Column({ ...moneySumColumn, default: 0 }) grossRevenue!: number;
  @Column({ ...moneySumColumn, default: 0 }) refundedAmount!: number;
  @Column({ type: 'integer', default: 0 }) refundCount!: number;
  @Column({ ...moneySumColumn, default: 0 }) purchaseMargin!: number;
  @Column({ ...moneySumColumn, default: 0 }) refundMargin!: number;
  @Column({ type: 'integer', default: 0 }) basePurchaseCount!: number;
  @Column({ type: 'integer', default: 0 }) interactionCount!: number;
  @Column({ type: 'integer', default: 0 }) purchaseDays!: number;
  @Column({ type: 'integer', default: 0 }) scoredSurveyCount!: number;
  @Column({ type: 'double', default: 0 }) satisfactionGapSum!: number;
  @Column({ ...timestampColumn, nullable: true }) firstPurchaseAt!: Date | null;
  @Column({ ...timestampColumn, nullable: true }) firstInteractionAt!: Date | null;
}

/**
 * Each copied figure's column and its value from the summary row `s` (no row: 0, or null for a
 * time). The one place that says which figures are copied, besides the columns above.
 */
export const STAT_SOURCES: Readonly<Record<keyof CustomerStats, { column: string; from: string; time?: true }>> = {
  revenue: { column: 'stat_revenue', from: 's.gross_revenue - s.refunded_amount' },
  purchaseCount: { column: 'stat_purchase_count', from: 's.purchase_count' },
  lastPurchaseAt: { column: 'stat_last_purchase_at', from: 's.last_purchase_at', time: true },
  lastInteractionAt: { column: 'stat_last_interaction_at', from: 's.last_interaction_at', time: true },
  grossRevenue: { column: 'stat_gross_revenue', from: 's.gross_revenue' },
  refundedAmount: { column: 'stat_refunded_amount', from: 's.refunded_amount' },
  refundCount: { column: 'stat_refund_count', from: 's.refund_count' },
  purchaseMargin: { column: 'stat_purchase_margin', from: 's.purchase_margin' },
  refundMargin: { column: 'stat_refund_margin', from: 's.refund_margin' },
  basePurchaseCount: { column: 'stat_base_purchase_count', from: 's.base_purchase_count' },
  interactionCount: { column: 'stat_interaction_count', from: 's.interaction_count' },
  purchaseDays: { column: 'stat_purchase_days', from: 's.purchase_days' },
  scoredSurveyCount: { column: 'stat_scored_survey_count', from: 's.scored_survey_count' },
  satisfactionGapSum: { column: 'stat_satisfaction_gap_sum', from: 's.satisfaction_gap_sum' },
  firstPurchaseAt: { column: 'stat_first_purchase_at', from: 's.first_purchase_at', time: true },
  firstInteractionAt: { column: 'stat_first_interaction_at', from: 's.first_interaction_at', time: true },
};

/** The figures of a customer without interactions (a new customer's). */
export function emptyCustomerStats(): CustomerStats {
  const out = {} as Record<string, number | null>;
  for (const [key, s] of Object.entries(STAT_SOURCES)) out[key] = s.time ? null : 0;
  return out as unknown as CustomerStats;
}

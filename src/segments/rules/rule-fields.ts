import { ChannelRole, Gender, Origin, Party, RelationshipKind } from '../../common/enums';

/**
 * What a rule can compare, by name. Customer columns are aliased `c`, the summary row `s` (joined
 * only when a rule reads it; a customer without one has an empty summary). Names are the GraphQL
 * field names of Customer and CustomerSummary, so one vocabulary serves filters, rules and exports.
 */
export type RuleField =
  | { type: 'number' | 'date' | 'boolean'; sql: string; summary?: boolean; personal?: boolean }
  | { type: 'text'; sql: string; upper?: boolean; personal?: boolean }
  | { type: 'enum'; sql: string; values: readonly string[] }
  /** Whole days or years elapsed since the column's time, to the time of the evaluation (null when the column is). */
  | { type: 'elapsed'; sql: string; unit: 'days' | 'years'; summary?: boolean; personal?: boolean };

const num = (sql: string, summary = false): RuleField => ({ type: 'number', sql, summary });
const text = (sql: string): RuleField => ({ type: 'text', sql });
const enumOf = (sql: string, e: Record<string, string>): RuleField => ({ type: 'enum', sql, values: Object.values(e) });
const date = (sql: string, summary = false): RuleField => ({ type: 'date', sql, summary });
const days = (sql: string, summary = false): RuleField => ({ type: 'elapsed', sql, unit: 'days', summary });

export const RULE_FIELDS: Readonly<Record<string, RuleField>> = {
  // The customer
  party: enumOf('c.party', Party),
  relationship: enumOf('c.relationship', RelationshipKind),
  channelRole: enumOf('c.channel_role', ChannelRole),
  origin: enumOf('c.origin', Origin),
  gender: enumOf('c.gender', Gender),
  country: { type: 'text', sql: 'c.country', upper: true },
  region: text('c.region'),
  city: { type: 'text', sql: 'c.city', personal: true },
  incomeBand: text('c.income_band'),
  acquisitionSource: text('c.acquisition_source'),
  acquisitionCost: num('c.acquisition_cost'),
  churnReason: text('c.churn_reason'),
  createdAt: date('c.created_at'),
  acquiredAt: date('c.acquired_at'),
  contractStartedAt: date('c.contract_started_at'),
  contractEndedAt: date('c.contract_ended_at'),
  daysSinceAcquired: days('c.acquired_at'),
  age: { type: 'elapsed', sql: 'c.birth_date', unit: 'years', personal: true },
  'consent.email': { type: 'boolean', sql: 'c.consent_email' },
  'consent.sms': { type: 'boolean', sql: 'c.consent_sms' },
  'consent.phone': { type: 'boolean', sql: 'c.consent_phone' },
  'consent.profiling': { type: 'boolean', sql: 'c.consent_profiling' },
  // The summary: the four figures ingest copies onto the customer row need no join.
  revenue: num('c.stat_revenue'),
  purchaseCount: num('c.stat_purchase_count'),
  repeatPurchases: num('CASE WHEN c.stat_purchase_count > 0 THEN c.stat_purchase_count - 1 ELSE 0 END'),
  lastPurchaseAt: date('c.stat_last_purchase_at'),
  lastInteractionAt: date('c.stat_last_interaction_at'),
  daysSinceLastPurchase: days('c.stat_last_purchase_at'),
  daysSinceLastInteraction: days('c.stat_last_interaction_at'),
  grossRevenue: num('COALESCE(s.gross_revenue, 0)', true),
  refundedAmount: num('COALESCE(s.refunded_amount, 0)', true),
  refundCount: num('COALESCE(s.refund_count, 0)', true),
  totalMargin: num('(COALESCE(s.purchase_margin, 0) - COALESCE(s.refund_margin, 0))', true),
  averageOrderValue: num('(s.gross_revenue / NULLIF(s.base_purchase_count, 0))', true),
  interactionCount: num('COALESCE(s.interaction_count, 0)', true),
  purchaseDays: num('COALESCE(s.purchase_days, 0)', true),
  scoredSurveyCount: num('COALESCE(s.scored_survey_count, 0)', true),
  averageSatisfactionGap: num('(s.satisfaction_gap_sum / NULLIF(s.scored_survey_count, 0))', true),
  firstPurchaseAt: date('s.first_purchase_at', true),
  firstInteractionAt: date('s.first_interaction_at', true),
  daysSinceFirstPurchase: days('s.first_purchase_at', true),
  daysSinceFirstInteraction: days('s.first_interaction_at', true),
};

/** Prefixes of the open-ended field names: `traits.loyaltyTier`, `metrics.clv` (headline value), `labels.rfm` (label). */
export const TRAIT_PREFIX = 'traits.';
export const METRIC_PREFIX = 'metrics.';
export const LABEL_PREFIX = 'labels.';

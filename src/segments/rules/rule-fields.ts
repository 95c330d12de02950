import { ChannelRole, Gender, Origin, Party, RelationshipKind } from '../../common/enums';

/**
 * What a rule can compare, by name: columns of the customer row, aliased `c` (summary figures
 * included: a customer without interactions has the figures of an empty summary). Names are the
 * GraphQL field names of Customer and CustomerSummary, so one vocabulary serves filters, rules
 * and exports.
 */
export type RuleField =
  /**
   * `notNull`: the column never is (no IS NULL guard per row). `per`: the field is the average
   * `sql / per` over a count `per`, null when the count is 0; compared as `sql` against the value
   * times the count, which needs no division per row and is exact on every engine (SQLite divides
   * integers as integers).
   */
  | { type: 'number'; sql: string; personal?: boolean; notNull?: boolean; per?: string }
  | { type: 'date' | 'boolean'; sql: string; personal?: boolean }
  | { type: 'text'; sql: string; upper?: boolean; personal?: boolean }
  | { type: 'enum'; sql: string; values: readonly string[] }
  /** Whole days or years elapsed since the column's time, to the time of the evaluation (null when the column is). */
  | { type: 'elapsed'; sql: string; unit: 'days' | 'years'; personal?: boolean };

const num = (sql: string): RuleField => ({ type: 'number', sql });
const figure = (sql: string): RuleField => ({ type: 'number', sql, notNull: true });
const average = (sql: string, per: string): RuleField => ({ type: 'number', sql, per });
const text = (sql: string): RuleField => ({ type: 'text', sql });
const enumOf = (sql: string, e: Record<string, string>): RuleField => ({ type: 'enum', sql, values: Object.values(e) });
const date = (sql: string): RuleField => ({ type: 'date', sql });
const days = (sql: string): RuleField => ({ type: 'elapsed', sql, unit: 'days' });

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
  // The summary: its figures copied onto the customer row (CustomerStats).
  revenue: figure('c.stat_revenue'),
  purchaseCount: figure('c.stat_purchase_count'),
  repeatPurchases: figure('CASE WHEN c.stat_purchase_count > 0 THEN c.stat_purchase_count - 1 ELSE 0 END'),
  lastPurchaseAt: date('c.stat_last_purchase_at'),
  lastInteractionAt: date('c.stat_last_interaction_at'),
  daysSinceLastPurchase: days('c.stat_last_purchase_at'),
  daysSinceLastInteraction: days('c.stat_last_interaction_at'),
  grossRevenue: figure('c.stat_gross_revenue'),
  refundedAmount: figure('c.stat_refunded_amount'),
  refundCount: figure('c.stat_refund_count'),
  totalMargin: figure('(c.stat_purchase_margin - c.stat_refund_margin)'),
  averageOrderValue: average('c.stat_gross_revenue', 'c.stat_base_purchase_count'),
  interactionCount: figure('c.stat_interaction_count'),
  purchaseDays: figure('c.stat_purchase_days'),
  scoredSurveyCount: figure('c.stat_scored_survey_count'),
  averageSatisfactionGap: average('c.stat_satisfaction_gap_sum', 'c.stat_scored_survey_count'),
  firstPurchaseAt: date('c.stat_first_purchase_at'),
  firstInteractionAt: date('c.stat_first_interaction_at'),
  daysSinceFirstPurchase: days('c.stat_first_purchase_at'),
  daysSinceFirstInteraction: days('c.stat_first_interaction_at'),
};

/** Prefixes of the open-ended field names: `traits.loyaltyTier`, `metrics.clv` (headline value), `labels.rfm` (label). */
export const TRAIT_PREFIX = 'traits.';
export const METRIC_PREFIX = 'metrics.';
export const LABEL_PREFIX = 'labels.';

import { customerMarginRatio, DAY_MS, type MetricSubject, monthsBetween, netOrderValue, RelationshipKind } from '../../src/plugin-api';
import type { ClvFormulaConfig } from './clv-formula.config';

/** A customer's own T, AOV and AGM where its history is long enough; null where it is not. */
export interface OwnInputs {
  transactionsPerMonth: number | null;
  averageOrderValue: number | null;
  grossMargin: number | null;
}

/**
 * The customer's own inputs, from its summary:
 * - T = purchases / months from the first purchase to asOf, with at least `minPurchases`
 *   purchases and `minTenureMonths` (and more than 0) months;
 * - AOV = net order value (net revenue per purchase), with at least `minPurchases` purchases;
 * - AGM = net margin / net revenue, with at least `minPurchases` purchases, margins recorded and
 *   a positive net revenue.
 */
export function ownInputs(subject: MetricSubject, asOf: Date, config: Pick<ClvFormulaConfig, 'minPurchases' | 'minTenureMonths'>): OwnInputs {
  const { summary } = subject;
  const none = { transactionsPerMonth: null, averageOrderValue: null, grossMargin: null };
  if (summary.purchaseCount < config.minPurchases || summary.firstPurchaseAt === null) return none;
  const tenure = monthsBetween(summary.firstPurchaseAt, asOf);
  const rateKnown = tenure >= config.minTenureMonths && tenure > 0;
  return {
    transactionsPerMonth: rateKnown ? summary.purchaseCount / tenure : null,
    averageOrderValue: netOrderValue(summary),
    grossMargin: customerMarginRatio(summary),
  };
}

/** One customer's contribution to the lifetime estimate: the months it was observed alive, and whether it was lost. */
export interface LifetimeObservation {
  months: number;
  lost: boolean;
}

/**
 * What the customer tells about lifetimes at asOf:
 * - a CONTRACTUAL customer with a contract start: alive from the start to the contract's end
 *   (lost) or to asOf (still under contract);
 * - any other customer with purchases: lost when its last purchase is `lapseDays` or more before
 *   asOf, alive from the first purchase to the last one; otherwise still alive, from the first
 *   purchase to asOf;
 * - null for the rest (no purchase, no contract).
 */
export function lifetimeObservation(subject: MetricSubject, asOf: Date, lapseDays: number): LifetimeObservation | null {
  const { customer, summary } = subject;
  const start = customer.contractStartedAt;
  if (customer.relationship === RelationshipKind.CONTRACTUAL && start && start.getTime() <= asOf.getTime()) {
    const end = customer.contractEndedAt;
    const lost = end !== null && end.getTime() <= asOf.getTime();
    return { months: Math.max(0, monthsBetween(start, lost && end ? end : asOf)), lost };
  }
  const { firstPurchaseAt: first, lastPurchaseAt: last } = summary;
  if (!first || !last) return null;
  const lost = asOf.getTime() - last.getTime() >= lapseDays * DAY_MS;
  return { months: Math.max(0, monthsBetween(first, lost ? last : asOf)), lost };
}

import { type CustomerSummary, hasMargins, type MetricSubject, roundMoney } from '../../src/plugin-api';
import type { ValueTierConfig } from './value-tier.config';

/** One customer's numbers, before any population cut point. */
export interface ValueParts {
  /** Has at least one purchase up to asOf: only buyers are ranked (MVC / MGC / OTHER). */
  buyer: boolean;
  /** Historical value: net margin when margins are recorded, else net revenue (x defaultMarginRatio when set). */
  actual: number;
  costToServe: number;
  /** actual - costToServe: below zero makes the customer a BZ. */
  net: number;
  /** The customer's served CLV (the predicted future value), null when it has none. */
  clv: number | null;
  /** actual + clv; null without a CLV. */
  potential: number | null;
}

type MoneySummary = Pick<CustomerSummary, 'revenue' | 'totalMargin' | 'marginedPurchaseCount'>;

/**
 * The customer's historical value: its net margin (purchase margins minus refund margins) when it
 * has margins recorded, otherwise its net revenue, times `defaultMarginRatio` when one is set.
 */
export function actualValue(summary: MoneySummary, defaultMarginRatio: number | null): number {
  if (hasMargins(summary)) return summary.totalMargin;
  return defaultMarginRatio === null ? summary.revenue : roundMoney(summary.revenue * defaultMarginRatio);
}

/**
 * The fixed cost in the trait `costTrait` (missing or null: 0) plus each interaction type's count
 * times its configured unit cost. Throws for a trait that is not a number >= 0: a wrong cost
 * would silently misfile the customer.
 */
export function costToServe(
  traits: Record<string, unknown> | null,
  byType: CustomerSummary['interactionsByType'],
  config: Pick<ValueTierConfig, 'costTrait' | 'interactionCosts'>,
): number {
  const raw = traits?.[config.costTrait] ?? null;
  if (raw !== null && !(typeof raw === 'number' && Number.isFinite(raw) && raw >= 0)) {
    throw new Error(`value-tier: trait "${config.costTrait}" must be a number >= 0 in the base currency, got ${JSON.stringify(raw)}`);
  }
  let cost = raw ?? 0;
  for (const { type, count } of byType) cost += count * (config.interactionCosts[type] ?? 0);
  return roundMoney(cost);
}

/** Every part of one customer's value, from its summary, traits and served CLV. */
export function valueParts(s: MetricSubject, config: ValueTierConfig): ValueParts {
  const actual = actualValue(s.summary, config.defaultMarginRatio);
  const cost = costToServe(s.customer.traits, s.summary.interactionsByType, config);
  const clv = s.metrics?.clv ?? null;
  return {
    buyer: s.summary.purchaseCount > 0,
    actual,
    costToServe: cost,
    net: roundMoney(actual - cost),
    clv,
    potential: clv === null ? null : roundMoney(actual + clv),
  };
}

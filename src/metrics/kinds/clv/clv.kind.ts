import type { CoreKindSpec } from '../core-kind';

/** Where one input of a CLV answer came from. */
export interface ClvInput {
  /** e.g. 'averageOrderValue', 'grossMargin', 'lifetimeMonths'. */
  name: string;
  value: number;
  /** CUSTOMER: from the customer's own history; POPULATION: the population's average (too little history); CONFIG: an option. */
  source: 'CUSTOMER' | 'POPULATION' | 'CONFIG';
}

/** The value of the `clv` kind for one customer. */
export interface ClvValue {
  value: number;
  currency: string;
  horizonMonths: number | null;
  /** Per month, e.g. 0.01 = 1% a month; null when nothing is discounted. */
  discountRate: number | null;
  /** Over the horizon (or `ctx.horizonDays`), undiscounted. */
  expectedPurchases: number | null;
  expectedAverageOrderValue: number | null;
  /** MARGIN when the value is profit (margins recorded), REVENUE when no margins were recorded and it is on revenue. */
  basis?: 'MARGIN' | 'REVENUE' | null;
  /** Probability that the customer is still alive (active), where the model has one. */
  pAlive?: number | null;
  /** The inputs the value was computed from and where each came from. */
  inputs?: ClvInput[] | null;
}

/** Sorted, filtered and averaged by the value; optional fields left out are served as null (inputs as empty). */
export const clvKind: CoreKindSpec<ClvValue> = {
  headline: (v) => v.value,
  label: () => null,
  fromHeadline: (value, _label, currency) => ({ value: value ?? 0, currency }),
  details: ['horizonMonths', 'discountRate', 'expectedPurchases', 'expectedAverageOrderValue', 'basis', 'pAlive', 'inputs'],
  defaults: { basis: null, pAlive: null, inputs: [] },
};

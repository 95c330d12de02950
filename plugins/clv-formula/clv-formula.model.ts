import { type ClvInput, type ClvValue, type MetricSubject, MONTH_DAYS, monthsBetween } from '../../src/plugin-api';
import type { ClvFormulaConfig } from './clv-formula.config';
import { lifetimeObservation, ownInputs } from './clv-formula-history.model';
import type { ClvFormulaModel } from './clv-formula-model.schema';

interface Mean {
  sum: number;
  count: number;
}

/** What fit accumulates over the population: sums and counts only, never the subjects. */
export interface PopulationTotals {
  customers: number;
  withPurchases: number;
  transactionsPerMonth: Mean;
  /** Purchases and months from the first purchase to asOf, summed over every customer with purchases. */
  pooledRate: { purchases: number; months: number };
  averageOrderValue: Mean;
  grossMargin: Mean;
  lifetime: { observed: number; lost: number; months: number };
}

/** Totals of an empty population. */
export function emptyTotals(): PopulationTotals {
  const mean = (): Mean => ({ sum: 0, count: 0 });
  return {
    customers: 0, withPurchases: 0, transactionsPerMonth: mean(), pooledRate: { purchases: 0, months: 0 }, averageOrderValue: mean(), grossMargin: mean(),
    lifetime: { observed: 0, lost: 0, months: 0 },
  };
}

const addTo = (mean: Mean, value: number | null): void => {
  if (value === null) return;
  mean.sum += value;
  mean.count += 1;
};
const meanOf = (mean: Mean): number | null => (mean.count ? mean.sum / mean.count : null);

/** Adds one customer to the totals. */
export function addToTotals(totals: PopulationTotals, subject: MetricSubject, asOf: Date, config: ClvFormulaConfig): void {
  totals.customers += 1;
  const { purchaseCount, firstPurchaseAt } = subject.summary;
  if (purchaseCount > 0 && firstPurchaseAt) {
    totals.withPurchases += 1;
    totals.pooledRate.purchases += purchaseCount;
    totals.pooledRate.months += Math.max(0, monthsBetween(firstPurchaseAt, asOf));
  }
  const own = ownInputs(subject, asOf, config);
  addTo(totals.transactionsPerMonth, own.transactionsPerMonth);
  addTo(totals.averageOrderValue, own.averageOrderValue);
  addTo(totals.grossMargin, own.grossMargin);
  const life = lifetimeObservation(subject, asOf, config.lapseDays);
  if (life) {
    totals.lifetime.observed += 1;
    totals.lifetime.months += life.months;
    if (life.lost) totals.lifetime.lost += 1;
  }
}

/**
 * The model: T = purchases / months of tenure pooled over every customer with purchases (the
 * customers who fall back to it are the ones with little history, so a mean over the long
 * histories alone would credit one-off buyers with a heavy buyer's rate); AOV and AGM, each
 * input's mean over the customers that have it from their own history (each customer weighs
 * once); and the average lifetime ALT = months observed / customers lost. That
 * is the maximum-likelihood mean of an exponential lifetime when some lifetimes are still running
 * (censored at asOf): with every customer lost it is the plain mean of the observed lifetimes,
 * and it is null while nobody has been lost (the lifetime is then unknown, not infinite).
 */
export function fitClvFormula(totals: PopulationTotals, config: ClvFormulaConfig): ClvFormulaModel {
  const { lifetime } = totals;
  return {
    minPurchases: config.minPurchases,
    minTenureMonths: config.minTenureMonths,
    lapseDays: config.lapseDays,
    transactionsPerMonth: totals.pooledRate.months > 0 ? totals.pooledRate.purchases / totals.pooledRate.months : null,
    averageOrderValue: meanOf(totals.averageOrderValue),
    grossMargin: meanOf(totals.grossMargin),
    lifetimeMonths: lifetime.lost ? lifetime.months / lifetime.lost : null,
  };
}

/** The fit's diagnostics: how many customers gave each input from their own history, and the lifetime evidence. */
export function clvFormulaDiagnostics(totals: PopulationTotals): Record<string, unknown> {
  return {
    customers: totals.customers,
    withPurchases: totals.withPurchases,
    ownInputs: {
      transactionsPerMonth: totals.transactionsPerMonth.count,
      averageOrderValue: totals.averageOrderValue.count,
      grossMargin: totals.grossMargin.count,
    },
    lifetime: { ...totals.lifetime },
  };
}

function pick(name: string, own: number | null, population: number | null, missing: string): ClvInput {
  if (own !== null) return { name, value: own, source: 'CUSTOMER' };
  if (population !== null) return { name, value: population, source: 'POPULATION' };
  throw new Error(`clv-formula: ${missing}`);
}

/** What scoring needs besides the subject and the model. */
export interface FormulaContext {
  asOf: Date;
  currency: string;
  /** Backtests: predict over this many days instead of the lifetime. */
  horizonDays?: number;
}

/**
 * LTV = T x AOV x AGM x ALT for one customer with purchases (null without): each of T, AOV and
 * AGM is the customer's own where its history is long enough, else the population's; AGM is 1 on
 * revenue (basis REVENUE) when neither has margins. ALT is `lifetimeMonths` when set, else the
 * population's. With `horizonDays` (backtests) ALT is replaced by horizonDays / 30.4375 months.
 * Throws when an input is needed from the population and the population has none.
 */
export function scoreClvFormula(subject: MetricSubject, model: ClvFormulaModel, config: ClvFormulaConfig, ctx: FormulaContext): ClvValue | null {
  if (subject.summary.purchaseCount === 0) return null;
  const own = ownInputs(subject, ctx.asOf, config);
  const t = pick('transactionsPerMonth', own.transactionsPerMonth, model.transactionsPerMonth,
    'this customer has too little history for its own purchase rate and no customer had months of tenure at the last refresh');
  const aov = pick('averageOrderValue', own.averageOrderValue, model.averageOrderValue,
    'this customer has too little history for its own order value and no customer had minPurchases purchases at the last refresh; lower minPurchases');
  // Without margins anywhere the value stays on revenue: AGM = 1.
  const onRevenue = own.grossMargin === null && model.grossMargin === null;
  const agm: ClvInput = onRevenue ? { name: 'grossMargin', value: 1, source: 'CONFIG' } : pick('grossMargin', own.grossMargin, model.grossMargin, 'no margin');
  let months: ClvInput;
  if (ctx.horizonDays !== undefined) months = { name: 'horizonMonths', value: ctx.horizonDays / MONTH_DAYS, source: 'CONFIG' };
  else if (config.lifetimeMonths !== null) months = { name: 'lifetimeMonths', value: config.lifetimeMonths, source: 'CONFIG' };
  else {
    months = pick('lifetimeMonths', null, model.lifetimeMonths,
      'no customer had been lost at the last refresh (no purchase for lapseDays days, or an ended contract), so the lifetime is unknown; set lifetimeMonths');
  }
  const expectedPurchases = t.value * months.value;
  return {
    value: expectedPurchases * aov.value * agm.value,
    currency: ctx.currency,
    horizonMonths: months.value,
    discountRate: null,
    expectedPurchases,
    expectedAverageOrderValue: aov.value,
    basis: onRevenue ? 'REVENUE' : 'MARGIN',
    inputs: [t, aov, agm, months],
  };
}

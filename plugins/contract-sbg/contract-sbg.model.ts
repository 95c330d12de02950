import {
  type ChurnValue, type ClvInput, type ClvValue, type CustomerSummary, DAY_MS, hasMargins, type MetricContext,
  type MetricSubject, MONTH_DAYS, roundMoney, sbgDerl, sbgExpectedRenewals, sbgExpectedRenewalsWithin,
} from '../../src/plugin-api';
import { contractHistory } from './contract-history';
import { wholePeriods } from './contract-periods';
import type { ContractSbgConfig } from './contract-sbg.config';
import type { PopulationMoney, StoredContractSbgModel } from './contract-sbg-model.schema';

/** The money one period of the contract brings, and where it came from. */
export interface MoneyPerPeriod {
  name: 'marginPerPeriod' | 'revenuePerPeriod';
  value: number;
  basis: 'MARGIN' | 'REVENUE';
  source: 'CUSTOMER' | 'POPULATION';
}

/**
 * The customer's money per period paid, in this order: its own net margin per period (margins
 * recorded), its own net revenue per period (purchases without margins, basis REVENUE), the
 * population's mean margin per period, the population's mean revenue per period; null when
 * nobody has any money recorded.
 */
export function moneyPerPeriod(
  summary: Pick<CustomerSummary, 'totalMargin' | 'grossRevenue' | 'revenue' | 'marginedPurchaseCount'>, periodsPaid: number, population: Pick<PopulationMoney, 'marginPerPeriod' | 'revenuePerPeriod'>,
): MoneyPerPeriod | null {
  if (hasMargins(summary)) return { name: 'marginPerPeriod', value: summary.totalMargin / periodsPaid, basis: 'MARGIN', source: 'CUSTOMER' };
  if (summary.grossRevenue > 0) return { name: 'revenuePerPeriod', value: summary.revenue / periodsPaid, basis: 'REVENUE', source: 'CUSTOMER' };
  if (population.marginPerPeriod !== null) return { name: 'marginPerPeriod', value: population.marginPerPeriod, basis: 'MARGIN', source: 'POPULATION' };
  if (population.revenuePerPeriod !== null) return { name: 'revenuePerPeriod', value: population.revenuePerPeriod, basis: 'REVENUE', source: 'POPULATION' };
  return null;
}

/** A discount rate per period of `periodMonths` months as the equivalent rate per month. */
export function monthlyRate(ratePerPeriod: number, periodMonths: number): number {
  return Math.pow(1 + ratePerPeriod, 1 / periodMonths) - 1;
}

/**
 * DERL by number of renewals under the model and the configured discount rate, remembered: a
 * batch holds many customers with the same number of renewals, and each DERL costs a 2F1.
 */
export function derlFunction(model: StoredContractSbgModel, config: ContractSbgConfig): (renewals: number) => number {
  const params = { alpha: model.alpha, beta: model.beta };
  const known = new Map<number, number>();
  return (renewals) => {
    let derl = known.get(renewals);
    if (derl === undefined) {
      derl = sbgDerl(params, config.discountRate, renewals);
      known.set(renewals, derl);
    }
    return derl;
  };
}

/**
 * CLV of a contractual customer: money per period × DERL (the discounted expected number of
 * further renewals, the next one undiscounted), over the whole lifetime. 0 once the contract has
 * ended; null without a contract start, or without any money recorded anywhere. With
 * `ctx.horizonDays` (backtests): money per period × the expected renewals due in that window,
 * undiscounted.
 */
export function contractClv(
  s: MetricSubject, model: StoredContractSbgModel, ctx: MetricContext<ContractSbgConfig>, derlOf: (renewals: number) => number = derlFunction(model, ctx.config),
): ClvValue | null {
  const { periodMonths, discountRate } = ctx.config;
  const h = contractHistory(s.customer, ctx.asOf, periodMonths);
  if (!h) return null;
  const money = moneyPerPeriod(s.summary, h.periodsPaid, model.population);
  const params = { alpha: model.alpha, beta: model.beta };
  const inputs: ClvInput[] = [
    ...(money ? [{ name: money.name, value: money.value, source: money.source }] : []),
    { name: 'renewals', value: h.renewals, source: 'CUSTOMER' },
    { name: 'periodMonths', value: periodMonths, source: 'CONFIG' },
  ];
  const backtest = ctx.horizonDays !== undefined;
  if (!backtest) inputs.push({ name: 'discountRatePerPeriod', value: discountRate, source: 'CONFIG' });
  const revenuePerPeriod = s.summary.grossRevenue > 0 ? s.summary.revenue / h.periodsPaid : model.population.revenuePerPeriod;
  const common = {
    currency: ctx.currency,
    horizonMonths: backtest ? (ctx.horizonDays ?? 0) / MONTH_DAYS : null,
    discountRate: backtest ? null : monthlyRate(discountRate, periodMonths),
    expectedAverageOrderValue: revenuePerPeriod,
    basis: money?.basis ?? null,
    pAlive: null,
    inputs,
  };
  if (h.churned) return { ...common, value: 0, expectedPurchases: 0 };
  if (!money) return null;
  if (backtest) {
    const end = new Date(ctx.asOf.getTime() + (ctx.horizonDays ?? 0) * DAY_MS);
    const due = wholePeriods(h.start, end, periodMonths) - h.age;
    const renewals = sbgExpectedRenewalsWithin(params, h.renewals, due);
    return { ...common, value: roundMoney(money.value * renewals), expectedPurchases: renewals };
  }
  const derl = derlOf(h.renewals);
  // DERL is the customer's own: it depends on how many renewals it has made.
  const withDerl = { ...common, inputs: [...inputs, { name: 'derl', value: derl, source: 'CUSTOMER' as const }] };
  return { ...withDerl, value: roundMoney(money.value * derl), expectedPurchases: sbgExpectedRenewals(params, h.renewals) };
}

/**
 * Churn of a contractual customer: observed once the contract has ended (probability 1, reason
 * 'contract ended', with the customer's churn reason when recorded); otherwise the probability of not renewing at the next renewal point,
 * 1 - (β + n) / (α + β + n) = α / (α + β + n) after n renewals. Null without a contract start.
 */
export function contractChurn(s: MetricSubject, model: StoredContractSbgModel, ctx: MetricContext<ContractSbgConfig>): ChurnValue | null {
  const h = contractHistory(s.customer, ctx.asOf, ctx.config.periodMonths);
  if (!h) return null;
  if (h.churned) return { probability: 1, pAlive: null, reason: s.customer.churnReason ? `contract ended: ${s.customer.churnReason}` : 'contract ended' };
  // α / (α + β + n) rather than 1 - (β + n) / (α + β + n): no cancellation when churn is rare.
  return { probability: model.alpha / (model.alpha + model.beta + h.renewals), pAlive: null, reason: null };
}

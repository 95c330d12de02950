import { fitSbg, hasMargins, type MetricContext, type MetricSubject, RelationshipKind, type SbgObservation } from '../../src/plugin-api';
import { CohortTally } from './cohort-curves';
import { cohortOf, type ContractHistory, contractHistory } from './contract-history';
import type { ContractSbgConfig } from './contract-sbg.config';
import type { ContractSbgModel, PopulationMoney } from './contract-sbg-model.schema';

/** What a fit reports besides its model. */
export type ContractSbgDiagnostics = {
  /** Customers the host handed over, and what became of them. */
  customers: number;
  fitted: number;
  active: number;
  churned: number;
  withoutContractStart: number;
  startingAfterAsOf: number;
  /** Contracts that end before they start: left out of the fit, an error when scored. */
  invalid: number;
  /** Distinct (periods, churned) histories the likelihood sums over. */
  distinctHistories: number;
  converged: boolean;
  iterations: number;
  logLikelihood: number;
  alpha: number;
  beta: number;
  standardErrors: { alpha: number; beta: number } | null;
  population: PopulationMoney;
  cohortBy: ContractSbgConfig['cohort'];
  cohorts: ContractSbgModel['cohorts'];
};

function historyOrInvalid(s: MetricSubject, asOf: Date, periodMonths: number): ContractHistory | null | 'invalid' {
  try {
    return contractHistory(s.customer, asOf, periodMonths);
  } catch {
    return 'invalid';
  }
}

class MeanOf {
  sum = 0;
  count = 0;
  add(x: number): void {
    this.sum += x;
    this.count += 1;
  }
  get value(): number | null {
    return this.count > 0 ? this.sum / this.count : null;
  }
}

/**
 * Fits the sBG model on every contractual customer's (renewals, churned) history, streamed in
 * batches and kept only as counts per distinct history, plus the per-cohort curves and the
 * population's money per period. Throws when there are fewer than `minCustomers` customers to
 * fit, when nobody has churned, or when the likelihood cannot be maximised.
 */
export async function fitContractSbg(
  population: AsyncIterable<MetricSubject[]>,
  ctx: MetricContext<ContractSbgConfig>,
): Promise<{ model: ContractSbgModel; diagnostics: ContractSbgDiagnostics }> {
  const { periodMonths, cohort: cohortBy, projectPeriods, minCustomers } = ctx.config;
  const histories = new Map<string, SbgObservation>();
  const tally = new CohortTally();
  const margins = new MeanOf();
  const revenues = new MeanOf();
  const counts = { customers: 0, fitted: 0, churned: 0, withoutContractStart: 0, startingAfterAsOf: 0, invalid: 0 };
  for await (const batch of population) {
    for (const s of batch) {
      // The host routes only contractual customers here; anyone else is no renewal history.
      if (s.customer.relationship !== RelationshipKind.CONTRACTUAL) continue;
      counts.customers += 1;
      const h = historyOrInvalid(s, ctx.asOf, periodMonths);
      if (h === 'invalid') {
        counts.invalid += 1;
        continue;
      }
      if (!h) {
        if (s.customer.contractStartedAt) counts.startingAfterAsOf += 1;
        else counts.withoutContractStart += 1;
        continue;
      }
      counts.fitted += 1;
      if (h.churned) counts.churned += 1;
      const key = `${h.observation.periodsSurvived}|${h.observation.churned}`;
      const seen = histories.get(key);
      if (seen) seen.weight += 1;
      else histories.set(key, { ...h.observation, weight: 1 });
      tally.add(cohortOf(h.start, cohortBy), h);
      if (hasMargins(s.summary)) margins.add(s.summary.totalMargin / h.periodsPaid);
      if (s.summary.grossRevenue > 0) revenues.add(s.summary.revenue / h.periodsPaid);
    }
  }
  if (counts.invalid > 0) ctx.log(`contract-sbg: ${counts.invalid} contract(s) end before they start; left out of the fit`);
  if (counts.fitted < minCustomers) {
    throw new Error(
      `contract-sbg: only ${counts.fitted} contractual customer(s) with a contract start at or before asOf; the fit needs at least minCustomers = ${minCustomers}`,
    );
  }
  if (counts.churned === 0) {
    throw new Error(`contract-sbg: none of the ${counts.fitted} contractual customers has a contract ended by asOf, so churn cannot be estimated`);
  }
  const fit = fitSbg([...histories.values()]);
  const params = fit.params;
  const populationMoney: PopulationMoney = {
    marginPerPeriod: margins.value, revenuePerPeriod: revenues.value, withMargins: margins.count, withRevenue: revenues.count,
  };
  const cohorts = tally.curves(params, projectPeriods);
  const model: ContractSbgModel = {
    model: 'sBG', periodMonths, alpha: params.alpha, beta: params.beta, standardErrors: fit.standardErrors,
    logLikelihood: fit.logLikelihood, iterations: fit.iterations, converged: fit.converged,
    customers: counts.fitted, churned: counts.churned, population: populationMoney, cohortBy, cohorts,
  };
  const diagnostics: ContractSbgDiagnostics = {
    ...counts, active: counts.fitted - counts.churned, distinctHistories: histories.size, converged: fit.converged,
    iterations: fit.iterations, logLikelihood: fit.logLikelihood, alpha: params.alpha, beta: params.beta,
    standardErrors: fit.standardErrors, population: populationMoney, cohortBy, cohorts,
  };
  return { model, diagnostics };
}

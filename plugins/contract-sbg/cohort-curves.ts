import { type SbgParams, sbgRetentionRate, sbgSurvivalCurve } from '../../src/plugin-api';
import type { ContractHistory } from './contract-history';

/**
 * One acquisition cohort's retention, observed and projected by the fitted model, period by
 * period (index k = renewal point k; k = 0 is acquisition).
 */
export type CohortCurve = {
  cohort: string;
  customers: number;
  churned: number;
  /** Customers old enough to have reached renewal point k by asOf: the denominators of the observed shares. */
  atRisk: number[];
  /** Of those, the share still a customer at renewal point k (renewed k times). */
  observedSurvival: number[];
  /** Of those still a customer at point k - 1 and old enough for point k, the share who renewed there; index 0 is null. */
  observedRetention: (number | null)[];
  /** The model's S(k), to the last observed point plus the projection. */
  projectedSurvival: number[];
  /** The model's r_k = (β + k - 1) / (α + β + k - 1); index 0 is null. */
  projectedRetention: (number | null)[];
};

interface Counts {
  /** By age (renewal points reached by asOf): every customer, and those still active. */
  byAge: number[];
  activeByAge: number[];
  /** Churned customers by the period they ended in, T: those old enough to have reached point T, and those not (age T - 1). */
  churnedReached: number[];
  churnedEarly: number[];
}

const bump = (counts: number[], i: number): void => {
  while (counts.length <= i) counts.push(0);
  counts[i] += 1;
};

const at = (counts: readonly number[], i: number): number => counts[i] ?? 0;

/** Six decimals are plenty for a share, and keep the stored model small. */
const share = (x: number): number => Math.round(x * 1e6) / 1e6;

/** Counts customers per cohort as the fit streams them, keeping only a few numbers per period. */
export class CohortTally {
  private readonly cohorts = new Map<string, Counts>();

  add(cohort: string, h: ContractHistory): void {
    let c = this.cohorts.get(cohort);
    if (!c) {
      c = { byAge: [], activeByAge: [], churnedReached: [], churnedEarly: [] };
      this.cohorts.set(cohort, c);
    }
    bump(c.byAge, h.age);
    if (!h.churned) bump(c.activeByAge, h.age);
    // A churned customer's end lies in period T = periodsPaid, so its age is T - 1 or more.
    else if (h.age >= h.periodsPaid) bump(c.churnedReached, h.periodsPaid);
    else bump(c.churnedEarly, h.periodsPaid);
  }

  /** The curves of every cohort, in cohort order, projected with the fitted parameters. */
  curves(params: SbgParams, projectPeriods: number): CohortCurve[] {
    return [...this.cohorts.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([cohort, c]) => curveOf(cohort, c, params, projectPeriods));
  }
}

function curveOf(cohort: string, c: Counts, params: SbgParams, projectPeriods: number): CohortCurve {
  const last = c.byAge.length - 1;
  const churnedByT = (t: number): number => at(c.churnedReached, t) + at(c.churnedEarly, t);
  const maxT = Math.max(c.churnedReached.length, c.churnedEarly.length);
  // Walk k downwards so every sum over "age >= k" and "T > k" is a running total.
  const atRisk = new Array<number>(last + 1).fill(0);
  const survived = new Array<number>(last + 1).fill(0);
  let eligible = 0;
  let active = 0;
  let churnedLater = 0;
  // (Empty in practice: a churned customer's T is at most its age + 1 <= last + 1.)
  for (let t = maxT - 1; t > last + 1; t--) churnedLater += churnedByT(t);
  for (let k = last; k >= 0; k--) {
    eligible += at(c.byAge, k);
    active += at(c.activeByAge, k);
    // Churned with T > k: they renewed at point k (and are old enough for it, as age >= T - 1 >= k).
    churnedLater += churnedByT(k + 1);
    atRisk[k] = eligible;
    survived[k] = active + churnedLater;
  }
  const observedSurvival = atRisk.map((n, k) => share(survived[k] / n));
  const observedRetention: (number | null)[] = [null];
  for (let k = 1; k <= last; k++) {
    // Survivors of point k - 1 that are old enough for point k: those who renewed at k, and those who ended in period k having reached it.
    const denominator = survived[k] + at(c.churnedReached, k);
    observedRetention.push(denominator > 0 ? share(survived[k] / denominator) : null);
  }
  const horizon = last + projectPeriods;
  const projectedSurvival = sbgSurvivalCurve(params, horizon).map(share);
  const projectedRetention: (number | null)[] = [null];
  for (let k = 1; k <= horizon; k++) projectedRetention.push(share(sbgRetentionRate(params, k)));
  const customers = atRisk[0];
  const churned = c.churnedReached.reduce((a, b) => a + b, 0) + c.churnedEarly.reduce((a, b) => a + b, 0);
  return { cohort, customers, churned, atRisk, observedSurvival, observedRetention, projectedSurvival, projectedRetention };
}

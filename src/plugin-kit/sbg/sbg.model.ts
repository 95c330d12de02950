// The shifted-beta-geometric (sBG) model of contract renewals (Fader & Hardie 2007, "How to
// project customer retention", J. Interactive Marketing 21(1)).
//
// Each customer churns at the end of every period with a constant probability θ, and θ follows a
// Beta(α, β) distribution across customers. T is the period in which a customer churns (T = 1: the
// first contract is not renewed), so a customer who has made n renewals has T > n.
import { logGammaRatio } from './log-gamma-ratio';

/** The two parameters of the Beta(α, β) mixing distribution of the churn probability θ. */
export interface SbgParams {
  alpha: number;
  beta: number;
}

/** Throws unless α and β are finite and positive: every formula below divides by them or takes their logs. */
export function assertSbgParams(p: SbgParams): void {
  if (!(p.alpha > 0 && p.beta > 0 && Number.isFinite(p.alpha) && Number.isFinite(p.beta))) {
    throw new RangeError(`sBG parameters must be finite and > 0, got alpha = ${p.alpha}, beta = ${p.beta}`);
  }
}

function assertPeriod(t: number, min: number, what: string): void {
  if (!Number.isInteger(t) || t < min) throw new RangeError(`${what} must be an integer >= ${min}, got ${t}`);
}

/**
 * ln S(t) = ln P(T > t) = ln B(α, β + t) - ln B(α, β), t = 0, 1, 2, ...: the log share of a cohort
 * still a customer after t renewal points. Never above 0.
 */
export function sbgLogSurvival(p: SbgParams, t: number): number {
  assertSbgParams(p);
  assertPeriod(t, 0, 'the period');
  if (t === 0) return 0;
  // = [lnΓ(α+β) - lnΓ(β)] - [lnΓ(α+β+t) - lnΓ(β+t)], each bracket free of cancellation.
  return Math.min(0, logGammaRatio(p.beta, p.alpha) - logGammaRatio(p.beta + t, p.alpha));
}

/** S(t) = P(T > t): the probability that a new customer makes at least t renewals. */
export function sbgSurvival(p: SbgParams, t: number): number {
  return Math.exp(sbgLogSurvival(p, t));
}

/** ln P(T = t) = ln B(α + 1, β + t - 1) - ln B(α, β), t >= 1: churning in period t exactly. */
export function sbgLogChurnAt(p: SbgParams, t: number): number {
  assertPeriod(t, 1, 'the churn period');
  // P(T = t) = S(t - 1) · α / (α + β + t - 1).
  return sbgLogSurvival(p, t - 1) + Math.log(p.alpha) - Math.log(p.alpha + p.beta + t - 1);
}

/** P(T = t), t >= 1: the probability that a new customer churns at the end of period t. */
export function sbgChurnAt(p: SbgParams, t: number): number {
  return Math.exp(sbgLogChurnAt(p, t));
}

/**
 * r_t = S(t) / S(t - 1) = (β + t - 1) / (α + β + t - 1), t >= 1: the share of the customers still
 * there at the start of period t who renew at its end (the retention rate the cohort shows in period t).
 */
export function sbgRetentionRate(p: SbgParams, t: number): number {
  assertSbgParams(p);
  assertPeriod(t, 1, 'the period');
  return (p.beta + t - 1) / (p.alpha + p.beta + t - 1);
}

/**
 * The probability that a customer who has made n renewals (so is in period n + 1) renews at the
 * next renewal point: P(T > n + 1 | T > n) = r_{n+1} = (β + n) / (α + β + n). A new customer
 * (n = 0) renews with probability β / (α + β), the mean of 1 - θ.
 */
export function sbgRenewalProbability(p: SbgParams, n: number): number {
  assertPeriod(n, 0, 'the number of renewals');
  return sbgRetentionRate(p, n + 1);
}

/** S(0..periods): the survival curve of a cohort from acquisition (S(0) = 1). */
export function sbgSurvivalCurve(p: SbgParams, periods: number): number[] {
  assertSbgParams(p);
  assertPeriod(periods, 0, 'the number of periods');
  const curve = [1];
  for (let t = 1; t <= periods; t++) curve.push(sbgSurvival(p, t));
  return curve;
}

/** r_1..r_periods: the retention rates of periods 1 to `periods` (index 0 is period 1). */
export function sbgRetentionCurve(p: SbgParams, periods: number): number[] {
  assertPeriod(periods, 0, 'the number of periods');
  const curve: number[] = [];
  for (let t = 1; t <= periods; t++) curve.push(sbgRetentionRate(p, t));
  return curve;
}

/**
 * The probability that a customer who has made n renewals goes on to make at least k more:
 * S(n + k) / S(n) = Π_{j=1..k} r_{n+j}.
 */
export function sbgConditionalSurvival(p: SbgParams, n: number, k: number): number {
  assertPeriod(n, 0, 'the number of renewals');
  assertPeriod(k, 0, 'the number of further renewals');
  return Math.exp(Math.min(0, sbgLogSurvival(p, n + k) - sbgLogSurvival(p, n)));
}

/**
 * The expected number of further renewals, undiscounted and over the whole lifetime, of a customer
 * who has made n renewals: Σ_{k>=1} S(n + k) / S(n) = (β + n) / (α - 1). Infinite when α <= 1
 * (the heavy tail of loyal customers never ends): null then.
 */
export function sbgExpectedRenewals(p: SbgParams, n: number): number | null {
  assertSbgParams(p);
  assertPeriod(n, 0, 'the number of renewals');
  if (p.alpha <= 1) return null;
  const value = (p.beta + n) / (p.alpha - 1);
  return Number.isFinite(value) ? value : null;
}

/** The expected number of the next `renewals` renewal points that a customer with n renewals makes: Σ_{k=1..renewals} S(n + k) / S(n). */
export function sbgExpectedRenewalsWithin(p: SbgParams, n: number, renewals: number): number {
  assertSbgParams(p);
  assertPeriod(n, 0, 'the number of renewals');
  assertPeriod(renewals, 0, 'the number of renewal points');
  let survival = 1;
  let sum = 0;
  for (let k = 1; k <= renewals; k++) {
    survival *= sbgRetentionRate(p, n + k);
    sum += survival;
  }
  return sum;
}

import { expm1OverX } from '../../numerics/digamma';
import { logScaleToNatural, standardErrors as hessianStandardErrors } from '../../numerics/hessian';
import { logGamma } from '../../numerics/log-gamma';
import { minimize } from '../../numerics/minimize';
import type { RfTuple } from '../../numerics/weighted-tuples';
import { ModelFitError } from './model-fit-error';
import { paretoNbdA0Term, paretoNbdLogDied } from './pareto-nbd-died';

// Pareto/NBD (Schmittlein, Morrison & Colombo 1987): while alive a customer buys at rate
// λ ~ Gamma(r, α) and dies at an exponential time of rate μ ~ Gamma(s, β), λ and μ independent.
// The expressions are those of Fader & Hardie (2005), "A note on deriving the Pareto/NBD model
// and related expressions", written in logs.

/** Pareto/NBD parameters; α and β are in the time unit of the data. */
export interface ParetoNbdParams {
  r: number;
  alpha: number;
  s: number;
  beta: number;
}

/** A fitted Pareto/NBD. */
export interface ParetoNbdFit {
  params: ParetoNbdParams;
  /** The maximised (weighted) log-likelihood. */
  logLikelihood: number;
  iterations: number;
  evaluations: number;
  converged: boolean;
  /** Asymptotic standard errors (delta method from the log-scale fit); null when the Hessian is not positive definite. */
  standardErrors: ParetoNbdParams | null;
  /** Sum of the tuple weights. */
  customers: number;
  distinctTuples: number;
}

export interface ParetoNbdFitOptions {
  maxIterations?: number;
  tolerance?: number;
  /** Starting values (default r = s = 1 and α = β = mean T). */
  start?: ParetoNbdParams;
}

const MODEL = 'Pareto/NBD';

/** log(e^u + e^v) without overflow. */
function logAddExp(u: number, v: number): number {
  if (u === -Infinity) return v;
  return u > v ? u + Math.log1p(Math.exp(v - u)) : v + Math.log1p(Math.exp(u - v));
}

/**
 * One customer's likelihood split into its two parts (Fader & Hardie 2005, eq. 22):
 *   L = Γ(r+x) α^r β^s / Γ(r) · [ (α+T)^-(r+x) (β+T)^-s + D ],
 * the first bracket term being "alive at T" and D "died between t_x and T" (see
 * {@link paretoNbdLogDied}). Returns the logs of the alive part and of the whole bracket.
 */
function logParts(p: ParetoNbdParams, x: number, tx: number, T: number, a0Term?: (y: number) => number): { logAlive: number; logBracket: number } {
  const logAlive = -(p.r + x) * Math.log(p.alpha + T) - p.s * Math.log(p.beta + T);
  return { logAlive, logBracket: logAddExp(paretoNbdLogDied(p, x, tx, T, a0Term), logAlive) };
}

/** ln[Γ(r+x) α^r β^s / Γ(r)], the factor of the likelihood outside the bracket. */
function logConstant({ r, alpha, s, beta }: ParetoNbdParams, x: number): number {
  return logGamma(r + x) - logGamma(r) + r * Math.log(alpha) + s * Math.log(beta);
}

function validTuple(t: RfTuple): { x: number; tx: number; T: number; weight: number } {
  const { x, T, weight } = t;
  if (!(Number.isInteger(x) && x >= 0 && T >= 0 && Number.isFinite(T) && weight > 0 && Number.isFinite(weight))) {
    throw new RangeError(`${MODEL}: invalid tuple x=${x}, tx=${t.tx}, T=${T}, weight=${weight}`);
  }
  // t_x only matters for repeat buyers; keep it within [0, T].
  return { x, tx: x === 0 ? 0 : Math.min(Math.max(t.tx, 0), T), T, weight };
}

/** Σ weight · ln L over the tuples; throws (never NaN) where a 2F1 cannot be evaluated. */
function weightedLogLikelihood(params: ParetoNbdParams, tuples: { x: number; tx: number; T: number; weight: number }[]): number {
  let total = 0;
  // What depends on x only is kept for each run of x (fits pass tuples sorted by x): the constant
  // and the A0 terms, which customers with the same x and first-purchase day share.
  let lastX = -1;
  let constant = 0;
  const a0Terms = new Map<number, number>();
  const a0Term = (y: number): number => {
    let value = a0Terms.get(y);
    if (value === undefined) a0Terms.set(y, (value = paretoNbdA0Term(params, lastX, y)));
    return value;
  };
  for (const t of tuples) {
    if (t.x !== lastX) {
      lastX = t.x;
      constant = logConstant(params, t.x);
      a0Terms.clear();
    }
    total += t.weight * (constant + logParts(params, t.x, t.tx, t.T, a0Term).logBracket);
  }
  return total;
}

function checkParams(p: ParetoNbdParams): void {
  if (![p.r, p.alpha, p.s, p.beta].every((v) => Number.isFinite(v) && v > 0)) {
    throw new RangeError(`${MODEL}: parameters must be finite and positive, got ${JSON.stringify(p)}`);
  }
}

/** The weighted Pareto/NBD log-likelihood of `tuples` at `params`. */
export function paretoNbdLogLikelihood(params: ParetoNbdParams, tuples: RfTuple[]): number {
  checkParams(params);
  return weightedLogLikelihood(params, tuples.map(validTuple));
}

const fromLog = (u: number[]): ParetoNbdParams => ({ r: Math.exp(u[0]), alpha: Math.exp(u[1]), s: Math.exp(u[2]), beta: Math.exp(u[3]) });

/**
 * The largest s the fit considers. On data with little dropout heterogeneity the likelihood keeps
 * rising, ever more slowly, along s, β → ∞ with s/β fixed (μ tends to one rate for everyone): the
 * optimiser would walk off along it until its tolerance stopped it, anywhere. At s = 1e4 the
 * dropout rate's coefficient of variation 1/√s is 1%, and P(alive) and expected transactions are
 * within about 1e-4 (relative) of the limit; s is dimensionless, so the cap holds in any time unit.
 */
export const PARETO_NBD_MAX_S = 1e4;
const LOG_MAX_S = Math.log(PARETO_NBD_MAX_S);

/**
 * Fits the Pareto/NBD by maximum likelihood over weighted (x, t_x, T) tuples. The optimiser works
 * on (ln r, ln α, ln s, ln β/s), so that the ridge above is one coordinate, ln s, bounded by
 * {@link PARETO_NBD_MAX_S} (β follows at the fitted mean lifetime β/s). Throws ModelFitError when
 * there is nothing to fit or the optimiser does not converge. At the cap, `standardErrors` is
 * null: the likelihood still rises with s there, so s has none.
 */
export function fitParetoNbd(tuples: RfTuple[], options: ParetoNbdFitOptions = {}): ParetoNbdFit {
  const data = tuples.map(validTuple).sort((p, q) => p.x - q.x);
  const customers = data.reduce((sum, t) => sum + t.weight, 0);
  if (customers === 0) throw new ModelFitError(MODEL, 'no customers to fit');
  if (!data.some((t) => t.x > 0)) throw new ModelFitError(MODEL, 'no customer has a repeat purchase: the purchase and dropout rates cannot be identified');
  // On the log-parameters, as the standard errors are taken.
  const negLogLik = (u: number[]) => {
    const params = fromLog(u);
    // Parameters that under- or overflow make no valid model; neither does a 2F1 out of reach.
    if (![params.r, params.alpha, params.s, params.beta].every((p) => p > 0 && Number.isFinite(p))) return Number.POSITIVE_INFINITY;
    try {
      return -weightedLogLikelihood(params, data);
    } catch {
      return Number.POSITIVE_INFINITY;
    }
  };
  const toLog = (v: number[]) => [v[0], v[1], v[2], v[2] + v[3]];
  const objective = (v: number[]) => (v[2] > LOG_MAX_S ? Number.POSITIVE_INFINITY : negLogLik(toLog(v)));
  const meanT = data.reduce((sum, t) => sum + t.weight * t.T, 0) / customers;
  const start = options.start ?? { r: 1, alpha: Math.max(meanT, 1e-3), s: 1, beta: Math.max(meanT, 1e-3) };
  const startS = Math.min(start.s, PARETO_NBD_MAX_S);
  const v0 = [Math.log(start.r), Math.log(start.alpha), Math.log(startS), Math.log(start.beta / start.s)];
  const result = minimize(objective, v0, { maxIterations: options.maxIterations ?? 5000, tolerance: options.tolerance ?? 1e-10 });
  if (!result.converged) throw new ModelFitError(MODEL, result.reason, result.iterations);
  const u = toLog(result.x);
  // Within a Hessian step of the cap, the curvature in s is that of the bound, not of the data.
  const atCap = result.x[2] > LOG_MAX_S - 1e-2;
  const seLog = atCap ? null : hessianStandardErrors(negLogLik, u);
  const se = seLog ? logScaleToNatural(u, seLog) : null;
  return {
    params: fromLog(u),
    logLikelihood: -result.value,
    iterations: result.iterations,
    evaluations: result.evaluations,
    converged: true,
    standardErrors: se ? { r: se[0], alpha: se[1], s: se[2], beta: se[3] } : null,
    customers,
    distinctTuples: data.length,
  };
}

/** Clamps a customer's inputs to their valid ranges: x >= 0 (whole), 0 <= t_x <= T. */
function customer(x: number, tx: number, T: number): { x: number; tx: number; T: number } {
  const safeT = Number.isFinite(T) && T > 0 ? T : 0;
  const safeX = Number.isFinite(x) && x > 0 ? Math.round(x) : 0;
  return { x: safeX, tx: safeX === 0 ? 0 : Math.min(Math.max(Number.isFinite(tx) ? tx : 0, 0), safeT), T: safeT };
}

/**
 * P(alive | x, t_x, T) = (α+T)^-(r+x) (β+T)^-s / [ (α+T)^-(r+x) (β+T)^-s + s/(r+s+x) · A0 ]
 * (Fader & Hardie 2005, eq. 18, which is 1 / (1 + s/(r+s+x) (α+T)^(r+x) (β+T)^s A0)), in logs:
 * always in (0, 1], and 1 when t_x = T (nothing was silent).
 */
export function paretoNbdPAlive(params: ParetoNbdParams, x: number, tx: number, T: number): number {
  checkParams(params);
  const c = customer(x, tx, T);
  const { logAlive, logBracket } = logParts(params, c.x, c.tx, c.T);
  return Math.min(1, Math.exp(logAlive - logBracket));
}

/**
 * (β+T) [1 - ((β+T)/(β+T+t))^(s-1)] / (s-1), continuous through s = 1 (where it is
 * (β+T) ln(1 + t/(β+T))): with L = ln(1 + t/(β+T)), it is (β+T) · L · expm1(-(s-1)L)/(-(s-1)L).
 */
function logHorizonFactor(s: number, betaT: number, t: number): number {
  const L = Math.log1p(t / betaT);
  return Math.log(betaT) + Math.log(L) + Math.log(expm1OverX(-(s - 1) * L));
}

/** exp(v) capped at the largest double: an expectation too large to represent is reported as that. */
const expCapped = (v: number): number => Math.min(Math.exp(v), Number.MAX_VALUE);

/**
 * E[Y(t) | x, t_x, T]: expected transactions in the next t (Fader & Hardie 2005, eq. 20),
 *   P(alive) · (r+x)(β+T) / ((α+T)(s-1)) · [1 - ((β+T)/(β+T+t))^(s-1)],
 * with the s = 1 limit taken in the log form. 0 for t <= 0. An infinite horizon has a finite
 * expectation only for s > 1: (r+x)(β+T)/((α+T)(s-1)) · P(alive); for s <= 1 it throws.
 */
export function paretoNbdExpectedTransactions(params: ParetoNbdParams, x: number, tx: number, T: number, t: number): number {
  checkParams(params);
  if (!(t > 0)) return 0;
  const c = customer(x, tx, T);
  const { r, alpha, s, beta } = params;
  const pAlive = paretoNbdPAlive(params, c.x, c.tx, c.T);
  if (pAlive === 0) return 0;
  const logRate = Math.log(r + c.x) - Math.log(alpha + c.T);
  if (t === Infinity) {
    if (!(s > 1)) throw new RangeError(`${MODEL}: with s = ${s} <= 1 the expected transactions over an infinite horizon are infinite`);
    return expCapped(logRate + Math.log(beta + c.T) - Math.log(s - 1) + Math.log(pAlive));
  }
  return expCapped(logRate + logHorizonFactor(s, beta + c.T, t) + Math.log(pAlive));
}

/**
 * E[X(t)] for a customer just acquired (Fader & Hardie 2005, eq. 17):
 * rβ / (α(s-1)) · [1 - (β/(β+t))^(s-1)], the x = 0, T = 0 case of the conditional expectation.
 */
export function paretoNbdExpectedTransactionsUnconditional(params: ParetoNbdParams, t: number): number {
  return paretoNbdExpectedTransactions(params, 0, 0, 0, t);
}

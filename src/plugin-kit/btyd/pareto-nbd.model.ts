import { expm1OverX } from '../../numerics/digamma';
import { standardErrorsFromGradient } from '../../numerics/gradient-hessian';
import { logScaleToNatural } from '../../numerics/hessian';
import type { RfTuple } from '../../numerics/weighted-tuples';
import { type FitLimits, maximizeWithCaps } from './log-scale-fit';
import { ModelFitError } from './model-fit-error';
import { paretoNbdScaledLogDied } from './pareto-nbd-died';
import { type ParetoNbdData, paretoNbdLogLikelihoodOf, prepareParetoNbd } from './pareto-nbd-likelihood';

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

/** Optimiser limits (iterations, relative tolerance, time; see FitLimits) and the start. */
export interface ParetoNbdFitOptions extends FitLimits {
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
 * One customer's likelihood bracket (Fader & Hardie 2005, eq. 22), both parts times α^r β^s:
 * "alive at T", ln(α^r β^s (α+T)^-(r+x) (β+T)^-s), and "died between t_x and T" (see
 * {@link paretoNbdScaledLogDied}). Returns the logs of the alive part and of the whole bracket.
 */
function logParts(p: ParetoNbdParams, x: number, tx: number, T: number): { logAlive: number; logBracket: number } {
  const logAlive = -p.r * Math.log1p(T / p.alpha) - x * Math.log(p.alpha + T) - p.s * Math.log1p(T / p.beta);
  return { logAlive, logBracket: logAddExp(paretoNbdScaledLogDied(p, x, tx, T), logAlive) };
}

function checkParams(p: ParetoNbdParams): void {
  if (![p.r, p.alpha, p.s, p.beta].every((v) => Number.isFinite(v) && v > 0)) {
    throw new RangeError(`${MODEL}: parameters must be finite and positive, got ${JSON.stringify(p)}`);
  }
}

/** The weighted Pareto/NBD log-likelihood of `tuples` at `params`; throws (never NaN) where a 2F1 cannot be evaluated. */
export function paretoNbdLogLikelihood(params: ParetoNbdParams, tuples: RfTuple[]): number {
  checkParams(params);
  return paretoNbdLogLikelihoodOf(prepareParetoNbd(tuples), params);
}

/**
 * The weighted log-likelihood and its gradient with respect to (r, α, s, β): analytic, by central
 * differences only where the general 2F1 routes stand in for the series and continued fraction (see
 * pareto-nbd-likelihood.ts).
 */
export function paretoNbdLogLikelihoodGradient(params: ParetoNbdParams, tuples: RfTuple[]): { value: number; gradient: number[] } {
  checkParams(params);
  const gradient = new Float64Array(4);
  const value = paretoNbdLogLikelihoodOf(prepareParetoNbd(tuples), params, gradient);
  return { value, gradient: Array.from(gradient) };
}

/**
 * The largest s the fit considers. On data with little dropout heterogeneity the likelihood keeps
 * rising, ever more slowly, along s, β → ∞ with s/β fixed (μ tends to one rate for everyone): the
 * optimiser would walk off along it until its tolerance stopped it, anywhere. At s = 1e4 the
 * dropout rate's coefficient of variation 1/√s is 1%, and P(alive) and expected transactions are
 * within about 1e-4 (relative) of the limit; s is dimensionless, so the cap holds in any time unit.
 */
export const PARETO_NBD_MAX_S = 1e4;
/**
 * The largest r the fit considers, for the same reason on the other side: on data with little
 * purchase-rate heterogeneity the likelihood keeps rising along r, α → ∞ with r/α fixed (λ tends
 * to one rate for everyone), and the optimiser walked off along it to r ~ 1e15. At r = 1e4 the
 * purchase rate's coefficient of variation is 1%.
 */
export const PARETO_NBD_MAX_R = PARETO_NBD_MAX_S;
/** Both caps, in the fit's coordinates (maximizeWithCaps takes one for all). */
const LOG_MAX_SHAPE = Math.log(PARETO_NBD_MAX_S);

/**
 * The fit's coordinates v = (ln r, ln α/r, ln s, ln β/s) with ln r and ln s clamped at their
 * caps: beyond one the likelihood is that at the cap, flat in v_0 or v_2, so the optimiser moves
 * on in the others (α and β follow at the fitted mean rate r/α and mean lifetime β/s).
 */
function paramsAt(v: number[]): ParetoNbdParams {
  const r = v[0] >= LOG_MAX_SHAPE ? PARETO_NBD_MAX_R : Math.exp(v[0]);
  const s = v[2] >= LOG_MAX_SHAPE ? PARETO_NBD_MAX_S : Math.exp(v[2]);
  return { r, alpha: r * Math.exp(v[1]), s, beta: s * Math.exp(v[3]) };
}

const valid = (p: ParetoNbdParams) => [p.r, p.alpha, p.s, p.beta].every((v) => v > 0 && Number.isFinite(v));

/** ln L at `p`, null where it makes no valid model or a 2F1 is out of reach. */
function logLikelihoodAt(data: ParetoNbdData, p: ParetoNbdParams, gradient: Float64Array | null = null): number | null {
  if (!valid(p)) return null;
  try {
    return paretoNbdLogLikelihoodOf(data, p, gradient);
  } catch {
    return null;
  }
}

/**
 * ln L and its gradient in v; `unclamped` keeps the ln r and ln s components at the caps (for the
 * check that the likelihood still rises there).
 */
function withGradientAt(data: ParetoNbdData, v: number[], unclamped = false): { value: number; gradient: number[] } | null {
  const p = paramsAt(v);
  const g = new Float64Array(4);
  const value = logLikelihoodAt(data, p, g);
  if (value === null) return null;
  // θ ∂/∂θ for each parameter; ln r moves α with it (α = r · e^v1), ln s moves β (β = s · e^v3).
  const [dr, dAlpha, ds, dBeta] = [p.r * g[0], p.alpha * g[1], p.s * g[2], p.beta * g[3]];
  const flat = (i: number) => v[i] > LOG_MAX_SHAPE && !unclamped;
  return { value, gradient: [flat(0) ? 0 : dr + dAlpha, dAlpha, flat(2) ? 0 : ds + dBeta, dBeta] };
}

/** -∂ln L/∂(ln r, ln α, ln s, ln β) at u, null where it makes no valid model. */
function negativeGradientOnLogScale(data: ParetoNbdData, u: number[]): number[] | null {
  const [r, alpha, s, beta] = u.map(Math.exp);
  const g = new Float64Array(4);
  if (logLikelihoodAt(data, { r, alpha, s, beta }, g) === null) return null;
  return [-r * g[0], -alpha * g[1], -s * g[2], -beta * g[3]];
}

/**
 * Fits the Pareto/NBD by maximum likelihood over weighted (x, t_x, T) tuples: BFGS with the
 * gradient of {@link paretoNbdLogLikelihoodGradient}, Nelder-Mead should it stall. The optimiser
 * works on (ln r, ln α/r, ln s, ln β/s), so that the ridges above are one coordinate each, ln r
 * and ln s, bounded by {@link PARETO_NBD_MAX_R} and {@link PARETO_NBD_MAX_S} (α and β follow at
 * the fitted mean rate r/α and mean lifetime β/s). Throws ModelFitError when there is nothing to
 * fit or the optimiser does not converge within its limits (by default 5000 iterations each
 * search and 60 s for the whole fit). At a cap, `standardErrors` is null: the likelihood still
 * rises with r or s there, so it has none.
 */
export function fitParetoNbd(tuples: RfTuple[], options: ParetoNbdFitOptions = {}): ParetoNbdFit {
  const data = prepareParetoNbd(tuples);
  if (data.customers === 0) throw new ModelFitError(MODEL, 'no customers to fit');
  if (!data.groups.some((g) => g.x > 0)) throw new ModelFitError(MODEL, 'no customer has a repeat purchase: the purchase and dropout rates cannot be identified');
  const objective = {
    logLikelihood: (v: number[]) => logLikelihoodAt(data, paramsAt(v)),
    withGradient: (v: number[]) => withGradientAt(data, v),
    unclampedGradient: (v: number[]) => withGradientAt(data, v, true)?.gradient ?? null,
  };
  const meanT = Math.max(data.meanT, 1e-3);
  const start = options.start ?? { r: 1, alpha: meanT, s: 1, beta: meanT };
  const v0 = [Math.log(start.r), Math.log(start.alpha / start.r), Math.log(start.s), Math.log(start.beta / start.s)];
  const optimum = maximizeWithCaps(MODEL, objective, v0, [0, 2], LOG_MAX_SHAPE, options);
  const params = paramsAt(optimum.x);
  // Standard errors on the natural log-parameters; within a Hessian step of a cap, the curvature
  // in r or s is that of the bound, not of the data.
  const u = [Math.log(params.r), Math.log(params.alpha), Math.log(params.s), Math.log(params.beta)];
  const atCap = u[0] > LOG_MAX_SHAPE - 1e-2 || u[2] > LOG_MAX_SHAPE - 1e-2;
  const seLog = atCap ? null : standardErrorsFromGradient((w) => negativeGradientOnLogScale(data, w), u);
  const se = seLog ? logScaleToNatural(u, seLog) : null;
  return {
    params,
    logLikelihood: optimum.logLikelihood,
    iterations: optimum.iterations,
    evaluations: optimum.evaluations,
    converged: true,
    standardErrors: se ? { r: se[0], alpha: se[1], s: se[2], beta: se[3] } : null,
    customers: data.customers,
    distinctTuples: data.distinctTuples,
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

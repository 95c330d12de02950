import { checkedTuple, type RfTuple } from '../../numerics/weighted-tuples';
import { bgnbdAliveExpectation } from './bgnbd-alive-expectation';
import { type FitLimits, fitOnLogScale } from './log-scale-fit';
import { ModelFitError } from './model-fit-error';

// BG/NBD (Fader, Hardie & Lee 2005, "Counting your customers the easy way"): while alive a customer
// buys at rate λ ~ Gamma(r, α) and after each purchase drops out with probability p ~ Beta(a, b).

/** BG/NBD parameters; α is in the time unit of the data. */
export interface BgNbdParams {
  r: number;
  alpha: number;
  a: number;
  b: number;
}

/** A fitted BG/NBD. */
export interface BgNbdFit {
  params: BgNbdParams;
  /** The maximised (weighted) log-likelihood. */
  logLikelihood: number;
  iterations: number;
  evaluations: number;
  converged: boolean;
  /** Asymptotic standard errors (delta method from the log-scale fit); null when the Hessian is not positive definite. */
  standardErrors: BgNbdParams | null;
  /** Sum of the tuple weights. */
  customers: number;
  distinctTuples: number;
}

/** Optimiser limits (iterations, relative tolerance, time; see FitLimits) and the start. */
export interface BgNbdFitOptions extends FitLimits {
  /** Starting values (default r = a = b = 1 and α = mean T). */
  start?: BgNbdParams;
}

const MODEL = 'BG/NBD';

/** The tuples laid out for fast evaluation: distinct T and t_x values, tuples grouped by x. */
interface PreparedData {
  uniqueT: Float64Array;
  uniqueTx: Float64Array;
  groups: XGroup[];
  customers: number;
  distinctTuples: number;
  meanT: number;
}

interface XGroup {
  x: number;
  weight: number;
  tIndex: Int32Array;
  txIndex: Int32Array;
  weights: Float64Array;
}

function prepare(tuples: RfTuple[]): PreparedData {
  const tValues = new Map<number, number>();
  const txValues = new Map<number, number>();
  const indexOf = (map: Map<number, number>, v: number) => {
    let i = map.get(v);
    if (i === undefined) {
      i = map.size;
      map.set(v, i);
    }
    return i;
  };
  const byX = new Map<number, { t: number[]; tx: number[]; w: number[]; weight: number }>();
  let customers = 0;
  let weightedT = 0;
  for (const tuple of tuples) {
    const { x, tx, T, weight } = checkedTuple(MODEL, tuple);
    let group = byX.get(x);
    if (!group) {
      group = { t: [], tx: [], w: [], weight: 0 };
      byX.set(x, group);
    }
    group.t.push(indexOf(tValues, T));
    group.tx.push(indexOf(txValues, tx));
    group.w.push(weight);
    group.weight += weight;
    customers += weight;
    weightedT += weight * T;
  }
  const groups = [...byX.entries()].sort(([p], [q]) => p - q).map(([x, g]) => ({
    x, weight: g.weight, tIndex: Int32Array.from(g.t), txIndex: Int32Array.from(g.tx), weights: Float64Array.from(g.w),
  }));
  return {
    uniqueT: Float64Array.from(tValues.keys()), uniqueTx: Float64Array.from(txValues.keys()), groups, customers,
    distinctTuples: tuples.length, meanT: customers > 0 ? weightedT / customers : 0,
  };
}

/** log(e^u + e^v) without overflow. */
function logAddExp(u: number, v: number): number {
  return u > v ? u + Math.log1p(Math.exp(v - u)) : v + Math.log1p(Math.exp(u - v));
}

/**
 * The weighted log-likelihood of the prepared data (FHL 2005, eq. 6 in logs):
 *   ln L = lnΓ(r+x) - lnΓ(r) + ln B(a, b+x) - ln B(a, b)
 *        + ln[ (α/(α+T))^r (α+T)^-x + δ(x>0) · a/(b+x-1) · (α/(α+t_x))^r (α+t_x)^-x ].
 * The gamma and beta ratios are the products Π_{j<x} (r+j) and Π_{j<x} (b+j)/(a+b+j), summed in
 * logs cumulatively over the ascending distinct x: differences of lnΓ at huge arguments would lose
 * all precision when the fit runs along a ridge (a, b -> ∞ as dropout becomes homogeneous).
 * Logs of α+T and α+t_x are computed once per distinct T and t_x.
 */
function logLikelihoodOf(data: PreparedData, { r, alpha, a, b }: BgNbdParams, scratch: Scratch): number {
  const { logT, log1pT, logTx, log1pTx } = scratch;
  fillAgeTerms(data.uniqueT, alpha, logT, log1pT, null, null);
  fillAgeTerms(data.uniqueTx, alpha, logTx, log1pTx, null, null);
  const logA = Math.log(a);
  let total = 0;
  let j = 0;
  let logRate = 0; // Σ_{j<x} ln(r+j) = lnΓ(r+x) - lnΓ(r)
  let logStay = 0; // Σ_{j<x} ln((b+j)/(a+b+j)) = ln B(a, b+x) - ln B(a, b)
  for (const g of data.groups) {
    for (; j < g.x; j++) {
      logRate += Math.log(r + j);
      logStay += Math.log1p(-a / (a + b + j));
    }
    const x = g.x;
    total += g.weight * (logRate + logStay);
    const { tIndex, txIndex, weights } = g;
    if (x === 0) {
      for (let k = 0; k < weights.length; k++) total -= weights[k] * r * log1pT[tIndex[k]];
      continue;
    }
    const logDropoutOdds = logA - Math.log(b + x - 1);
    for (let k = 0; k < weights.length; k++) {
      const ti = tIndex[k];
      const xi = txIndex[k];
      total += weights[k] * logAddExp(-r * log1pT[ti] - x * logT[ti], logDropoutOdds - r * log1pTx[xi] - x * logTx[xi]);
    }
  }
  return total;
}

interface Scratch {
  logT: Float64Array;
  log1pT: Float64Array;
  logTx: Float64Array;
  log1pTx: Float64Array;
  /** 1/(α+T) and T/(α(α+T)) = -∂ln(1+T/α)/∂α, and the same for t_x (gradient only). */
  invT: Float64Array;
  dT: Float64Array;
  invTx: Float64Array;
  dTx: Float64Array;
}

function scratchFor(data: PreparedData): Scratch {
  const t = () => new Float64Array(data.uniqueT.length);
  const tx = () => new Float64Array(data.uniqueTx.length);
  return { logT: t(), log1pT: t(), logTx: tx(), log1pTx: tx(), invT: t(), dT: t(), invTx: tx(), dTx: tx() };
}

/**
 * ln(α+t) and ln(1+t/α) for each distinct age t (T or t_x) into `log` and `log1p`; with the
 * gradient arrays, also 1/(α+t) and t/(α(α+t)).
 */
function fillAgeTerms(ages: Float64Array, alpha: number, log: Float64Array, log1p: Float64Array, inv: Float64Array | null, d: Float64Array | null): void {
  for (let i = 0; i < ages.length; i++) {
    const t = ages[i];
    log[i] = Math.log(alpha + t);
    log1p[i] = Math.log1p(t / alpha);
    if (inv && d) {
      inv[i] = 1 / (alpha + t);
      d[i] = t / (alpha * (alpha + t));
    }
  }
}

/**
 * The log-likelihood of `logLikelihoodOf` and its gradient with respect to (ln r, ln α, ln a, ln b),
 * in one pass. Per tuple, with ℓ = ln(e^A3 + e^A4) and w3, w4 the shares of the two terms:
 *   ∂ℓ/∂r = -(w3·ln(1+T/α) + w4·ln(1+t_x/α)),  ∂ℓ/∂α = w3·(rT/(α(α+T)) - x/(α+T)) + w4·(same with t_x),
 *   ∂ℓ/∂a = w4/a,  ∂ℓ/∂b = -w4/(b+x-1);
 * the cumulative sums contribute Σ 1/(r+j), Σ -1/(a+b+j) and Σ (1/(b+j) - 1/(a+b+j)).
 */
function valueAndGradientOf(data: PreparedData, { r, alpha, a, b }: BgNbdParams, scratch: Scratch): { value: number; gradient: number[] } {
  const { logT, log1pT, logTx, log1pTx, invT, dT, invTx, dTx } = scratch;
  fillAgeTerms(data.uniqueT, alpha, logT, log1pT, invT, dT);
  fillAgeTerms(data.uniqueTx, alpha, logTx, log1pTx, invTx, dTx);
  const logA = Math.log(a);
  let total = 0;
  let gr = 0;
  let gAlpha = 0;
  let ga = 0;
  let gb = 0;
  let j = 0;
  let logRate = 0;
  let logStay = 0;
  let dRate = 0;
  let dStayA = 0;
  let dStayB = 0;
  for (const g of data.groups) {
    for (; j < g.x; j++) {
      logRate += Math.log(r + j);
      logStay += Math.log1p(-a / (a + b + j));
      dRate += 1 / (r + j);
      dStayA -= 1 / (a + b + j);
      dStayB += 1 / (b + j) - 1 / (a + b + j);
    }
    const x = g.x;
    total += g.weight * (logRate + logStay);
    gr += g.weight * dRate;
    ga += g.weight * dStayA;
    gb += g.weight * dStayB;
    const { tIndex, txIndex, weights } = g;
    if (x === 0) {
      for (let k = 0; k < weights.length; k++) {
        const ti = tIndex[k];
        const w = weights[k];
        total -= w * r * log1pT[ti];
        gr -= w * log1pT[ti];
        gAlpha += w * r * dT[ti];
      }
      continue;
    }
    const logDropoutOdds = logA - Math.log(b + x - 1);
    let sumW4 = 0;
    for (let k = 0; k < weights.length; k++) {
      const ti = tIndex[k];
      const xi = txIndex[k];
      const w = weights[k];
      const a3 = -r * log1pT[ti] - x * logT[ti];
      const a4 = logDropoutOdds - r * log1pTx[xi] - x * logTx[xi];
      let w4: number;
      if (a3 >= a4) {
        const e = Math.exp(a4 - a3);
        total += w * (a3 + Math.log1p(e));
        w4 = e / (1 + e);
      } else {
        const e = Math.exp(a3 - a4);
        total += w * (a4 + Math.log1p(e));
        w4 = 1 / (1 + e);
      }
      const w3 = 1 - w4;
      gr -= w * (w3 * log1pT[ti] + w4 * log1pTx[xi]);
      gAlpha += w * (w3 * (r * dT[ti] - x * invT[ti]) + w4 * (r * dTx[xi] - x * invTx[xi]));
      sumW4 += w * w4;
    }
    ga += sumW4 / a;
    gb -= sumW4 / (b + x - 1);
  }
  return { value: total, gradient: [r * gr, alpha * gAlpha, a * ga, b * gb] };
}

const fromLog = (v: number[]): BgNbdParams => ({ r: Math.exp(v[0]), alpha: Math.exp(v[1]), a: Math.exp(v[2]), b: Math.exp(v[3]) });

/** The weighted BG/NBD log-likelihood of `tuples` at `params`. */
export function bgnbdLogLikelihood(params: BgNbdParams, tuples: RfTuple[]): number {
  const data = prepare(tuples);
  return logLikelihoodOf(data, params, scratchFor(data));
}

/** The weighted log-likelihood and its gradient with respect to (ln r, ln α, ln a, ln b). */
export function bgnbdLogLikelihoodGradient(params: BgNbdParams, tuples: RfTuple[]): { value: number; gradient: number[] } {
  const data = prepare(tuples);
  return valueAndGradientOf(data, params, scratchFor(data));
}

/**
 * Fits the BG/NBD by maximum likelihood over weighted (x, t_x, T) tuples, optimising the
 * log-parameters. Throws ModelFitError when there is nothing to fit or the optimiser does not
 * converge within its limits (by default 5000 iterations and 60 s).
 */
export function fitBgNbd(tuples: RfTuple[], options: BgNbdFitOptions = {}): BgNbdFit {
  const data = prepare(tuples);
  if (data.customers === 0) throw new ModelFitError(MODEL, 'no customers to fit');
  if (!data.groups.some((g) => g.x > 0)) throw new ModelFitError(MODEL, 'no customer has a repeat purchase: the purchase rate and dropout cannot be identified');
  const scratch = scratchFor(data);
  // Parameters that under- or overflow make no valid model.
  const valid = (params: BgNbdParams) => [params.r, params.alpha, params.a, params.b].every((v) => Number.isFinite(v) && v > 0);
  const start = options.start ?? { r: 1, alpha: Math.max(data.meanT, 1e-3), a: 1, b: 1 };
  const fit = fitOnLogScale(MODEL, {
    logLikelihood: (v) => {
      const params = fromLog(v);
      return valid(params) ? logLikelihoodOf(data, params, scratch) : null;
    },
    withGradient: (v) => {
      const params = fromLog(v);
      return valid(params) ? valueAndGradientOf(data, params, scratch) : null;
    },
  }, [Math.log(start.r), Math.log(start.alpha), Math.log(start.a), Math.log(start.b)], options);
  const [r, alpha, a, b] = fit.params;
  const se = fit.standardErrors;
  return {
    params: { r, alpha, a, b },
    logLikelihood: fit.logLikelihood,
    iterations: fit.iterations,
    evaluations: fit.evaluations,
    converged: true,
    standardErrors: se ? { r: se[0], alpha: se[1], a: se[2], b: se[3] } : null,
    customers: data.customers,
    distinctTuples: data.distinctTuples,
  };
}

function checkParams(p: BgNbdParams): void {
  if (![p.r, p.alpha, p.a, p.b].every((v) => Number.isFinite(v) && v > 0)) {
    throw new RangeError(`${MODEL}: parameters must be finite and positive, got ${JSON.stringify(p)}`);
  }
}

/** Clamps a customer's inputs to their valid ranges: x >= 0, 0 <= t_x <= T. */
function customer(x: number, tx: number, T: number): { x: number; tx: number; T: number } {
  const safeT = Number.isFinite(T) && T > 0 ? T : 0;
  const safeX = Number.isFinite(x) && x > 0 ? x : 0;
  return { x: safeX, tx: safeX === 0 ? 0 : Math.min(Math.max(Number.isFinite(tx) ? tx : 0, 0), safeT), T: safeT };
}

/**
 * P(alive | x, t_x, T) = 1 / (1 + δ(x>0) · a/(b+x-1) · ((α+T)/(α+t_x))^(r+x)) (FHL 2005, eq. 13),
 * in logs so that a large x or a long silence gives a value near 0 instead of NaN. 1 for x = 0.
 */
export function bgnbdPAlive(params: BgNbdParams, x: number, tx: number, T: number): number {
  checkParams(params);
  const c = customer(x, tx, T);
  if (c.x === 0) return 1;
  const { r, alpha, a, b } = params;
  const logOdds = Math.log(a) - Math.log(b + c.x - 1) + (r + c.x) * Math.log1p((c.T - c.tx) / (alpha + c.tx));
  // 1/(1+e^u) written so that neither branch overflows.
  return logOdds > 0 ? Math.exp(-logOdds) / (1 + Math.exp(-logOdds)) : 1 / (1 + Math.exp(logOdds));
}

/**
 * E[X(T, T+t) | x, t_x, T]: expected transactions in the next t (FHL 2005, eq. 10), computed as
 * P(alive) × the expectation of a customer known to be alive (see bgnbd-hyp2f1.ts). Finite and >= 0.
 */
export function bgnbdExpectedTransactions(params: BgNbdParams, x: number, tx: number, T: number, t: number): number {
  checkParams(params);
  if (!(t > 0)) return 0;
  const c = customer(x, tx, T);
  const horizon = Number.isFinite(t) ? t : Number.MAX_VALUE;
  const logOneMinusZ = -Math.log1p(horizon / (params.alpha + c.T));
  const alive = bgnbdAliveExpectation(params.r, params.a, params.b, c.x, logOneMinusZ);
  return alive * bgnbdPAlive(params, c.x, c.tx, c.T);
}

/** E[X(t)] for a customer just acquired (FHL 2005, eq. 9): the x = 0, T = 0 case of the conditional expectation. */
export function bgnbdExpectedTransactionsUnconditional(params: BgNbdParams, t: number): number {
  return bgnbdExpectedTransactions(params, 0, 0, 0, t);
}

import { checkedTuple, type RfTuple } from '../../numerics/weighted-tuples';
import { paretoNbdA0Term, paretoNbdScaledLogDied, paretoNbdScaledLogDiedBySeries, SERIES_MAX_RATIO } from './pareto-nbd-died';
import type { ParetoNbdParams } from './pareto-nbd.model';
import { AGE_STRIDE, fillAgeTerms, scaledLogTailFromAgeTerms } from './pareto-nbd-tail';

// The weighted Pareto/NBD log-likelihood and its gradient over prepared tuples. Per customer, with
// the factor α^r β^s taken into both parts of the bracket (Fader & Hardie 2005, eq. 22),
//   ln L = ln Γ(r+x)/Γ(r) + ln(e^a + e^d),
//   a = ln(α^r β^s (α+T)^-(r+x) (β+T)^-s) = -r ln(1+T/α) - x ln(α+T) - s ln(1+T/β)   (alive at T),
//   d = ln(α^r β^s D)                                                                (died unseen),
// d from the tail integrals φ(t_x), φ(T) of pareto-nbd-tail.ts, or by the series in (α+τ)/(β-α) of
// pareto-nbd-died.ts on the s, β → ∞ ridge. What depends on an age y (a t_x or a T) alone is
// computed once per distinct age, φ once per distinct (x, y), Γ(r+x)/Γ(r) cumulatively over the
// ascending x.

const MODEL = 'Pareto/NBD';
// Local bindings of what the loops below call per age or per tuple: under tsx and vitest an
// imported binding is a getter, read again on every call (about a tenth of an evaluation).
const STRIDE = AGE_STRIDE;
const ageTermsOf = fillAgeTerms;
const tailFrom = scaledLogTailFromAgeTerms;
const ridgeSeries = paretoNbdScaledLogDiedBySeries;
/**
 * Relative step of the central differences used where no analytic derivative is at hand (the 2F1
 * routes, accurate to about 1e-11: smaller steps would difference their rounding).
 */
const DIFFERENCE_STEP = 1e-4;

/** Tuples grouped by x, each group with its distinct t_x and T values ("ages" y). */
interface XGroup {
  x: number;
  weight: number;
  /** The group's distinct ages, as indices among the data's distinct ages; each tuple points at its t_x and its T among them. */
  ages: Int32Array;
  txIndex: Int32Array;
  tIndex: Int32Array;
  tx: Float64Array;
  T: Float64Array;
  weights: Float64Array;
}

/** Tuples laid out for repeated evaluation, with the scratch space the evaluation fills. */
export interface ParetoNbdData {
  groups: XGroup[];
  /** Every distinct t_x and T. */
  ages: Float64Array;
  customers: number;
  distinctTuples: number;
  /** Weighted mean T. */
  meanT: number;
  scratch: Scratch;
}

interface Scratch {
  /** Per distinct age, its terms (see fillAgeTerms). */
  ageTerms: Float64Array;
  /** Per distinct age of the current group: φ and its four derivatives. */
  phi: Float64Array;
  /** Which φ of the current group are filled (a stamp per evaluation and group). */
  stamp: Int32Array;
  stampNow: number;
  tail: Float64Array;
  died: Float64Array;
}

/** Validates and groups the tuples; throws a RangeError on an invalid one. t_x is kept within [0, T] (0 when x = 0). */
export function prepareParetoNbd(tuples: RfTuple[]): ParetoNbdData {
  const ageIndex = new Map<number, number>();
  const byX = new Map<number, { local: Map<number, number>; tx: number[]; T: number[]; w: number[]; weight: number }>();
  let customers = 0;
  let weightedT = 0;
  const indexOf = (map: Map<number, number>, v: number) => {
    let i = map.get(v);
    if (i === undefined) map.set(v, (i = map.size));
    return i;
  };
  for (const t of tuples) {
    const { x, tx, T, weight } = checkedTuple(MODEL, t);
    let group = byX.get(x);
    if (!group) byX.set(x, (group = { local: new Map(), tx: [], T: [], w: [], weight: 0 }));
    indexOf(ageIndex, tx);
    indexOf(ageIndex, T);
    group.tx.push(tx);
    group.T.push(T);
    group.w.push(weight);
    group.weight += weight;
    customers += weight;
    weightedT += weight * T;
  }
  let largestGroup = 0;
  const groups = [...byX.entries()].sort(([p], [q]) => p - q).map(([x, g]): XGroup => {
    // Local indices, so that a group's φ cache is as small as its distinct ages.
    const txIndex = Int32Array.from(g.tx, (v) => indexOf(g.local, v));
    const tIndex = Int32Array.from(g.T, (v) => indexOf(g.local, v));
    largestGroup = Math.max(largestGroup, g.local.size);
    return {
      x, weight: g.weight, ages: Int32Array.from(g.local.keys(), (v) => ageIndex.get(v) ?? 0), txIndex, tIndex,
      tx: Float64Array.from(g.tx), T: Float64Array.from(g.T), weights: Float64Array.from(g.w),
    };
  });
  const ages = Float64Array.from(ageIndex.keys());
  return {
    groups, ages, customers, distinctTuples: tuples.length, meanT: customers > 0 ? weightedT / customers : 0,
    scratch: {
      ageTerms: new Float64Array(AGE_STRIDE * ages.length), phi: new Float64Array(5 * largestGroup), stamp: new Int32Array(largestGroup),
      stampNow: 0, tail: new Float64Array(5), died: new Float64Array(4),
    },
  };
}

const PARAMS = ['r', 'alpha', 's', 'beta'] as const;

/** log(e^u + e^v) without overflow, for finite u. */
function logAddExp(u: number, v: number): number {
  return u > v ? u + Math.log1p(Math.exp(v - u)) : v + Math.log1p(Math.exp(u - v));
}

/**
 * out[offset + i] = ∂f/∂θ_i for θ = (r, α, s, β), by central differences with a relative step:
 * f is smooth and of moderate size (the scaled logs), so the error is about 1e-7 relative.
 */
function centralDifferences(f: (q: ParetoNbdParams) => number, p: ParetoNbdParams, out: Float64Array, offset: number): void {
  for (let i = 0; i < 4; i++) {
    const key = PARAMS[i];
    const h = DIFFERENCE_STEP * p[key];
    const up = f({ ...p, [key]: p[key] + h });
    const down = f({ ...p, [key]: p[key] - h });
    if (!(Number.isFinite(up) && Number.isFinite(down))) throw new RangeError(`${MODEL}: no finite derivative at ${JSON.stringify(p)}`);
    out[offset + i] = (up - down) / (2 * h);
  }
}

/** φ of group x at its local age i (global age `age`), with its gradient when asked, into scratch.phi at 5i. */
function fillPhi(p: ParetoNbdParams, x: number, data: ParetoNbdData, age: number, i: number, gradient: boolean): void {
  const { phi, tail, ageTerms } = data.scratch;
  if (!tailFrom(p, x, ageTerms, STRIDE * age, tail, gradient)) {
    // z within about 1e-7 of 1: the 2F1 routes, and differences of them for the gradient.
    const y = data.ages[age];
    const viaA0 = (q: ParetoNbdParams) => paretoNbdA0Term(q, x, y) - Math.log(q.r + q.s + x) + q.r * Math.log(q.alpha) + q.s * Math.log(q.beta);
    tail[0] = viaA0(p);
    if (gradient) centralDifferences(viaA0, p, tail, 1);
  }
  const n = gradient ? 5 : 1;
  for (let j = 0; j < n; j++) phi[5 * i + j] = tail[j];
}

/**
 * The weighted log-likelihood at `p`; with `gradient` (length 4), also its derivatives with respect
 * to (r, α, s, β), written there. Per customer, with w_d = e^d / (e^a + e^d):
 *   ∂ln L = ∂ln Γ(r+x)/Γ(r) + (1 - w_d) ∂a + w_d ∂d,
 *   ∂a/∂r = -ln(1+T/α), ∂a/∂α = rT/(α(α+T)) - x/(α+T), ∂a/∂s = -ln(1+T/β), ∂a/∂β = sT/(β(β+T)),
 *   ∂d = ∂ln s + (∂φ(t_x) - q ∂φ(T)) / (1 - q), q = e^(φ(T) - φ(t_x)),
 * and, on the ridge, ∂d from the series' own derivatives. Throws (never NaN) where a 2F1 cannot
 * be evaluated.
 */
export function paretoNbdLogLikelihoodOf(data: ParetoNbdData, p: ParetoNbdParams, gradient: Float64Array | null = null): number {
  const { r, alpha, s, beta } = p;
  const { scratch } = data;
  const { ageTerms, phi, stamp, died } = scratch;
  const withGradient = gradient !== null;
  for (let i = 0; i < data.ages.length; i++) ageTermsOf(p, data.ages[i], ageTerms, STRIDE * i);
  const logS = Math.log(s);
  // The series on the ridge needs (α+T)/(β-α) small, i.e. T at most this (a first filter; see paretoNbdScaledLogDiedBySeries).
  const seriesUpTo = beta > alpha ? SERIES_MAX_RATIO * (beta - alpha) - alpha : -Infinity;
  let total = 0;
  let gr = 0;
  let gAlpha = 0;
  let gs = 0;
  let gBeta = 0;
  let j = 0;
  let logRate = 0; // Σ_{j<x} ln(r+j) = ln Γ(r+x)/Γ(r)
  let dRate = 0;
  for (const g of data.groups) {
    const x = g.x;
    for (; j < x; j++) {
      logRate += Math.log(r + j);
      dRate += 1 / (r + j);
    }
    total += g.weight * logRate;
    gr += g.weight * dRate;
    scratch.stampNow += 1;
    const now = scratch.stampNow;
    const { ages, txIndex, tIndex, tx: txs, T: Ts, weights } = g;
    for (let k = 0; k < weights.length; k++) {
      const iTx = txIndex[k];
      const iT = tIndex[k];
      const o = STRIDE * ages[iT];
      const T = Ts[k];
      const tx = txs[k];
      // ln(1+T/α), ln(α+T), ln(1+T/β) at o+2, o, o+3.
      const a = -r * ageTerms[o + 2] - x * ageTerms[o] - s * ageTerms[o + 3];
      // ln(e^a + e^d) and the share w_d of the died part; d = -∞ (nothing silent) leaves a and 0.
      let logBracket = a;
      let wDied = 0;
      if (T > tx) {
        const series = T <= seriesUpTo ? ridgeSeries(p, x, tx, T, gradient && died) : null;
        if (series !== null) {
          logBracket = logAddExp(a, series);
          wDied = Math.exp(series - logBracket);
          // Where the series' derivatives are out of reach (rare), differences of d.
          if (withGradient && Number.isNaN(died[0])) centralDifferences((q) => paretoNbdScaledLogDied(q, x, tx, T), p, died, 0);
        } else {
          if (stamp[iTx] !== now) {
            fillPhi(p, x, data, ages[iTx], iTx, withGradient);
            stamp[iTx] = now;
          }
          if (stamp[iT] !== now) {
            fillPhi(p, x, data, ages[iT], iT, withGradient);
            stamp[iT] = now;
          }
          const phiTx = phi[5 * iTx];
          const gap = phi[5 * iT] - phiTx;
          // d = ln s + φ(t_x) + ln(1 - e^gap) (paretoNbdScaledLogDiedFromTails); rounding can make gap vanish.
          if (gap < 0) {
            const oneMinusQ = -Math.expm1(gap);
            // ln(e^a + e^d) = ln s + φ(t_x) + ln(e^u + 1 - q), u = a - ln s - φ(t_x): one exp and one
            // log instead of two of each, where e^u cannot overflow.
            const u = a - logS - phiTx;
            if (u < 700) {
              const eu = Math.exp(u);
              logBracket = logS + phiTx + Math.log(eu + oneMinusQ);
              wDied = oneMinusQ / (eu + oneMinusQ);
            } else {
              const d = logS + phiTx + Math.log(oneMinusQ);
              logBracket = logAddExp(a, d);
              wDied = Math.exp(d - logBracket);
            }
            if (withGradient) {
              const q = 1 - oneMinusQ;
              for (let i = 0; i < 4; i++) died[i] = (phi[5 * iTx + 1 + i] - q * phi[5 * iT + 1 + i]) / oneMinusQ;
              died[2] += 1 / s;
            }
          }
        }
      }
      const w = weights[k];
      total += w * logBracket;
      if (!withGradient) continue;
      // T/(α(α+T)), 1/(α+T), T/(β(β+T)) at o+6, o+4, o+7.
      const wAlive = w * (1 - wDied);
      gr -= wAlive * ageTerms[o + 2];
      gAlpha += wAlive * (r * ageTerms[o + 6] - x * ageTerms[o + 4]);
      gs -= wAlive * ageTerms[o + 3];
      gBeta += wAlive * s * ageTerms[o + 7];
      if (wDied > 0) {
        const wd = w * wDied;
        gr += wd * died[0];
        gAlpha += wd * died[1];
        gs += wd * died[2];
        gBeta += wd * died[3];
      }
    }
  }
  if (gradient) {
    gradient[0] = gr;
    gradient[1] = gAlpha;
    gradient[2] = gs;
    gradient[3] = gBeta;
  }
  if (!Number.isFinite(total)) throw new RangeError(`${MODEL}: the log-likelihood is not finite at ${JSON.stringify(p)}`);
  return total;
}

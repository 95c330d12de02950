// The Gauss series Σ (A)_k (B)_k / ((C)_k k!) x^k, summed with rescaling, a proven tail bound and an
// error estimate, plus a cheap estimate of how many terms it needs.
import type { SignedLog } from './signed-log-gamma';

/** A value as log-magnitude and sign, with an estimate of its relative error. */
export interface Estimate extends SignedLog {
  relError: number;
}

/** Machine epsilon. */
export const EPS = 2 ** -52;
/** The hard limit on the terms of one series. */
export const MAX_TERMS = 200_000;
/** Terms above this are rescaled, so sums of huge terms never overflow. */
const RESCALE_ABOVE = 1e150;
const LOG_RESCALE = Math.log(RESCALE_ABOVE);

/**
 * Sums terms in a rescaled frame (value = sum · e^scaleLog), so that sums of huge terms never
 * overflow. `term` is a running product of ratios; the value added may be it times a factor.
 */
export class ScaledSum {
  term: number;
  sum: number;
  absSum: number;
  /** Σ of the absolute rounding errors declared for the terms, in the same frame. */
  errorSum = 0;
  scaleLog = 0;

  /** Starts with running term `firstTerm` and sum `firstValue` (by default both 1). */
  constructor(firstTerm = 1, firstValue = firstTerm) {
    this.term = firstTerm;
    this.sum = firstValue;
    this.absSum = Math.abs(firstValue);
  }

  /** Multiplies the running term by `ratio` and adds it; returns the new term (in the frame). */
  next(ratio: number): number {
    this.term *= ratio;
    this.add(this.term);
    return this.term;
  }

  /** Multiplies the running term by `ratio` without adding it (for terms that are the running term times a factor). */
  advance(ratio: number): number {
    this.term *= ratio;
    return this.term;
  }

  /** Adds one value (in the frame) with an optional absolute error of its own. */
  add(value: number, absError = 0): void {
    this.sum += value;
    this.absSum += Math.abs(value);
    this.errorSum += absError;
    if (this.absSum > RESCALE_ABOVE) {
      this.term /= RESCALE_ABOVE;
      this.sum /= RESCALE_ABOVE;
      this.absSum /= RESCALE_ABOVE;
      this.errorSum /= RESCALE_ABOVE;
      this.scaleLog += LOG_RESCALE;
    }
  }

  /** The sum as a signed log; relative error from the rounding of `terms` products, cancellation and declared errors. */
  result(terms: number): Estimate {
    const sign = this.sum > 0 ? 1 : this.sum < 0 ? -1 : 0;
    if (sign === 0) return { logAbs: -Infinity, sign, relError: Infinity };
    const magnitude = Math.abs(this.sum);
    return {
      logAbs: Math.log(magnitude) + this.scaleLog,
      sign,
      relError: (this.absSum / magnitude) * EPS * (2 + 3 * Math.sqrt(terms)) + this.errorSum / magnitude,
    };
  }
}

/** The first index from which A + j, B + j, C + j and 1 + j are all positive. */
function positiveFrom(a: number, b: number, c: number): number {
  return Math.max(0, Math.floor(-a) + 1, Math.floor(-b) + 1, Math.floor(-c) + 1);
}

/**
 * A bound on |ratio_j| = |(A+j)(B+j) / ((C+j)(1+j))| · |x| for every j ≥ k, valid once k is past
 * `positiveFrom`: (A+j)(B+j)/((C+j)(1+j)) - 1 = (d j + e) / ((C+j)(1+j)) with d = A+B-C-1, e = AB-C;
 * for j ≥ k the d part is at most max(d, 0)/(C+k) and the e part at most max(e, 0)/((C+k)(1+k)).
 */
function ratioBound(a: number, b: number, c: number, x: number, k: number): number {
  const d = a + b - c - 1;
  const e = a * b - c;
  return Math.abs(x) * (1 + Math.max(d, 0) / (c + k) + Math.max(e, 0) / ((c + k) * (1 + k)));
}

/**
 * Sums the Gauss series of 2F1(A, B; C; x) for |x| < 1 (or a terminating one), stopping when the
 * proven bound on the tail is below machine precision relative to the sum. Throws when it needs
 * more than `maxTerms` terms. C must not be a pole (0, -1, ...) reached before the series ends.
 */
export function gaussSeries(a: number, b: number, c: number, x: number, maxTerms = MAX_TERMS): Estimate {
  const sum = new ScaledSum();
  const from = positiveFrom(a, b, c);
  for (let k = 0; k < maxTerms; k++) {
    const numerator = (a + k) * (b + k);
    if (numerator === 0) return sum.result(k + 1); // a terminating series (A or B a non-positive integer)
    const ratio = (numerator / ((c + k) * (k + 1))) * x;
    if (!Number.isFinite(ratio)) throw new RangeError(`hyp2f1: the series of 2F1(${a}, ${b}; ${c}; ${x}) meets a pole of its denominator`);
    const term = sum.next(ratio);
    if (term === 0) return sum.result(k + 1); // underflow: what is left is below every double
    if (k + 1 >= from) {
      const bound = ratioBound(a, b, c, x, k + 1);
      // Relative to the sum, or to the terms' size when they cancel (then relError says so).
      const scale = Math.max(Math.abs(sum.sum), EPS * sum.absSum);
      if (bound < 1 && (Math.abs(term) * bound) / (1 - bound) <= EPS * 0.5 * scale) return sum.result(k + 1);
    }
  }
  throw new RangeError(`hyp2f1: the series of 2F1(${a}, ${b}; ${c}; ${x}) did not converge within ${maxTerms} terms`);
}

/**
 * About how many terms `gaussSeries` needs: past the index where |ratio| falls below 1 the terms
 * shrink by roughly x (1 + d/k) each, d = A + B - C - 1, until they are 1e-17 of the largest.
 * A terminating series needs its degree. Used only to choose between transformations.
 */
export function estimateTerms(a: number, b: number, c: number, x: number): number {
  const aEnds = a <= 0 && Number.isInteger(a);
  const bEnds = b <= 0 && Number.isInteger(b);
  if (aEnds || bEnds) return 1 + Math.min(aEnds ? -a : Infinity, bEnds ? -b : Infinity);
  const ax = Math.abs(x);
  if (ax === 0) return 1;
  if (ax >= 1) return Infinity;
  // Where (A+k)(B+k)|x| = (C+k)(1+k): (1-|x|) k² + (C + 1 - (A+B)|x|) k + C - AB|x| = 0.
  const qa = 1 - ax;
  const qb = c + 1 - (a + b) * ax;
  const qc = c - a * b * ax;
  const disc = qb * qb - 4 * qa * qc;
  const peak = Math.max(positiveFrom(a, b, c), disc > 0 ? (-qb + Math.sqrt(disc)) / (2 * qa) : 0);
  const d = a + b - c - 1;
  // Solve M ln|x| + d ln((peak + M) / peak) = ln 1e-17 for M by a few fixed-point steps.
  const target = 39;
  let extra = target / -Math.log(ax);
  for (let i = 0; i < 4; i++) extra = Math.max(1, (target + d * Math.log((peak + 1 + extra) / (peak + 1))) / -Math.log(ax));
  return Math.ceil(peak + extra);
}

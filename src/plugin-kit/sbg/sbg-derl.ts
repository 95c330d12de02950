// Discounted expected (residual) lifetimes of contractual customers under the sBG model
// (Fader & Hardie 2010, "Customer-base valuation in a contractual setting: the perils of ignoring
// heterogeneity", Marketing Science 29(1)).
import { hyp2f1 } from '../../numerics/hyp2f1';
import { assertSbgParams, type SbgParams } from './sbg.model';

/** Terms the fallback series may sum before it settles for its proven error bound. */
const MAX_TERMS = 2_000_000;
const RELATIVE_TOLERANCE = 1e-15;

function assertInputs(p: SbgParams, d: number, n: number): void {
  assertSbgParams(p);
  if (!(d > 0) || !Number.isFinite(d)) throw new RangeError(`the discount rate must be finite and > 0, got ${d}`);
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`the number of renewals must be an integer >= 0, got ${n}`);
}

/**
 * Σ_{k>=0} z^k Π_{j=0..k} (b + j) / (c + j) for 0 < z < 1 and 0 < b < c: the sum of discounted
 * survival probabilities, term by term. Each term is below z times the one before, so the tail
 * after a term t is at most t z / (1 - z); summing stops once that is negligible.
 */
function discountedSurvivalSum(b: number, c: number, z: number): number {
  let term = b / c;
  let sum = term;
  const tailFactor = z / (1 - z);
  for (let k = 1; k < MAX_TERMS && term * tailFactor > RELATIVE_TOLERANCE * sum; k++) {
    term *= (z * (b + k)) / (c + k);
    sum += term;
  }
  return sum;
}

/** (b / c) · 2F1(1, b + 1; c + 1; z), or null where hyp2f1 gives up (it throws rather than lose accuracy). */
function closedForm(b: number, c: number, z: number): number | null {
  try {
    const value = (b / c) * hyp2f1(1, b + 1, c + 1, z);
    return Number.isFinite(value) ? value : null;
  } catch (e) {
    if (e instanceof RangeError) return null;
    throw e;
  }
}

/**
 * DERL, the discounted expected residual lifetime of a customer who has made n renewals, measured
 * just before the next renewal decision: Σ_{k>=0} P(T > n + k + 1 | T > n) / (1 + d)^k, the number
 * of further renewals (each paying one period's margin) weighted by their probability and
 * discounted at d per period, the next one undiscounted. Closed form (Fader & Hardie 2010):
 *
 *   DERL(d | α, β, n) = (β + n) / (α + β + n) · 2F1(1, β + n + 1; α + β + n + 1; 1 / (1 + d)).
 *
 * Always finite and within (0, (1 + d) / d] for d > 0. CLV = margin per period × DERL.
 */
export function sbgDerl(p: SbgParams, d: number, n: number): number {
  assertInputs(p, d, n);
  const z = 1 / (1 + d);
  const b = p.beta + n;
  const c = p.alpha + p.beta + n;
  const bound = (1 + d) / d;
  const closed = closedForm(b, c, z);
  // Every term is positive and below the matching z^k, so anything outside (0, bound] is a numerical failure.
  if (closed !== null && closed > 0 && closed <= bound * (1 + 1e-12)) return Math.min(closed, bound);
  return Math.min(discountedSurvivalSum(b, c, z), bound);
}

/**
 * DEL, the discounted expected lifetime of a customer at acquisition, the first payment included:
 * Σ_{t>=0} S(t) / (1 + d)^t = 2F1(1, β; α + β; 1 / (1 + d)) = 1 + DERL(d, 0) / (1 + d).
 */
export function sbgDel(p: SbgParams, d: number): number {
  return 1 + sbgDerl(p, d, 0) / (1 + d);
}

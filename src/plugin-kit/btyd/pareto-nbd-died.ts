import { expm1OverX } from '../../numerics/digamma';
import { logHyp2f1 } from '../../numerics/hyp2f1';
import type { ParetoNbdParams } from './pareto-nbd.model';
import { paretoNbdScaledLogTail } from './pareto-nbd-tail';

// The "died unseen between t_x and T" part of a Pareto/NBD customer's likelihood bracket:
//   D = s ∫_{t_x}^T (α+τ)^-(r+x) (β+τ)^-(s+1) dτ
// (λ and μ integrated out of λ^x e^-λτ · μ e^-μτ), which Fader & Hardie (2005, eq. 22) write as
// s/(r+s+x) · A0 with A0 a difference of two 2F1 terms. Where β - α is large next to α + T (little
// dropout heterogeneity, the s, β → ∞ ridge) the two 2F1 terms share a large y-independent part
// that cancels, costing digits and time; a series in (α+τ)/(β-α) has neither problem there.
// The likelihood and P(alive) use the "scaled" ln(α^r β^s D), the form in which the large s ln β
// and -(s+1) ln(β-α) of the ridge meet as -s ln(1 - α/β) instead of cancelling.

const EPS = 2 ** -52;
/** The series is used only while (α+T)/(β-α) is at most this: its terms then shrink at least this fast. */
export const SERIES_MAX_RATIO = 0.5;
const SERIES_MAX_TERMS = 500;
/**
 * Nor beyond this (s+1)(α+T)/(β-α): the terms grow to about e^((s+1)v) and cancel to about
 * e^-((s+1)v), more than SERIES_MAX_CANCELLATION allows.
 */
const SERIES_MAX_SPREAD = 8;
/** Σ|terms| / |Σ terms| above this falls back to the 2F1 form (about 3 digits lost at most). */
const SERIES_MAX_CANCELLATION = 1e3;

/**
 * ln[(α+y)^-(r+s+x) 2F1(r+s+x, s+1; r+s+x+1; (α-β)/(α+y))] when α ≥ β, and
 * ln[(β+y)^-(r+s+x) 2F1(r+s+x, r+x; r+s+x+1; (β-α)/(β+y))] when α < β: the two branches of
 * Fader & Hardie's A0 term, each with 0 ≤ z < 1, so the 2F1 converges. A0 = A0term(t_x) - A0term(T).
 */
export function paretoNbdA0Term(p: ParetoNbdParams, x: number, y: number): number {
  const { r, alpha, s, beta } = p;
  const a = r + s + x;
  if (alpha >= beta) return logHyp2f1(a, s + 1, a + 1, (alpha - beta) / (alpha + y)) - a * Math.log(alpha + y);
  return logHyp2f1(a, r + x, a + 1, (beta - alpha) / (beta + y)) - a * Math.log(beta + y);
}

const tailOut = new Float64Array(1);

/**
 * φ(y) = ln(α^r β^s F(y)), F(y) = ∫_y^∞ (α+τ)^-(r+x) (β+τ)^-(s+1) dτ = A0term(y) / (r+s+x): by the
 * series or continued fraction of pareto-nbd-tail.ts, else by the 2F1 routes. Throws (never NaN)
 * where a 2F1 cannot be evaluated.
 */
export function paretoNbdScaledLogTailValue(p: ParetoNbdParams, x: number, y: number): number {
  if (paretoNbdScaledLogTail(p, x, y, tailOut, false)) return tailOut[0];
  return paretoNbdA0Term(p, x, y) - Math.log(p.r + p.s + x) + p.r * Math.log(p.alpha) + p.s * Math.log(p.beta);
}

/**
 * ln D from the 2F1 form, D = s/(r+s+x) · A0, every 2F1 by the general routes (the reference the
 * faster forms are checked against); -Infinity where the two round equal (D is then below what
 * they resolve).
 */
export function paretoNbdLogDiedFromA0(p: ParetoNbdParams, x: number, tx: number, T: number): number {
  const atTx = paretoNbdA0Term(p, x, tx);
  // A0 = e^atTx (1 - e^(atT - atTx)); rounding can make the difference vanish, never negative.
  const gap = paretoNbdA0Term(p, x, T) - atTx;
  if (!(gap < 0)) return -Infinity;
  return Math.log(p.s / (p.r + p.s + x)) + atTx + Math.log(-Math.expm1(gap));
}

/**
 * ln D by the series, or null outside its domain. Expanding (β+τ)^-(s+1) = (β-α)^-(s+1)
 * (1 + (α+τ)/(β-α))^-(s+1) binomially and integrating term by term, with k = r + x,
 * v = (α+T)/(β-α), ρ = (α+t_x)/(α+T), L = -ln ρ and m = n + 1 - k:
 *   ∫_{t_x}^T (α+τ)^(n-k) dτ = ((α+T)^m - (α+t_x)^m) / m = (β-α)^n v^-n (α+t_x)^(1-k) (ρ^(k-1) - ρ^n) / m,
 *   D = s (β-α)^-(s+1) (α+t_x)^(1-k) L · Σ_n (-1)^n (s+1)_n / n! · v^n · g_n,  g_n = (ρ^(k-1) - ρ^n) / (m L),
 * each ρ^n one multiplication from the last; near m = 0, g_n = ρ^(k-1) expm1(-mL)/(-mL), as the
 * difference would lose digits. As ∫(α+τ)^(n+1-k) ≤ (α+T) ∫(α+τ)^(n-k), |term_(n+1) / term_n| ≤
 * (s+1+n)/(n+1) · v, which decreases to v ≤ 1/2: the tail after a term is at most the term times
 * that bound over one minus it. Null when β ≤ α, v > 1/2, (s+1)v is large (the alternating terms
 * would cancel), or they did cancel too much.
 */
export function paretoNbdLogDiedBySeries(p: ParetoNbdParams, x: number, tx: number, T: number): number | null {
  const scaled = paretoNbdScaledLogDiedBySeries(p, x, tx, T);
  return scaled === null ? null : scaled - p.r * Math.log(p.alpha) - p.s * Math.log(p.beta);
}

/**
 * (e^y - 1 - y) / y², the slope of expm1(y)/y over y, continuous through y = 0 (where it is 1/2);
 * by its Taylor series Σ y^j / (j+2)! where the difference would lose digits.
 */
function expm1OverXSlope(y: number): number {
  if (Math.abs(y) >= 0.5) return (Math.expm1(y) - y) / (y * y);
  let term = 0.5;
  let sum = term;
  for (let j = 1; j < 20 && Math.abs(term) > EPS * sum; j++) {
    term *= y / (j + 2);
    sum += term;
  }
  return sum;
}

const sums = new Float64Array(3);

/**
 * Σ_n (-1)^n (e)_n / n! · v^n · g_n(k) of {@link paretoNbdLogDiedBySeries} (there e = s + 1) into
 * out[0] and, when `derivatives`, its derivatives with respect to k and e into out[1], out[2]:
 *   ∂g_n/∂k = (g_n - ρ^(k-1)) / m, near m = 0 -ρ^(k-1) L (e^y - 1 - y)/y² at y = -mL,
 *   ∂/∂e of (e)_n = (e)_n Σ_{j<n} 1/(e+j).
 * False when it does not converge, is not positive or cancels beyond SERIES_MAX_CANCELLATION.
 */
function ridgeSum(k: number, e: number, v: number, L: number, derivatives: boolean, out: Float64Array): boolean {
  const rho = Math.exp(-L);
  const rhoK = Math.exp(-(k - 1) * L);
  if (!Number.isFinite(rhoK)) return false;
  let coefficient = 1;
  let rhoN = 1;
  let sum = 0;
  let absSum = 0;
  let byK = 0;
  let byE = 0;
  let harmonic = 0;
  for (let n = 0; n < SERIES_MAX_TERMS; n++) {
    if (n > 0) {
      coefficient *= -((e + n - 1) / n) * v;
      rhoN *= rho;
      if (derivatives) harmonic += 1 / (e + n - 1);
    }
    const m = n + 1 - k;
    const y = -m * L;
    const small = Math.abs(y) < 0.5;
    const g = small ? rhoK * expm1OverX(y) : (rhoK - rhoN) / (m * L);
    const term = coefficient * g;
    sum += term;
    absSum += Math.abs(term);
    if (derivatives) {
      byK += coefficient * (small ? -rhoK * L * expm1OverXSlope(y) : (g - rhoK) / m);
      byE += term * harmonic;
    }
    const ratio = ((e + n) / (n + 1)) * v;
    if (n > 0 && ratio < 1 && (Math.abs(term) * ratio) / (1 - ratio) <= 0.5 * EPS * Math.abs(sum)) {
      if (!(sum > 0) || absSum / sum > SERIES_MAX_CANCELLATION) return false;
      out[0] = sum;
      out[1] = byK;
      out[2] = byE;
      return true;
    }
  }
  return false;
}

/**
 * ln(α^r β^s D) by the series of {@link paretoNbdLogDiedBySeries}, or null outside its domain:
 * (β-α)^-(s+1) β^s = (1 - α/β)^-s / (β-α) and (α+t_x)^(1-k) α^r = (1 + t_x/α)^-r (α+t_x)^(1-x).
 * With `gradient`, also its derivatives with respect to (r, α, s, β) there, NaN in gradient[0]
 * where they are out of the series' reach. Writing J(k, e) = ∫_{t_x}^T (α+τ)^-k (β+τ)^-e dτ
 * = (β-α)^-e (α+t_x)^(1-k) L Σ(k, e) (so D = s J(k, s+1)), and σ for Σ's log-derivatives:
 *   ∂/∂r = -ln(1+t_x/α) + σ_k,   ∂/∂s = 1/s - ln(1-α/β) + σ_e,
 *   ∂/∂α = r/α - k J(k+1, s+1)/J(k, s+1) = r/α - k Σ(k+1, s+1) / (Σ(k, s+1) (α+t_x)),
 *   ∂/∂β = s/β - (s+1) J(k, s+2)/J(k, s+1) = s/β - (s+1) Σ(k, s+2) / (Σ(k, s+1) (β-α)),
 * the last two as ∂/∂α (α+τ)^-k = -k (α+τ)^-(k+1), ∂/∂β (β+τ)^-(s+1) = -(s+1) (β+τ)^-(s+2).
 */
export function paretoNbdScaledLogDiedBySeries(p: ParetoNbdParams, x: number, tx: number, T: number, gradient: Float64Array | null = null): number | null {
  const { r, alpha, s, beta } = p;
  if (!(beta > alpha)) return null;
  const span = beta - alpha;
  const v = (alpha + T) / span;
  if (!(v <= SERIES_MAX_RATIO && (s + 1) * v <= SERIES_MAX_SPREAD)) return null;
  const k = r + x;
  const L = Math.log((alpha + T) / (alpha + tx));
  if (!ridgeSum(k, s + 1, v, L, gradient !== null, sums)) return null;
  const [sum, byK, byE] = sums;
  const value = Math.log(s) - s * Math.log1p(-alpha / beta) - Math.log(span) - r * Math.log1p(tx / alpha) + (1 - x) * Math.log(alpha + tx) + Math.log(L) + Math.log(sum);
  if (!gradient) return value;
  gradient[0] = -Math.log1p(tx / alpha) + byK / sum;
  gradient[2] = 1 / s - Math.log1p(-alpha / beta) + byE / sum;
  const nextK = ridgeSum(k + 1, s + 1, v, L, false, sums) ? sums[0] : Number.NaN;
  const nextE = ridgeSum(k, s + 2, v, L, false, sums) ? sums[0] : Number.NaN;
  gradient[1] = r / alpha - (k * nextK) / (sum * (alpha + tx));
  gradient[3] = s / beta - ((s + 1) * nextE) / (sum * span);
  if (!gradient.every(Number.isFinite)) gradient[0] = Number.NaN;
  return value;
}

/**
 * ln(α^r β^s D) from φ(t_x) and φ(T) (see {@link paretoNbdScaledLogTailValue}): ln s + φ(t_x) +
 * ln(1 - e^(φ(T) - φ(t_x))); -Infinity where the two round equal.
 */
export function paretoNbdScaledLogDiedFromTails(s: number, phiTx: number, phiT: number): number {
  const gap = phiT - phiTx;
  if (!(gap < 0)) return -Infinity;
  return Math.log(s) + phiTx + Math.log(-Math.expm1(gap));
}

/**
 * ln(α^r β^s D), the scaled log of the "died unseen between t_x and T" part of the likelihood
 * bracket; -Infinity when T = t_x (nothing was silent). By the series where it applies, else from
 * the tail integrals; throws (never NaN) where a 2F1 cannot be evaluated.
 */
export function paretoNbdScaledLogDied(p: ParetoNbdParams, x: number, tx: number, T: number): number {
  if (!(T > tx)) return -Infinity;
  return paretoNbdScaledLogDiedBySeries(p, x, tx, T)
    ?? paretoNbdScaledLogDiedFromTails(p.s, paretoNbdScaledLogTailValue(p, x, tx), paretoNbdScaledLogTailValue(p, x, T));
}

/** ln D itself: {@link paretoNbdScaledLogDied} less r ln α + s ln β. */
export function paretoNbdLogDied(p: ParetoNbdParams, x: number, tx: number, T: number): number {
  return paretoNbdScaledLogDied(p, x, tx, T) - p.r * Math.log(p.alpha) - p.s * Math.log(p.beta);
}

import { expm1OverX } from '../../numerics/digamma';
import { logHyp2f1 } from '../../numerics/hyp2f1';
import type { ParetoNbdParams } from './pareto-nbd.model';

// The "died unseen between t_x and T" part of a Pareto/NBD customer's likelihood bracket:
//   D = s ∫_{t_x}^T (α+τ)^-(r+x) (β+τ)^-(s+1) dτ
// (λ and μ integrated out of λ^x e^-λτ · μ e^-μτ), which Fader & Hardie (2005, eq. 22) write as
// s/(r+s+x) · A0 with A0 a difference of two 2F1 terms. Where β - α is large next to α + T (little
// dropout heterogeneity, the s, β → ∞ ridge) the two 2F1 terms share a large y-independent part
// that cancels, costing digits and time; a series in (α+τ)/(β-α) has neither problem there.

const EPS = 2 ** -52;
/** The series is used only while (α+T)/(β-α) is at most this: its terms then shrink at least this fast. */
const SERIES_MAX_RATIO = 0.5;
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

/**
 * ln D from the 2F1 form, D = s/(r+s+x) · A0, with the A0 terms from `a0Term` (a cache may stand
 * in); -Infinity where the two round equal (D is then below what they resolve).
 */
export function paretoNbdLogDiedFromA0(p: ParetoNbdParams, x: number, tx: number, T: number, a0Term = (y: number) => paretoNbdA0Term(p, x, y)): number {
  const atTx = a0Term(tx);
  // A0 = e^atTx (1 - e^(atT - atTx)); rounding can make the difference vanish, never negative.
  const gap = a0Term(T) - atTx;
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
  const { r, alpha, s, beta } = p;
  if (!(beta > alpha)) return null;
  const span = beta - alpha;
  const v = (alpha + T) / span;
  if (!(v <= SERIES_MAX_RATIO && (s + 1) * v <= SERIES_MAX_SPREAD)) return null;
  const k = r + x;
  const L = Math.log((alpha + T) / (alpha + tx));
  const rho = Math.exp(-L);
  const rhoK = Math.exp(-(k - 1) * L);
  if (!Number.isFinite(rhoK)) return null;
  const g = (n: number, rhoN: number): number => {
    const m = n + 1 - k;
    return Math.abs(m * L) < 0.5 ? rhoK * expm1OverX(-m * L) : (rhoK - rhoN) / (m * L);
  };
  let coefficient = 1;
  let rhoN = 1;
  let sum = g(0, 1);
  let absSum = Math.abs(sum);
  for (let n = 1; n < SERIES_MAX_TERMS; n++) {
    coefficient *= -((s + n) / n) * v;
    rhoN *= rho;
    const term = coefficient * g(n, rhoN);
    sum += term;
    absSum += Math.abs(term);
    const ratio = ((s + 1 + n) / (n + 1)) * v;
    if (ratio < 1 && (Math.abs(term) * ratio) / (1 - ratio) <= 0.5 * EPS * Math.abs(sum)) {
      if (!(sum > 0) || absSum / sum > SERIES_MAX_CANCELLATION) return null;
      return Math.log(s) - (s + 1) * Math.log(span) + (1 - k) * Math.log(alpha + tx) + Math.log(L) + Math.log(sum);
    }
  }
  return null;
}

/**
 * ln D, the log of the "died unseen between t_x and T" part of the likelihood bracket; -Infinity
 * when T = t_x (nothing was silent). By the series where it applies, else by the 2F1 form (A0
 * terms from `a0Term`, for x); throws (never NaN) where a 2F1 cannot be evaluated.
 */
export function paretoNbdLogDied(p: ParetoNbdParams, x: number, tx: number, T: number, a0Term?: (y: number) => number): number {
  if (!(T > tx)) return -Infinity;
  return paretoNbdLogDiedBySeries(p, x, tx, T) ?? paretoNbdLogDiedFromA0(p, x, tx, T, a0Term);
}

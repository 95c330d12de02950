import { logBeta } from '../../numerics/log-gamma';

// The BG/NBD expectation of a customer known to be alive, by quadrature of its posterior:
// given alive, λ ~ Gamma(r+x, α+T) and p ~ Beta(a, b+x) independently, and such a customer
// expects (1 - e^{-λpt})/p transactions in the next t, so with k = t/(α+T)
//   E = ∫₀¹ (1 - (1 + k·p)^-(r+x)) / p · Beta(p; a, b+x) dp.
// Used where the hypergeometric series converges too slowly (t much longer than α+T).

/** Step of the exp-sinh rule in the sinh argument, and its range (weights vanish beyond). */
const STEP = 1 / 64;
const RANGE = 6.5;

/**
 * E[X(t) | alive, x, T] for BG/NBD parameters r, a, b, with k = t/(α+T) > 0. The integral is taken
 * in y = -ln p on (0, ∞) with the exp-sinh rule y = exp(π/2·sinh τ), which copes with the
 * algebraic singularity at y = 0 and the slow e^{-a·y} decay for small a. Finite and >= 0.
 */
export function bgnbdAliveExpectationByQuadrature(r: number, a: number, b: number, x: number, k: number): number {
  const m = r + x;
  const beta = b + x;
  const logNormaliser = logBeta(a, beta);
  let sum = 0;
  for (let tau = -RANGE; tau <= RANGE; tau += STEP) {
    const s = (Math.PI / 2) * Math.sinh(tau);
    const y = Math.exp(s);
    if (!(y > 0) || !Number.isFinite(y)) continue;
    // dp = p·dy and dy = y·(π/2)·cosh τ dτ; the density and Jacobian are combined in logs.
    const logOneMinusP = Math.log(-Math.expm1(-y));
    const logWeight = -a * y + (beta - 1) * logOneMinusP - logNormaliser + s + Math.log((Math.PI / 2) * Math.cosh(tau));
    const p = Math.exp(-y);
    // (1 - (1+kp)^-m)/p, whose limit as p -> 0 is m·k.
    const g = p === 0 || k * p < 1e-300 ? m * k : -Math.expm1(-m * Math.log1p(k * p)) / p;
    const term = Math.exp(logWeight) * g;
    if (Number.isFinite(term)) sum += term;
  }
  const value = sum * STEP;
  return Number.isFinite(value) && value > 0 ? value : 0;
}

/** Half-width (in standard deviations) and step of the rule for a concentrated Beta. */
const HALF_WIDTH = 15;
const LOGIT_STEP = 0.05;

/**
 * The same expectation when Beta(a, b+x) is concentrated (both shapes large, e.g. a fit along
 * the a, b -> ∞ ridge of a homogeneous dropout probability): the trapezoid rule in the logit of p,
 * centred on the mode ln(a/(b+x)) and scaled by its width √(1/a + 1/(b+x)). The density there is
 * log-concave and nearly Gaussian, so the rule converges geometrically; it is normalised by its own
 * sum, which cancels the rule's error in the Beta function. Finite and >= 0.
 */
export function bgnbdAliveExpectationConcentrated(r: number, a: number, b: number, x: number, k: number): number {
  const m = r + x;
  const beta = b + x;
  const mode = Math.log(a) - Math.log(beta);
  const width = Math.sqrt(1 / a + 1 / beta);
  // ln of p^a (1-p)^β at the logit u, with ln p = -ln(1+e^-u) and ln(1-p) = -ln(1+e^u).
  const logDensity = (u: number) => -a * softplus(-u) - beta * softplus(u);
  const peak = logDensity(mode);
  let weighted = 0;
  let total = 0;
  for (let v = -HALF_WIDTH; v <= HALF_WIDTH; v += LOGIT_STEP) {
    const u = mode + width * v;
    const density = Math.exp(logDensity(u) - peak);
    if (!(density > 0)) continue;
    const p = 1 / (1 + Math.exp(-u));
    const g = k * p < 1e-300 ? m * k : -Math.expm1(-m * Math.log1p(k * p)) / p;
    weighted += density * g;
    total += density;
  }
  const value = weighted / total;
  return Number.isFinite(value) && value > 0 ? value : 0;
}

/** ln(1 + e^u) without overflow. */
function softplus(u: number): number {
  return u > 0 ? u + Math.log1p(Math.exp(-u)) : Math.log1p(Math.exp(u));
}

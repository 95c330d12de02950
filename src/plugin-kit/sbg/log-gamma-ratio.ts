import { logGamma } from '../../numerics/log-gamma';

/** From here on, Stirling's series with six correction terms is exact to machine precision (last term ~2e-16). */
const STIRLING_FROM = 15;

/** Stirling's correction for ln Γ(x): 1/(12x) - 1/(360x³) + 1/(1260x⁵) - 1/(1680x⁷) + 1/(1188x⁹) - 691/(360360x¹¹). */
function stirlingCorrection(x: number): number {
  const inv = 1 / x;
  const inv2 = inv * inv;
  return inv * (1 / 12 - inv2 * (1 / 360 - inv2 * (1 / 1260 - inv2 * (1 / 1680 - inv2 * (1 / 1188 - (inv2 * 691) / 360360)))));
}

/**
 * ln Γ(x + a) - ln Γ(x) for x > 0 and a >= 0, accurate to about 1e-15 relative even when a is tiny
 * next to x (where subtracting two log-gammas would cancel away every digit).
 *
 * sBG survival is a ratio of such terms with a = α, and α can be 1e-6 while β is 1e8.
 */
export function logGammaRatio(x: number, a: number): number {
  if (!(x > 0) || !(a >= 0) || !Number.isFinite(x) || !Number.isFinite(a)) {
    throw new RangeError(`logGammaRatio needs x > 0 and a >= 0, both finite; got x = ${x}, a = ${a}`);
  }
  if (a === 0) return 0;
  if (x < STIRLING_FROM) {
    if (a >= STIRLING_FROM) return logGamma(x + a) - logGamma(x);
    // Γ(y + 1) = y Γ(y) moves x up to where the series is exact, one log1p per step.
    let shifted = 0;
    let y = x;
    while (y < STIRLING_FROM) {
      shifted += Math.log1p(a / y);
      y += 1;
    }
    return logGammaRatio(y, a) - shifted;
  }
  // Stirling's series subtracted term by term: (x - 1/2) ln(1 + a/x) + a ln(x + a) - a + Δcorrection.
  return (x - 0.5) * Math.log1p(a / x) + a * Math.log(x + a) - a + (stirlingCorrection(x + a) - stirlingCorrection(x));
}

import { bgnbdAliveExpectationByQuadrature } from './bgnbd-alive-quadrature';
import { bgnbdAliveExpectationSeries } from './bgnbd-hyp2f1';

/** Beyond this z = t/(α+T+t) the series would need thousands of terms: integrate instead. */
const SERIES_UP_TO_Z = 0.99;

/**
 * E[X(t) | alive, x, T] of a BG/NBD customer, with `logOneMinusZ` = ln((α+T)/(α+T+t)): the
 * Euler-transformed hypergeometric series while it converges fast, the posterior integral when t
 * is much longer than α+T (or the series fails for extreme parameters). Both agree to ~1e-13
 * where they overlap. Finite and >= 0.
 */
export function bgnbdAliveExpectation(r: number, a: number, b: number, x: number, logOneMinusZ: number): number {
  if (!(logOneMinusZ < 0)) return 0;
  const z = -Math.expm1(logOneMinusZ);
  const series = z <= SERIES_UP_TO_Z ? bgnbdAliveExpectationSeries(r, a, b, x, logOneMinusZ) : null;
  if (series !== null) return series;
  // k = t/(α+T) = z/(1-z) = e^{-L} - 1.
  return bgnbdAliveExpectationByQuadrature(r, a, b, x, Math.expm1(-logOneMinusZ));
}

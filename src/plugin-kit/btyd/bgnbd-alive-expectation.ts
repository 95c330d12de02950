import { bgnbdAliveExpectationByQuadrature, bgnbdAliveExpectationConcentrated } from './bgnbd-alive-quadrature';
import { bgnbdAliveExpectationSeries } from './bgnbd-hyp2f1';

/** Beyond this z = t/(α+T+t) the series would need thousands of terms: integrate instead. */
const SERIES_UP_TO_Z = 0.99;
/** Both Beta shapes at least this large: the posterior of p is concentrated, integrate around its mode. */
const CONCENTRATED_FROM = 20;

/**
 * E[X(t) | alive, x, T] of a BG/NBD customer, with `logOneMinusZ` = ln((α+T)/(α+T+t)): the
 * Euler-transformed hypergeometric series while it converges fast; otherwise (t much longer than
 * α+T, or a huge a) the posterior integral, around the mode when Beta(a, b+x) is concentrated.
 * The methods agree to ~1e-12 where they overlap. Finite and >= 0.
 */
export function bgnbdAliveExpectation(r: number, a: number, b: number, x: number, logOneMinusZ: number): number {
  if (!(logOneMinusZ < 0)) return 0;
  const z = -Math.expm1(logOneMinusZ);
  const series = z <= SERIES_UP_TO_Z ? bgnbdAliveExpectationSeries(r, a, b, x, logOneMinusZ) : null;
  if (series !== null) return series;
  // k = t/(α+T) = z/(1-z) = e^{-L} - 1.
  const k = Math.expm1(-logOneMinusZ);
  return Math.min(a, b + x) >= CONCENTRATED_FROM
    ? bgnbdAliveExpectationConcentrated(r, a, b, x, k)
    : bgnbdAliveExpectationByQuadrature(r, a, b, x, k);
}

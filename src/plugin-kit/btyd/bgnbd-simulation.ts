import type { BgNbdParams } from './bgnbd.model';

// Draws customers from a BG/NBD process (for tests and the benchmark): the ground truth against
// which fits are checked.

/** Uniform in [0, 1). */
export type Uniform = () => number;

/** A standard normal by Box-Muller. */
function normal(uniform: Uniform): number {
  const u = 1 - uniform();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * uniform());
}

/** Gamma(shape, 1) by Marsaglia & Tsang (2000), with the u^(1/shape) boost for shape < 1. */
export function gammaVariate(uniform: Uniform, shape: number): number {
  if (shape < 1) return gammaVariate(uniform, shape + 1) * Math.pow(1 - uniform(), 1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const z = normal(uniform);
    const v = (1 + c * z) ** 3;
    if (v <= 0) continue;
    const u = 1 - uniform();
    if (Math.log(u) < 0.5 * z * z + d - d * v + d * Math.log(v)) return d * v;
  }
}

/** Beta(a, b) as G_a / (G_a + G_b). */
export function betaVariate(uniform: Uniform, a: number, b: number): number {
  const x = gammaVariate(uniform, a);
  return x / (x + gammaVariate(uniform, b));
}

/**
 * The repeat-purchase times (in the unit of α, measured from the first purchase at 0) of one
 * BG/NBD customer observed for `observed` time units: λ ~ Gamma(r, α), p ~ Beta(a, b); purchases
 * arrive at rate λ while alive, and after each repeat purchase the customer drops out with probability p.
 */
export function simulateBgNbdRepeatTimes(params: BgNbdParams, uniform: Uniform, observed: number): number[] {
  const lambda = gammaVariate(uniform, params.r) / params.alpha;
  const p = betaVariate(uniform, params.a, params.b);
  const times: number[] = [];
  let t = 0;
  for (;;) {
    t += -Math.log(1 - uniform()) / lambda;
    if (!(t <= observed)) return times;
    times.push(t);
    if (uniform() < p) return times;
  }
}

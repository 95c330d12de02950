import { gammaVariate, type Uniform } from './bgnbd-simulation';
import type { ParetoNbdParams } from './pareto-nbd.model';

// Draws customers from a Pareto/NBD process (for tests and the benchmark): the ground truth
// against which fits are checked.

/**
 * The repeat-purchase times (in the unit of α and β, measured from the first purchase at 0) of one
 * Pareto/NBD customer observed for `observed` time units: λ ~ Gamma(r, α) and μ ~ Gamma(s, β); the
 * customer lives an Exp(μ) time and buys as a Poisson process of rate λ until death or the end of
 * the observation. Draws, in order: λ, μ, the lifetime, then one gap per purchase plus the gap
 * that overshoots.
 */
export function simulateParetoNbdRepeatTimes(params: ParetoNbdParams, uniform: Uniform, observed: number): number[] {
  const lambda = gammaVariate(uniform, params.r) / params.alpha;
  const mu = gammaVariate(uniform, params.s) / params.beta;
  const end = Math.min(-Math.log(1 - uniform()) / mu, observed);
  const times: number[] = [];
  for (let t = -Math.log(1 - uniform()) / lambda; t < end; t += -Math.log(1 - uniform()) / lambda) times.push(t);
  return times;
}

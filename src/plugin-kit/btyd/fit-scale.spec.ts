import { describe, expect, it } from 'vitest';
import { type RfTuple, RfTupleAccumulator } from '../../numerics/weighted-tuples';
import { SeededRandom } from '../../seed/seeded-random';
import { type BgNbdParams, fitBgNbd } from './bgnbd.model';
import { simulateBgNbdRepeatTimes, type Uniform } from './bgnbd-simulation';
import { fitParetoNbd, type ParetoNbdParams } from './pareto-nbd.model';
import { simulateParetoNbdRepeatTimes } from './pareto-nbd-simulation';

// Fits at the scale of a million customers, cheaply: tens of thousands of simulated customers
// (times in days, continuous, observed 1 to 3 years: nearly every tuple distinct), each tuple
// weighted ×25 and ×250, so that |ln L| ≈ 1.4e7 and 1.4e8, as for 1M and 10M real customers.
// Weights scale the log-likelihood and leave its maximiser alone, so a stopping rule relative to
// |ln L| stops where, and after as many iterations as, the unweighted fit. Under the former
// absolute rule (1e-9 on the predicted decrease) the ×25 BG/NBD fit below ran out of iterations
// (BFGS then Nelder-Mead, 60 in all: ln L is only known to about 1e-8 at that size) and the ×250
// Pareto/NBD fit took two more iterations than the unweighted one.

/** `customers` draws of (x, t_x, T) in days, each tuple weighted `weight`. */
function simulated(customers: number, seed: number, weight: number, draw: (uniform: Uniform, observed: number) => number[]): RfTuple[] {
  const random = new SeededRandom(seed);
  const uniform = () => random.next();
  const accumulator = new RfTupleAccumulator();
  for (let i = 0; i < customers; i++) {
    const T = 365 + uniform() * 730;
    const times = draw(uniform, T);
    accumulator.add(times.length, times.length ? times[times.length - 1] : 0, T, weight);
  }
  return accumulator.tuples();
}

interface Fit<P> { params: P; iterations: number; converged: boolean; logLikelihood: number; standardErrors: P | null }

/** The weighted fits stop where the unweighted one does, after as many iterations (±1), and it finds the truth. */
function expectScaleFree<P extends object>(truth: P, fit: (weight: number) => Fit<P>): void {
  const key = (params: P) => params as Record<string, number>;
  const base = fit(1);
  const se = key(base.standardErrors!);
  for (const [name, value] of Object.entries(key(truth))) expect(Math.abs(key(base.params)[name] - value)).toBeLessThanOrEqual(3 * se[name]);
  for (const weight of [25, 250]) {
    const scaled = fit(weight);
    expect(scaled.converged).toBe(true);
    expect(Math.abs(scaled.logLikelihood)).toBeGreaterThan(weight * 1e5);
    expect(Math.abs(scaled.iterations - base.iterations)).toBeLessThanOrEqual(1);
    for (const [name, value] of Object.entries(key(base.params))) expect(Math.abs(key(scaled.params)[name] / value - 1)).toBeLessThan(1e-5);
  }
}

const BG_NBD_DAYS: BgNbdParams = { r: 0.25, alpha: 28, a: 0.8, b: 2.5 };
/** CDNOW's Pareto/NBD, in days. */
const PARETO_NBD_DAYS: ParetoNbdParams = { r: 0.55, alpha: 74.2, s: 0.6, beta: 81.9 };

describe('BTYD fits at a million customers (relative stopping rule)', () => {
  const bgnbd = (weight: number) => simulated(40_000, 1, weight, (uniform, T) => simulateBgNbdRepeatTimes(BG_NBD_DAYS, uniform, T));
  const paretoNbd = (weight: number) => simulated(20_000, 1, weight, (uniform, T) => simulateParetoNbdRepeatTimes(PARETO_NBD_DAYS, uniform, T));

  it('BG/NBD: 40,000 customers ×1, ×25, ×250 converge within 60 iterations alike and recover the truth within 3 se', () => {
    expectScaleFree(BG_NBD_DAYS, (weight) => fitBgNbd(bgnbd(weight), { maxIterations: 60 }));
  });

  it('Pareto/NBD: 20,000 customers ×1, ×25, ×250 converge within 60 iterations alike and recover the truth within 3 se', () => {
    expectScaleFree(PARETO_NBD_DAYS, (weight) => fitParetoNbd(paretoNbd(weight), { maxIterations: 60 }));
  });

  it('a fit that runs out of time fails with a ModelFitError naming the limit', () => {
    expect(() => fitBgNbd(bgnbd(25), { maxMillis: 1 })).toThrow(/^BG\/NBD fit failed: time limit of 1 ms reached before convergence \(after \d+ iterations\)$/);
    expect(() => fitParetoNbd(paretoNbd(25), { maxMillis: 1 })).toThrow(/^Pareto\/NBD fit failed: time limit of 1 ms reached before convergence/);
  });
});

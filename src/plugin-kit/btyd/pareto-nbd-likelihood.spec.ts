import { describe, expect, it } from 'vitest';
import type { RfTuple } from '../../numerics/weighted-tuples';
import { paretoNbdScaledLogDiedBySeries } from './pareto-nbd-died';
import { prepareParetoNbd } from './pareto-nbd-likelihood';
import { type ParetoNbdParams, paretoNbdLogLikelihood, paretoNbdLogLikelihoodGradient } from './pareto-nbd.model';
import { paretoNbdScaledLogTail, TAIL_SERIES_MAX_Z } from './pareto-nbd-tail';

const KEYS = ['r', 'alpha', 's', 'beta'] as const;

/** θ ∂ln L/∂θ by central differences of ln L in ln θ, step h, independent of the analytic gradient. */
function logScaleGradientByDifferences(p: ParetoNbdParams, tuples: RfTuple[], h: number): number[] {
  return KEYS.map((key) => {
    const at = (sign: number) => paretoNbdLogLikelihood({ ...p, [key]: p[key] * Math.exp(sign * h) }, tuples);
    return (at(1) - at(-1)) / (2 * h);
  });
}

function logScaleGradient(p: ParetoNbdParams, tuples: RfTuple[]): { value: number; gradient: number[] } {
  const { value, gradient } = paretoNbdLogLikelihoodGradient(p, tuples);
  return { value, gradient: KEYS.map((key, i) => p[key] * gradient[i]) };
}

// Customers (weeks): zero-repeat, light, heavy and lapsed buyers, one whose last purchase is at T
// (nothing silent), two sharing x and t_x, and weights other than 1.
const tuples: RfTuple[] = [
  { x: 0, tx: 0, T: 38.9, weight: 120 },
  { x: 0, tx: 0, T: 30, weight: 7 },
  { x: 1, tx: 3, T: 38.9, weight: 4 },
  { x: 1, tx: 3, T: 32, weight: 2.5 },
  { x: 3, tx: 25, T: 30, weight: 1 },
  { x: 7, tx: 36, T: 36, weight: 1 },
  { x: 21, tx: 4.7, T: 29.3, weight: 1 },
  { x: 29, tx: 37.7, T: 38, weight: 2 },
];

describe('paretoNbdLogLikelihoodGradient: the gradient against differences of the likelihood', () => {
  // Steps of 1e-5 difference ln L to about 1e-9 where it is accurate to rounding; where it comes
  // from the 2F1 routes (about 1e-11 relative) a step of 1e-4 keeps their rounding to about 1e-7,
  // and the gradient there is itself by differences.
  const regimes: [string, ParetoNbdParams, number, number][] = [
    ['the CDNOW fit (the tail series)', { r: 0.5533, alpha: 10.578, s: 0.6062, beta: 11.668 }, 1e-5, 1e-7],
    ['α > β', { r: 0.8, alpha: 20, s: 1.5, beta: 4 }, 1e-5, 1e-7],
    ['the s, β → ∞ ridge (the series in (α+τ)/(β-α) and its derivatives)', { r: 0.385, alpha: 7.3, s: 1e4, beta: 5.45e5 }, 1e-5, 1e-7],
    ['α ≫ β, z > 0.99 (the continued fraction and its derivatives)', { r: 1.2, alpha: 1e4, s: 0.7, beta: 1 }, 1e-5, 1e-7],
    ['the r, α → ∞ ridge at the cap on r (the continued fraction, c large)', { r: 1e4, alpha: 3.6e5, s: 11, beta: 1250 }, 1e-5, 1e-7],
    ['α ≫ β, z within 1e-8 of 1 (the 2F1 routes, differenced)', { r: 1.2, alpha: 1e10, s: 0.7, beta: 1 }, 1e-4, 1e-5],
  ];
  for (const [name, p, step, tolerance] of regimes) {
    it(name, () => {
      const { value, gradient } = logScaleGradient(p, tuples);
      expect(value).toBe(paretoNbdLogLikelihood(p, tuples));
      const reference = logScaleGradientByDifferences(p, tuples, step);
      gradient.forEach((g, i) => expect(Math.abs(g - reference[i])).toBeLessThanOrEqual(tolerance * Math.max(1, Math.abs(reference[i]))));
    });
  }

  it('the regimes are the ones named', () => {
    const out = new Float64Array(5);
    expect(paretoNbdScaledLogTail(regimes[0][1], 3, 25, out, false)).toBe(true);
    expect(paretoNbdScaledLogDiedBySeries(regimes[2][1], 3, 25, 30)).not.toBeNull();
    for (const [, p] of [regimes[3], regimes[4]]) {
      // Beyond the series, within the fraction's reach.
      expect((p.alpha - p.beta) / (p.alpha + 25)).toBeGreaterThan(TAIL_SERIES_MAX_Z);
      expect(paretoNbdScaledLogTail(p, 3, 25, out, false)).toBe(true);
    }
    for (const t of tuples) expect(paretoNbdScaledLogTail(regimes[5][1], t.x, t.T, out, false)).toBe(false);
  });
});

describe('prepareParetoNbd', () => {
  it('the likelihood depends on the tuples, not their order or grouping', () => {
    const p = { r: 0.5533, alpha: 10.578, s: 0.6062, beta: 11.668 };
    const whole = paretoNbdLogLikelihood(p, tuples);
    const reversed = paretoNbdLogLikelihood(p, [...tuples].reverse());
    const oneByOne = tuples.reduce((sum, t) => sum + paretoNbdLogLikelihood(p, [t]), 0);
    expect(reversed).toBeCloseTo(whole, 9);
    expect(oneByOne).toBeCloseTo(whole, 9);
  });

  it('counts customers and tuples, and refuses an invalid tuple', () => {
    const data = prepareParetoNbd(tuples);
    expect(data.customers).toBe(138.5);
    expect(data.distinctTuples).toBe(8);
    expect(() => prepareParetoNbd([{ x: 1.5, tx: 1, T: 2, weight: 1 }])).toThrow(RangeError);
    expect(() => prepareParetoNbd([{ x: 1, tx: 1, T: 2, weight: 0 }])).toThrow(RangeError);
  });
});

import { describe, expect, it } from 'vitest';
import { paretoNbdLogDied, paretoNbdLogDiedBySeries, paretoNbdLogDiedFromA0 } from './pareto-nbd-died';
import type { ParetoNbdParams } from './pareto-nbd.model';

/**
 * ln[s ∫_{t_x}^T (α+τ)^-(r+x) (β+τ)^-(s+1) dτ] by Simpson's rule in u = ln(α+τ) (dτ = e^u du),
 * with the integrand scaled by its largest value: the definition of the "died" term, independent
 * of the series and of the 2F1 form. 20,000 panels put the rule's error far below the rounding
 * of the logs themselves (which reach 1e5 for s = 1e4).
 */
function byQuadrature(p: ParetoNbdParams, x: number, tx: number, T: number): number {
  const k = p.r + x;
  const [u0, u1] = [Math.log(p.alpha + tx), Math.log(p.alpha + T)];
  const panels = 20_000;
  const h = (u1 - u0) / panels;
  const logIntegrand = (u: number) => (1 - k) * u - (p.s + 1) * Math.log(p.beta - p.alpha + Math.exp(u));
  let top = -Infinity;
  for (let i = 0; i <= panels; i++) top = Math.max(top, logIntegrand(u0 + i * h));
  let sum = 0;
  for (let i = 0; i <= panels; i++) sum += (i === 0 || i === panels ? 1 : i % 2 ? 4 : 2) * Math.exp(logIntegrand(u0 + i * h) - top);
  return Math.log(p.s) + top + Math.log((sum * h) / 3);
}

// The capped ridge of a BG/NBD-like population (s = 1e4, mean lifetime β/s = 54.5 weeks), a less
// extreme one, and a huge β with tiny α; customers: zero-repeat, light, heavy and lapsed, one
// whose last purchase is just before T, and k = r + x an integer (the series' m = 0 term).
const ridge: ParetoNbdParams[] = [
  { r: 0.385, alpha: 7.3, s: 1e4, beta: 5.45e5 },
  { r: 0.55, alpha: 10.6, s: 30, beta: 3000 },
  { r: 1, alpha: 0.01, s: 2, beta: 1e6 },
  { r: 7.5, alpha: 50, s: 1e4, beta: 2e8 },
];
const people = [[0, 0, 52], [1, 3, 52], [3, 0.5, 40], [40, 1, 52], [200, 51, 52], [5, 51.9, 52], [2, 20, 30]];

describe('paretoNbdLogDied', () => {
  it('by the series where β - α is large next to α + T: the definition to ~1e-15 relative', () => {
    for (const p of ridge) {
      for (const [x, tx, T] of people) {
        const series = paretoNbdLogDiedBySeries(p, x, tx, T);
        expect(series).not.toBeNull();
        const reference = byQuadrature(p, x, tx, T);
        expect(Math.abs(series! - reference)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(reference)));
        expect(paretoNbdLogDied(p, x, tx, T)).toBe(series);
      }
    }
  });

  it('by the 2F1 form elsewhere, also the definition (CDNOW fit; α > β)', () => {
    const cdnow = { r: 0.5533, alpha: 10.578, s: 0.6062, beta: 11.668 };
    for (const p of [cdnow, { r: 0.8, alpha: 20, s: 1.5, beta: 4 }]) {
      for (const [x, tx, T] of people) {
        // (α+T)/(β-α) > 1/2, or β ≤ α: outside the series' domain.
        expect(paretoNbdLogDiedBySeries(p, x, tx, T)).toBeNull();
        const reference = byQuadrature(p, x, tx, T);
        expect(paretoNbdLogDied(p, x, tx, T)).toBeCloseTo(reference, 9);
      }
    }
  });

  it('the series and the 2F1 form agree where both are accurate (moderate β)', () => {
    const p = { r: 0.55, alpha: 10.6, s: 0.6, beta: 400 };
    for (const [x, tx, T] of people) {
      expect(paretoNbdLogDiedBySeries(p, x, tx, T)).toBeCloseTo(paretoNbdLogDiedFromA0(p, x, tx, T), 10);
    }
  });

  it('is -Infinity when nothing was silent (t_x = T)', () => {
    expect(paretoNbdLogDied(ridge[0], 3, 40, 40)).toBe(-Infinity);
    expect(paretoNbdLogDied({ r: 0.5533, alpha: 10.578, s: 0.6062, beta: 11.668 }, 0, 0, 0)).toBe(-Infinity);
  });

  it('leaves to the 2F1 form what the series would lose digits on ((s+1)(α+T)/(β-α) large)', () => {
    // (s+1)v = 10001 · 57.3/(5.45e5 - 7.3) ≈ 1.05 is fine; ten times the dropout rate is not.
    expect(paretoNbdLogDiedBySeries({ r: 0.385, alpha: 7.3, s: 1e4, beta: 5.45e5 }, 3, 20, 50)).not.toBeNull();
    const steep = { r: 0.385, alpha: 7.3, s: 1e4, beta: 5.45e4 };
    expect(paretoNbdLogDiedBySeries(steep, 3, 20, 50)).toBeNull();
    expect(paretoNbdLogDied(steep, 3, 20, 50)).toBeCloseTo(byQuadrature(steep, 3, 20, 50), 6);
  });
});

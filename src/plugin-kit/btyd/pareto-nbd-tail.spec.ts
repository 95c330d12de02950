import { describe, expect, it } from 'vitest';
import type { ParetoNbdParams } from './pareto-nbd.model';
import { paretoNbdScaledLogTail, TAIL_SERIES_MAX_Z } from './pareto-nbd-tail';

/**
 * φ(y) = ln(α^r β^s F(y)), F(y) = ∫_y^∞ f, f(τ) = (α+τ)^-k (β+τ)^-(s+1), k = r + x, and its
 * derivatives, from the definition by Simpson's rule in u = ln(m+τ), m = min(α, β) (dτ = e^u du),
 * in which ln f changes by at most k + s + 1 per unit: steps of 0.005/(k+s+1) keep the rule's error
 * near 1e-13. Past u = ln(M+y), M = max(α, β), the integrand soon decays like e^(-(k+s)u) (as
 * f ~ τ^-(k+s+1)): 70/(k+s) further it is about e^-70 of its size. Differentiating under the
 * integral sign:
 *   ∂φ/∂r = ln α - E[ln(α+τ)],  ∂φ/∂α = r/α - k E[1/(α+τ)],
 *   ∂φ/∂s = ln β - E[ln(β+τ)],  ∂φ/∂β = s/β - (s+1) E[1/(β+τ)],
 * E the mean under the density f/F on (y, ∞).
 */
function byQuadrature(p: ParetoNbdParams, x: number, y: number): number[] {
  const k = p.r + x;
  const m = Math.min(p.alpha, p.beta);
  const u0 = Math.log(m + y);
  const range = Math.log((Math.max(p.alpha, p.beta) + y) / (m + y)) + 70 / (k + p.s);
  const panels = 2 * Math.ceil((range * (k + p.s + 1)) / 0.01);
  const h = range / panels;
  const logIntegrand = (u: number) => u - k * Math.log(p.alpha - m + Math.exp(u)) - (p.s + 1) * Math.log(p.beta - m + Math.exp(u));
  const top = logIntegrand(u0);
  const sums = [0, 0, 0, 0, 0];
  for (let i = 0; i <= panels; i++) {
    const u = u0 + i * h;
    const weight = (i === 0 || i === panels ? 1 : i % 2 ? 4 : 2) * Math.exp(logIntegrand(u) - top);
    const tau = Math.exp(u) - m;
    sums[0] += weight;
    sums[1] += weight * Math.log(p.alpha + tau);
    sums[2] += weight / (p.alpha + tau);
    sums[3] += weight * Math.log(p.beta + tau);
    sums[4] += weight / (p.beta + tau);
  }
  const mean = (i: number) => sums[i] / sums[0];
  return [
    p.r * Math.log(p.alpha) + p.s * Math.log(p.beta) + top + Math.log((sums[0] * h) / 3),
    Math.log(p.alpha) - mean(1),
    p.r / p.alpha - k * mean(2),
    Math.log(p.beta) - mean(3),
    p.s / p.beta - (p.s + 1) * mean(4),
  ];
}

const tail = (p: ParetoNbdParams, x: number, y: number) => {
  const out = new Float64Array(5);
  const ok = paretoNbdScaledLogTail(p, x, y, out, true);
  return { ok, value: out[0], gradient: Array.from(out.slice(1)) };
};

describe('paretoNbdScaledLogTail', () => {
  const cdnow = { r: 0.5533, alpha: 10.578, s: 0.6062, beta: 11.668 };
  // α < β and α > β, z from 0.02 to 0.9999, x from 0 to 200 (a steep integrand).
  const cases: [string, ParetoNbdParams, number, number][] = [
    ['the CDNOW fit, a zero-repeat buyer at y = 0', cdnow, 0, 0],
    ['the CDNOW fit, x = 5 at y = 30', cdnow, 5, 30],
    ['α > β', { r: 0.8, alpha: 20, s: 1.5, beta: 4 }, 3, 10],
    ['α > β, x = 200', { r: 0.8, alpha: 20, s: 1.5, beta: 4 }, 200, 1],
    ['α ≫ β: z = 0.95', { r: 1.2, alpha: 400, s: 0.7, beta: 1 }, 2, 19],
    ['β ≫ α: z = 0.95', { r: 0.3, alpha: 1, s: 2, beta: 400 }, 1, 19],
    // Beyond TAIL_SERIES_MAX_Z: the continued fraction.
    ['α ≫ β: z = 0.9999', { r: 1.2, alpha: 1e5, s: 0.7, beta: 1 }, 2, 9],
    ['β ≫ α: z = 0.9999', { r: 0.3, alpha: 1, s: 2, beta: 1e5 }, 1, 9],
    ['α ≫ β, c = r+s+x large (toward the r, α → ∞ ridge): z = 0.9967', { r: 2000, alpha: 1e5, s: 11, beta: 300 }, 3, 30],
  ];
  for (const [name, p, x, y] of cases) {
    it(`${name}: the definition, value and gradient`, () => {
      const got = tail(p, x, y);
      const reference = byQuadrature(p, x, y);
      expect(got.ok).toBe(true);
      expect(Math.abs(got.value - reference[0])).toBeLessThanOrEqual(1e-11 * Math.max(1, Math.abs(reference[0])));
      got.gradient.forEach((g, i) => expect(Math.abs(g - reference[i + 1])).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(reference[i + 1]))));
    });
  }

  it('α = β (z = 0): F = (α+y)^-(k+s) / (k+s), so ∂φ/∂r = ln α - ln(α+y) - 1/c, likewise s, and moving α and β together r/α + s/β - c/(α+y)', () => {
    // r = 0.5, s = 1.5, x = 2: c = k + s = 4; α = β = 3, y = 5:
    //   φ = 2 ln 3 - 4 ln 8 - ln 4 = 2.1972246 - 8.3177662 - 1.3862944 = -7.5068360,
    //   ∂φ/∂r = ∂φ/∂s = ln(3/8) - 1/4 = -1.2308361, ∂(α, β together) = 0.5/3 + 1.5/3 - 4/8 = 1/6.
    const got = tail({ r: 0.5, alpha: 3, s: 1.5, beta: 3 }, 2, 5);
    expect(got.value).toBeCloseTo(2 * Math.log(3) - 4 * Math.log(8) - Math.log(4), 13);
    expect(got.value).toBeCloseTo(-7.506836, 6);
    expect(got.gradient[0]).toBeCloseTo(Math.log(3 / 8) - 0.25, 12);
    expect(got.gradient[2]).toBeCloseTo(Math.log(3 / 8) - 0.25, 12);
    expect(got.gradient[1] + got.gradient[3]).toBeCloseTo(1 / 6, 12);
  });

  it('beyond the series, declines only where z is within about 1e-7 of 1 (the 2F1 routes take over)', () => {
    // z = (β-α)/(β+y) = 999/1000 at y = 0: the fraction; 1 - 1e-10: neither.
    expect(TAIL_SERIES_MAX_Z).toBeLessThan(0.999);
    expect(tail({ r: 0.5, alpha: 1, s: 1, beta: 1000 }, 1, 0).ok).toBe(true);
    expect(tail({ r: 0.5, alpha: 1, s: 1, beta: 1e10 + 1 }, 1, 0).ok).toBe(false);
  });
});

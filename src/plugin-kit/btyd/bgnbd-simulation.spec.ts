import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../../seed/seeded-random';
import { betaVariate, gammaVariate, simulateBgNbdRepeatTimes } from './bgnbd-simulation';

describe('BG/NBD simulation', () => {
  const random = new SeededRandom(7);
  const uniform = () => random.next();

  it('gamma and beta variates have their theoretical means and variances', () => {
    // Gamma(k, 1): mean k, variance k. Beta(a, b): mean a/(a+b), variance ab/((a+b)^2 (a+b+1)).
    for (const k of [0.25, 1, 6]) {
      const draws = Array.from({ length: 200_000 }, () => gammaVariate(uniform, k));
      const mean = draws.reduce((s, v) => s + v, 0) / draws.length;
      const variance = draws.reduce((s, v) => s + (v - mean) ** 2, 0) / draws.length;
      expect(Math.abs(mean - k)).toBeLessThan(0.02 * Math.max(1, k));
      expect(Math.abs(variance - k)).toBeLessThan(0.05 * Math.max(1, k));
    }
    const betas = Array.from({ length: 200_000 }, () => betaVariate(uniform, 0.8, 2.5));
    const mean = betas.reduce((s, v) => s + v, 0) / betas.length;
    expect(mean).toBeCloseTo(0.8 / 3.3, 2);
  });

  it('no dropout (p ~ Beta(1e-6, 1e6)) gives Poisson counts: mean r/α·T', () => {
    // λ ~ Gamma(r = 2, α = 4): E[λ] = 0.5 per week; over 10 weeks E[x] = 5.
    const params = { r: 2, alpha: 4, a: 1e-6, b: 1e6 };
    const counts = Array.from({ length: 50_000 }, () => simulateBgNbdRepeatTimes(params, uniform, 10).length);
    expect(counts.reduce((s, v) => s + v, 0) / counts.length).toBeCloseTo(5, 1);
  });
});

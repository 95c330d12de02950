import { describe, expect, it } from 'vitest';
import { digamma, logGammaSlope } from './digamma';
import { logGamma } from './log-gamma';

const EULER_GAMMA = 0.5772156649015329;

describe('digamma', () => {
  it('ψ(1) = -γ and ψ(1/2) = -γ - 2 ln 2', () => {
    expect(digamma(1)).toBeCloseTo(-EULER_GAMMA, 14);
    expect(digamma(0.5)).toBeCloseTo(-EULER_GAMMA - 2 * Math.LN2, 14);
  });

  it('ψ(n + 1) = H_n - γ, up to n = 1000', () => {
    let harmonic = 0;
    for (let n = 1; n <= 1000; n++) {
      harmonic += 1 / n;
      if ([1, 2, 10, 19, 20, 21, 100, 1000].includes(n)) expect(digamma(n + 1)).toBeCloseTo(harmonic - EULER_GAMMA, 13);
    }
  });

  it('negative arguments by ψ(x + 1) = ψ(x) + 1/x: ψ(-1/2) = ψ(1/2) + 2, ψ(-2.5) = ψ(1/2) + 2 + 2/3 + 2/5', () => {
    expect(digamma(-0.5)).toBeCloseTo(-EULER_GAMMA - 2 * Math.LN2 + 2, 13);
    expect(digamma(-2.5)).toBeCloseTo(-EULER_GAMMA - 2 * Math.LN2 + 2 + 2 / 3 + 2 / 5, 13);
    expect(() => digamma(-3)).toThrow(/pole/);
  });
});

describe('logGammaSlope', () => {
  it('equals (ln Γ(x + h) - ln Γ(x)) / h for ordinary steps', () => {
    for (const [x, h] of [[0.3, 0.5], [2, 1], [7.5, -3], [40, 2.5], [1500, 0.7]]) {
      expect(logGammaSlope(x, h)).toBeCloseTo((logGamma(x + h) - logGamma(x)) / h, 10);
    }
  });

  it('integer steps are sums of logs: (ln Γ(x + 3) - ln Γ(x)) / 3 = ln(x (x+1) (x+2)) / 3', () => {
    for (const x of [0.25, 3, 18.5, 1e4]) expect(logGammaSlope(x, 3)).toBeCloseTo(Math.log(x * (x + 1) * (x + 2)) / 3, 12);
  });

  it('tends to ψ(x) as h -> 0, without cancellation', () => {
    // The slope is ψ(x) + h ψ'(x)/2 + O(h²); ψ'(1) = π²/6, so at h = 1e-9 it is ψ(1) + 8.2247e-10.
    // Differencing ln Γ itself would be off by ~eps/h = 2e-7 here.
    expect(Math.abs(logGammaSlope(1, 1e-9) - digamma(1) - (1e-9 * Math.PI ** 2) / 12)).toBeLessThan(2e-15);
    expect(logGammaSlope(1, 0)).toBe(digamma(1));
  });

  it('refuses a step across a pole', () => {
    expect(() => logGammaSlope(0.5, -1)).toThrow(/pole/);
  });
});

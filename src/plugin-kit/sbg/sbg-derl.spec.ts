import { describe, expect, it } from 'vitest';
import { sbgDel, sbgDerl } from './sbg-derl';

/**
 * The check, written independently of the 2F1 closed form: the discounted sum of the survival
 * probabilities of the next renewals, S(n + k + 1) / S(n) = Π_{j=1..k+1} (β + n + j - 1) / (α + β + n + j - 1),
 * truncated once the terms (each below (1 + d)^-k) are under 1e-17.
 */
function derlBySum(alpha: number, beta: number, d: number, n: number): number {
  let survival = 1;
  let discount = 1;
  let sum = 0;
  for (let k = 0; discount > 1e-17; k++) {
    survival *= (beta + n + k) / (alpha + beta + n + k);
    sum += survival * discount;
    discount /= 1 + d;
  }
  return sum;
}

describe('sbgDerl', () => {
  it('gives the published DERL of a "High End" customer with seven renewals at 10%: 7.53', () => {
    // Fader & Hardie (2010), "Customer-base valuation in a contractual setting", with the
    // parameters of Fader & Hardie (2007): alpha = 0.668, beta = 3.806.
    const derl = sbgDerl({ alpha: 0.668, beta: 3.806 }, 0.1, 7);
    expect(derl.toFixed(2)).toBe('7.53');
    expect(derl).toBeCloseTo(derlBySum(0.668, 3.806, 0.1, 7), 10);
  });

  it('agrees with the truncated discounted sum of survival probabilities', () => {
    for (const [alpha, beta] of [[0.668, 3.806], [1, 1], [2, 3], [0.2, 0.5], [5, 1.5], [30, 200]]) {
      for (const d of [0.01, 0.1, 0.5, 2]) {
        for (const n of [0, 1, 7, 40]) {
          const expected = derlBySum(alpha, beta, d, n);
          expect(Math.abs(sbgDerl({ alpha, beta }, d, n) / expected - 1)).toBeLessThan(1e-9);
        }
      }
    }
  });

  it('matches closed forms worked out by hand', () => {
    // α = β = 1: S(k + 1) = 1 / (k + 2), so DERL(d, 0) = Σ z^k / (k + 2) = (-ln(1 - z) - z) / z²;
    // at d = 1 (z = 1/2): 4 (ln 2 - 1/2).
    expect(sbgDerl({ alpha: 1, beta: 1 }, 1, 0)).toBeCloseTo(4 * (Math.LN2 - 0.5), 12);
    // A customer who renewed once: S(k + 2) / S(1) = 2 / (k + 3), DERL = 2 Σ z^k / (k + 3) = 2 (-ln(1 - z) - z - z²/2) / z³;
    // at z = 1/2: 16 (ln 2 - 1/2 - 1/8).
    expect(sbgDerl({ alpha: 1, beta: 1 }, 1, 1)).toBeCloseTo(16 * (Math.LN2 - 0.625), 12);
    // Nearly homogeneous θ = 0.2 (α = 2e5, β = 8e5): geometric, DERL = 0.8 / (1 - 0.8 / 1.1) = 2.9333...
    expect(sbgDerl({ alpha: 2e5, beta: 8e5 }, 0.1, 3)).toBeCloseTo(0.8 / (1 - 0.8 / 1.1), 4);
  });

  it('is the renewal probability when the future is discounted away, and rises with loyalty', () => {
    // d → ∞: only the next renewal counts, (β + n) / (α + β + n).
    expect(sbgDerl({ alpha: 0.668, beta: 3.806 }, 1e9, 7)).toBeCloseTo(10.806 / 11.474, 6);
    const p = { alpha: 0.668, beta: 3.806 };
    // Survivors are the low-churn customers, so more renewals mean a longer expected residual lifetime.
    expect(sbgDerl(p, 0.1, 0)).toBeLessThan(sbgDerl(p, 0.1, 1));
    expect(sbgDerl(p, 0.1, 7)).toBeLessThan(sbgDerl(p, 0.1, 20));
  });

  it('stays finite and within (0, (1 + d) / d] at the extremes', () => {
    const extremes = [1e-8, 1e-3, 1, 1e3, 1e8];
    for (const alpha of extremes) {
      for (const beta of extremes) {
        for (const n of [0, 10_000]) {
          for (const d of [1e-3, 0.1, 100]) {
            const derl = sbgDerl({ alpha, beta }, d, n);
            expect(Number.isFinite(derl), `alpha ${alpha} beta ${beta} n ${n} d ${d}`).toBe(true);
            expect(derl).toBeGreaterThan(0);
            expect(derl).toBeLessThanOrEqual((1 + d) / d);
          }
        }
      }
    }
  });

  it('rejects a discount rate that is not positive and malformed renewals', () => {
    expect(() => sbgDerl({ alpha: 1, beta: 1 }, 0, 0)).toThrow(RangeError);
    expect(() => sbgDerl({ alpha: 1, beta: 1 }, Number.NaN, 0)).toThrow(RangeError);
    expect(() => sbgDerl({ alpha: 1, beta: 1 }, 0.1, -1)).toThrow(RangeError);
    expect(() => sbgDerl({ alpha: 1, beta: 1 }, 0.1, 2.5)).toThrow(RangeError);
  });
});

describe('sbgDel', () => {
  it('counts the first payment: DEL = Σ_{t>=0} S(t) / (1 + d)^t', () => {
    // α = β = 1: Σ z^t / (t + 1) = -ln(1 - z) / z; at d = 0.1 (z = 1/1.1): 1.1 ln 11.
    expect(sbgDel({ alpha: 1, beta: 1 }, 0.1)).toBeCloseTo(1.1 * Math.log(11), 11);
    // α = 2, β = 1: S(t) = 2 / ((t + 1)(t + 2)); at z = 1/2 the sum is 4 - 4 ln 2.
    expect(sbgDel({ alpha: 2, beta: 1 }, 1)).toBeCloseTo(4 - 4 * Math.LN2, 12);
    // And 1 + DERL(d, 0) / (1 + d) for the "High End" customers.
    expect(sbgDel({ alpha: 0.668, beta: 3.806 }, 0.1)).toBeCloseTo(1 + derlBySum(0.668, 3.806, 0.1, 0) / 1.1, 10);
  });
});

import { describe, expect, it } from 'vitest';
import {
  sbgChurnAt, sbgConditionalSurvival, sbgExpectedRenewals, sbgExpectedRenewalsWithin, sbgLogSurvival, sbgRenewalProbability,
  sbgRetentionCurve, sbgRetentionRate, sbgSurvival, sbgSurvivalCurve,
} from './sbg.model';

const uniform = { alpha: 1, beta: 1 };
/** Fader & Hardie (2007), "How to project customer retention": the fit on the "High End" customers. */
const highEnd = { alpha: 0.668, beta: 3.806 };

describe('sBG closed forms', () => {
  it('with θ uniform (α = β = 1): S(t) = 1/(t + 1), P(T = t) = 1/(t(t + 1)), r_t = t/(t + 1)', () => {
    // S(t) = B(1, 1 + t) / B(1, 1) = Γ(1 + t) / Γ(2 + t) = 1 / (t + 1).
    for (const t of [0, 1, 2, 5, 100]) expect(sbgSurvival(uniform, t)).toBeCloseTo(1 / (t + 1), 14);
    for (const t of [1, 2, 3, 50]) expect(sbgChurnAt(uniform, t)).toBeCloseTo(1 / (t * (t + 1)), 14);
    expect(sbgRetentionCurve(uniform, 3)).toEqual([1 / 2, 2 / 3, 3 / 4]);
  });

  it('with α = 2, β = 3, as worked out by hand', () => {
    // r_1 = 3/5, r_2 = 4/6, r_3 = 5/7: S = 1, 3/5, 2/5, 2/7; P(T = 2) = B(3, 4) / B(2, 3) = (1/60) / (1/12) = 1/5.
    const p = { alpha: 2, beta: 3 };
    const curve = sbgSurvivalCurve(p, 3);
    [1, 3 / 5, 2 / 5, 2 / 7].forEach((s, t) => expect(curve[t]).toBeCloseTo(s, 14));
    expect(sbgChurnAt(p, 1)).toBeCloseTo(2 / 5, 14);
    expect(sbgChurnAt(p, 2)).toBeCloseTo(1 / 5, 14);
    expect(sbgConditionalSurvival(p, 1, 2)).toBeCloseTo((2 / 7) / (3 / 5), 14);
    // Σ_{k>=1} S(n + k) / S(n) = (β + n) / (α - 1): 3 for n = 0, 5 for n = 2.
    expect(sbgExpectedRenewals(p, 0)).toBeCloseTo(3, 14);
    expect(sbgExpectedRenewals(p, 2)).toBeCloseTo(5, 14);
    // Within the next two renewal points, for n = 0: S(1) + S(2) = 3/5 + 2/5 = 1.
    expect(sbgExpectedRenewalsWithin(p, 0, 2)).toBeCloseTo(1, 14);
  });

  it('indexes the renewal probability as the paper does: after n renewals, (β + n) / (α + β + n)', () => {
    // n = 0 (a new customer): β / (α + β), the mean of 1 - θ; it is the period-1 retention rate r_1.
    expect(sbgRenewalProbability(highEnd, 0)).toBeCloseTo(3.806 / 4.474, 14);
    expect(sbgRenewalProbability(highEnd, 0)).toBe(sbgRetentionRate(highEnd, 1));
    // Seven renewals: (3.806 + 7) / (0.668 + 3.806 + 7) = 10.806 / 11.474.
    expect(sbgRenewalProbability(highEnd, 7)).toBeCloseTo(10.806 / 11.474, 14);
    // It is S(n + 1) / S(n).
    expect(sbgRenewalProbability(highEnd, 7)).toBeCloseTo(sbgSurvival(highEnd, 8) / sbgSurvival(highEnd, 7), 13);
  });

  it('has no finite lifetime mean when α <= 1', () => {
    expect(sbgExpectedRenewals(uniform, 0)).toBeNull();
    expect(sbgExpectedRenewals(highEnd, 7)).toBeNull();
  });

  it('projects the "High End" retention curve of Fader & Hardie (2007)', () => {
    // Retention rates r_t = (3.806 + t - 1) / (4.474 + t - 1), by hand: they rise with t as the
    // high-churn customers leave (the paper's point against a constant retention rate).
    const rates = sbgRetentionCurve(highEnd, 4);
    [3.806 / 4.474, 4.806 / 5.474, 5.806 / 6.474, 6.806 / 7.474].forEach((r, i) => expect(rates[i]).toBeCloseTo(r, 14));
    // The paper's actual "High End" survival for years 0..12 (Table 1; years 0..7 calibrate the
    // fit, 8..12 are its holdout, which the sBG projection tracks within two points).
    const actual = [1, 0.869, 0.743, 0.653, 0.593, 0.551, 0.517, 0.491, 0.468, 0.445, 0.427, 0.409, 0.394];
    const projected = sbgSurvivalCurve(highEnd, 12);
    for (let t = 0; t <= 12; t++) expect(Math.abs(projected[t] - actual[t])).toBeLessThan(0.02);
    // S(12) by the product of the twelve rates r_1..r_12.
    let s = 1;
    for (let t = 1; t <= 12; t++) s *= (3.806 + t - 1) / (4.474 + t - 1);
    expect(projected[12]).toBeCloseTo(s, 13);
  });

  it('stays finite and in range for extreme parameters and long tenures', () => {
    const extremes = [1e-8, 1e-3, 1, 1e3, 1e8];
    for (const alpha of extremes) {
      for (const beta of extremes) {
        const p = { alpha, beta };
        for (const n of [0, 1, 10_000]) {
          const s = sbgSurvival(p, n);
          const renew = sbgRenewalProbability(p, n);
          expect(Number.isFinite(s) && s >= 0 && s <= 1).toBe(true);
          expect(Number.isFinite(renew) && renew >= 0 && renew <= 1).toBe(true);
          expect(Number.isFinite(sbgLogSurvival(p, n))).toBe(true);
          if (n > 0) expect(Number.isFinite(sbgChurnAt(p, n))).toBe(true);
          const mean = sbgExpectedRenewals(p, n);
          expect(mean === null || Number.isFinite(mean)).toBe(true);
        }
      }
    }
    // Tiny α, huge β: almost nobody churns; S(10000) ≈ exp(-α · 10000 / β) ≈ 1 - 1e-12, never above 1.
    expect(sbgSurvival({ alpha: 1e-8, beta: 1e8 }, 10_000)).toBeCloseTo(1, 11);
    expect(sbgLogSurvival({ alpha: 1e-8, beta: 1e8 }, 10_000) / (-1e-8 * 10_000 / 1e8)).toBeCloseTo(1, 4);
  });

  it('rejects invalid parameters and periods', () => {
    expect(() => sbgSurvival({ alpha: 0, beta: 1 }, 1)).toThrow(RangeError);
    expect(() => sbgSurvival({ alpha: 1, beta: Number.POSITIVE_INFINITY }, 1)).toThrow(RangeError);
    expect(() => sbgSurvival(uniform, -1)).toThrow(RangeError);
    expect(() => sbgChurnAt(uniform, 0)).toThrow(RangeError);
    expect(() => sbgRenewalProbability(uniform, 1.5)).toThrow(RangeError);
  });
});

import { describe, expect, it } from 'vitest';
import { ModelFitError } from '../btyd/model-fit-error';
import { fitSbg, fitSbgFromSurvival, SBG_MAX_CONCENTRATION, sbgLogLikelihood } from './sbg-fit';
import { sbgLogSurvival } from './sbg.model';

/**
 * Share of an acquired cohort of "High End" customers still renewing at the start of years 0..7:
 * Fader & Hardie (2007), "How to project customer retention", J. Interactive Marketing 21(1),
 * fitted there to alpha = 0.668, beta = 3.806 (a cohort of 1,000 customers).
 */
const HIGH_END = [1.0, 0.869, 0.743, 0.653, 0.593, 0.551, 0.517, 0.491];

/** The same log-likelihood written independently: S(t) as a product of the retention rates (β + j - 1) / (α + β + j - 1). */
function handLogLikelihood(alpha: number, beta: number, survival: number[], size: number): number {
  let s = 1;
  let ll = 0;
  for (let t = 1; t < survival.length; t++) {
    const churnAt = (s * alpha) / (alpha + beta + t - 1);
    ll += (survival[t - 1] - survival[t]) * size * Math.log(churnAt);
    s *= (beta + t - 1) / (alpha + beta + t - 1);
  }
  return ll + survival[survival.length - 1] * size * Math.log(s);
}

describe('fitSbgFromSurvival', () => {
  it('reproduces the published "High End" fit within 0.5%', () => {
    const fit = fitSbgFromSurvival(HIGH_END, { cohortSize: 1000 });
    expect(fit.converged).toBe(true);
    expect(Math.abs(fit.params.alpha / 0.668 - 1)).toBeLessThan(0.005);
    expect(Math.abs(fit.params.beta / 3.806 - 1)).toBeLessThan(0.005);
    expect(fit.logLikelihood).toBeCloseTo(handLogLikelihood(fit.params.alpha, fit.params.beta, HIGH_END, 1000), 6);
    // The optimum is at least as good as the published (rounded) parameters.
    expect(fit.logLikelihood).toBeGreaterThanOrEqual(handLogLikelihood(0.668, 3.806, HIGH_END, 1000));
    expect(fit.iterations).toBeGreaterThan(0);
  });

  it('scales the likelihood and the standard errors with the cohort size, not the estimates', () => {
    const shares = fitSbgFromSurvival(HIGH_END);
    const counts = fitSbgFromSurvival(HIGH_END.map((s) => s * 1000));
    expect(counts.params.alpha).toBeCloseTo(shares.params.alpha, 5);
    expect(counts.params.beta).toBeCloseTo(shares.params.beta, 5);
    expect(counts.logLikelihood / shares.logLikelihood).toBeCloseTo(1000, 4);
    // Information grows with the cohort, so standard errors shrink by √1000.
    const se1 = shares.standardErrors;
    const se1000 = counts.standardErrors;
    expect(se1 && se1000).toBeTruthy();
    if (se1 && se1000) {
      expect(se1.alpha / se1000.alpha).toBeCloseTo(Math.sqrt(1000), 1);
      expect(se1.beta / se1000.beta).toBeCloseTo(Math.sqrt(1000), 1);
      // Both estimates are several standard errors away from zero on 1,000 customers.
      expect(se1000.alpha).toBeGreaterThan(0.02);
      expect(se1000.alpha).toBeLessThan(0.3);
    }
  });

  it('fits a two-period curve exactly: S = 1, 3/5, 2/5 is α = 2, β = 3', () => {
    // Two free parameters, two free shares: r_1 = β/(α+β) = 3/5 and r_2 = (β+1)/(α+β+1) = 2/3 solve to α = 2, β = 3.
    const fit = fitSbgFromSurvival([1, 0.6, 0.4], { cohortSize: 1000 });
    expect(fit.params.alpha).toBeCloseTo(2, 3);
    expect(fit.params.beta).toBeCloseTo(3, 3);
    // θ uniform: S = 1, 1/2, 1/3.
    const uniform = fitSbgFromSurvival([1, 1 / 2, 1 / 3], { cohortSize: 1000 });
    expect(uniform.params.alpha).toBeCloseTo(1, 3);
    expect(uniform.params.beta).toBeCloseTo(1, 3);
  });

  it('refuses data that cannot identify the model', () => {
    expect(() => fitSbgFromSurvival([1, 1, 1])).toThrow(ModelFitError);
    expect(() => fitSbgFromSurvival([1, 1, 1])).toThrow(/no customer churned/);
    expect(() => fitSbgFromSurvival([1, 0])).toThrow(/no customer ever renewed/);
  });

  it('approaches the geometric model on a homogeneous cohort', () => {
    // A constant retention of 1/2 means no heterogeneity: the likelihood keeps rising along
    // α = β → ∞ and flattens out; wherever the optimiser stops, θ's mean α / (α + β) is 1/2 and
    // its spread is negligible, so the retention curve is flat at 1/2.
    const fit = fitSbgFromSurvival([1, 0.5, 0.25, 0.125], { cohortSize: 1000 });
    const { alpha, beta } = fit.params;
    expect(alpha / (alpha + beta)).toBeCloseTo(0.5, 3);
    expect(alpha).toBeGreaterThan(100);
    expect((beta + 10) / (alpha + beta + 10)).toBeCloseTo(0.5, 3);
  });

  it('stops at the cap on α + β on a long homogeneous history, with the geometric churn rate', () => {
    // One churn probability for everyone (2.5% a month, as the demo data's contracts): the
    // likelihood rises along α + β → ∞ without end. Before the cap, the fit ran out of iterations.
    const curve = Array.from({ length: 25 }, (_, t) => 0.975 ** t);
    const fit = fitSbgFromSurvival(curve, { cohortSize: 3000 });
    const { alpha, beta } = fit.params;
    // Far along the ridge (where exactly is the optimiser's tolerance), never past the cap.
    expect(alpha + beta).toBeGreaterThan(SBG_MAX_CONCENTRATION / 10);
    expect(alpha + beta).toBeLessThanOrEqual(SBG_MAX_CONCENTRATION * (1 + 1e-9));
    expect(alpha / (alpha + beta)).toBeCloseTo(0.025, 5);
    // The retention curve is the geometric one: S(t) = (1 - θ)^t.
    for (const t of [1, 12, 24]) expect(Math.exp(sbgLogSurvival(fit.params, t)) / curve[t]).toBeCloseTo(1, 4);
    expect(fit.standardErrors).toBeNull();
    // A heterogeneous cohort stays well inside it, with standard errors.
    const spread = fitSbgFromSurvival(HIGH_END, { cohortSize: 1000 });
    expect(spread.params.alpha + spread.params.beta).toBeLessThan(100);
    expect(spread.standardErrors).not.toBeNull();
  });

  it('rejects malformed curves', () => {
    expect(() => fitSbgFromSurvival([1])).toThrow(RangeError);
    expect(() => fitSbgFromSurvival([1, 0.8, 0.9])).toThrow(/can only shrink/);
    expect(() => fitSbgFromSurvival([1, Number.NaN])).toThrow(RangeError);
    expect(() => fitSbgFromSurvival([0, 0])).toThrow(RangeError);
    expect(() => fitSbgFromSurvival(HIGH_END, { cohortSize: 0 })).toThrow(RangeError);
  });
});

describe('fitSbg (individual histories)', () => {
  it('gives the aggregate fit when the cohort is written out customer by customer', () => {
    // 1,000 "High End" customers: 131 churned in year 1, 126 in year 2, ..., 491 still there after 7 renewals.
    const lost = [131, 126, 90, 60, 42, 34, 26];
    const observations = [
      ...lost.map((weight, i) => ({ periodsSurvived: i + 1, churned: true, weight })),
      { periodsSurvived: 7, churned: false, weight: 491 },
    ];
    expect(lost.reduce((a, b) => a + b, 0) + 491).toBe(1000);
    const fit = fitSbg(observations);
    expect(Math.abs(fit.params.alpha / 0.668 - 1)).toBeLessThan(0.005);
    expect(Math.abs(fit.params.beta / 3.806 - 1)).toBeLessThan(0.005);
    expect(fit.logLikelihood).toBeCloseTo(handLogLikelihood(fit.params.alpha, fit.params.beta, HIGH_END, 1000), 6);
  });

  it('uses customers observed for different lengths of time (right-censored at different tenures)', () => {
    // Survivors censored early still count: S(t) for each. With α = 2, β = 3 the exact expected
    // split of 1,000 two-year customers plus 500 one-year customers (300 renewed, 200 churned) is
    // still saturated in (S(1), S(2)), so the fit recovers α = 2, β = 3 again.
    const observations = [
      { periodsSurvived: 1, churned: true, weight: 400 + 200 },
      { periodsSurvived: 2, churned: true, weight: 200 },
      { periodsSurvived: 2, churned: false, weight: 400 },
      { periodsSurvived: 1, churned: false, weight: 300 },
    ];
    const fit = fitSbg(observations);
    expect(fit.params.alpha).toBeCloseTo(2, 3);
    expect(fit.params.beta).toBeCloseTo(3, 3);
  });

  it('ignores customers with no renewal point yet (S(0) = 1 carries no information)', () => {
    const base = [
      { periodsSurvived: 1, churned: true, weight: 400 },
      { periodsSurvived: 2, churned: true, weight: 200 },
      { periodsSurvived: 2, churned: false, weight: 400 },
    ];
    const withNew = [...base, { periodsSurvived: 0, churned: false, weight: 5000 }];
    const p = { alpha: 1.3, beta: 2.2 };
    expect(sbgLogLikelihood(p, withNew)).toBeCloseTo(sbgLogLikelihood(p, base), 10);
    expect(fitSbg(withNew).params.alpha).toBeCloseTo(2, 3);
  });

  it('rejects malformed observations', () => {
    expect(() => fitSbg([{ periodsSurvived: 0, churned: true, weight: 1 }])).toThrow(/integer >= 1 for a churned customer/);
    expect(() => fitSbg([{ periodsSurvived: 1.5, churned: false, weight: 1 }])).toThrow(RangeError);
    expect(() => fitSbg([{ periodsSurvived: 1, churned: true, weight: 0 }])).toThrow(RangeError);
    expect(() => fitSbg([])).toThrow(ModelFitError);
  });
});

import { describe, expect, it } from 'vitest';
import { btydOfInteractions as btydSummary } from '../testing/btyd-summary.fixture';
import { CDNOW_AS_OF, cdnowPublishedSummary, cdnowPurchases } from '../testing/cdnow.fixture';
import {
  fitGammaGamma, GAMMA_GAMMA_MAX_SHAPE, gammaGammaExpectedSpend, gammaGammaLogLikelihood, gammaGammaLogLikelihoodGradient, type GammaGammaParams,
} from './gamma-gamma.model';
import { ModelFitError } from './model-fit-error';

/** Published Gamma-Gamma fit on the 946 CDNOW repeat buyers (Fader, Hardie & Lee 2005b). */
const PUBLISHED: GammaGammaParams = { p: 6.2488, q: 3.7446, gamma: 15.448 };

const within = (actual: number, expected: number, relative: number) =>
  expect(Math.abs(actual - expected) / Math.abs(expected)).toBeLessThanOrEqual(relative);

describe('fitGammaGamma on CDNOW', () => {
  it('recovers the published parameters within 0.5% from the derived summary', () => {
    const rows = [...cdnowPurchases().values()]
      .map((purchases) => btydSummary(purchases, CDNOW_AS_OF, 'week')!)
      .filter((s) => s.x > 0 && s.meanRepeatValue !== null)
      .map((s) => ({ x: s.repeatValueDays, zbar: s.meanRepeatValue!, weight: 1 }));
    expect(rows).toHaveLength(946);
    const fit = fitGammaGamma(rows);
    within(fit.params.p, PUBLISHED.p, 0.005);
    within(fit.params.q, PUBLISHED.q, 0.005);
    within(fit.params.gamma, PUBLISHED.gamma, 0.005);
    expect(fit.converged).toBe(true);
    expect(fit.customers).toBe(946);
    expect(fit.standardErrors).not.toBeNull();
    for (const v of Object.values(fit.standardErrors!)) expect(v).toBeGreaterThan(0);
  });

  it('on the published summary (zbar in cents) the fit matches to 4 significant digits', () => {
    const rows = cdnowPublishedSummary().filter((row) => row.x > 0).map((row) => ({ x: row.x, zbar: row.zbar, weight: 1 }));
    const fit = fitGammaGamma(rows);
    within(fit.params.p, PUBLISHED.p, 5e-4);
    within(fit.params.q, PUBLISHED.q, 5e-4);
    within(fit.params.gamma, PUBLISHED.gamma, 5e-4);
  });

  it('fits spends that barely vary, stopping at the cap where the likelihood rises without end', () => {
    // Mean spends all 12.5 to 13.4 (or all 13), whatever the number of purchases: the optimiser
    // walked off along q, γ → ∞ and p → ∞ until its iteration limit, or until p·x overflowed.
    const narrow = Array.from({ length: 500 }, (_, i) => ({ x: 1 + (i % 30), zbar: 12.5 + ((i * 7) % 10) / 10, weight: 1 + (i % 5) }));
    const equal = Array.from({ length: 50 }, (_, i) => ({ x: 1 + (i % 10), zbar: 13, weight: 10 }));
    for (const rows of [narrow, equal]) {
      const fit = fitGammaGamma(rows);
      const meanSpend = rows.reduce((a, r) => a + r.weight * r.zbar, 0) / rows.reduce((a, r) => a + r.weight, 0);
      within((fit.params.p * fit.params.gamma) / (fit.params.q - 1), meanSpend, 0.01);
      // A customer's expectation is a weighted mean of their own mean spend and the population's.
      const expected = gammaGammaExpectedSpend(fit.params, 3, 40)!;
      expect(expected).toBeGreaterThan(meanSpend);
      expect(expected).toBeLessThan(40);
    }
    const atCap = fitGammaGamma(equal);
    expect(atCap.params).toMatchObject({ p: GAMMA_GAMMA_MAX_SHAPE, q: GAMMA_GAMMA_MAX_SHAPE });
    expect(atCap.standardErrors).toBeNull();
  });

  it('one row by hand, and the analytic gradient against central differences', () => {
    // x = 2, zbar = 10 at p = 2, q = 3, γ = 5: lnΓ(7) - lnΓ(4) - lnΓ(3) + 3 ln 5 + 4 ln 2 + 3 ln 10 - 7 ln 25
    // = ln 720 - ln 6 - ln 2 + 3 ln 5 + 4 ln 2 + 3 ln 10 - 7 ln 25 = ln(60·125·16·1000 / 25^7).
    const at = { p: 2, q: 3, gamma: 5 };
    expect(gammaGammaLogLikelihood(at, [{ x: 2, zbar: 10, weight: 1 }])).toBeCloseTo(Math.log((60 * 125 * 16 * 1000) / 25 ** 7), 12);
    const rows = [{ x: 1, zbar: 10, weight: 2 }, { x: 3, zbar: 25, weight: 1 }, { x: 2, zbar: 14, weight: 1 }, { x: 7, zbar: 31.5, weight: 3 }];
    const { gradient } = gammaGammaLogLikelihoodGradient(at, rows);
    (['p', 'q', 'gamma'] as const).forEach((key, i) => {
      const h = 1e-5;
      const shifted = (sign: number) => gammaGammaLogLikelihood({ ...at, [key]: at[key] * Math.exp(sign * h) }, rows);
      within(gradient[i], (shifted(1) - shifted(-1)) / (2 * h), 1e-6);
    });
  });

  it('weights are equivalent to repeated rows', () => {
    const rows = [{ x: 1, zbar: 10, weight: 1 }, { x: 3, zbar: 25, weight: 1 }, { x: 2, zbar: 14, weight: 1 }];
    const doubled = rows.map((row) => ({ ...row, weight: 2 }));
    expect(gammaGammaLogLikelihood(PUBLISHED, doubled)).toBeCloseTo(2 * gammaGammaLogLikelihood(PUBLISHED, rows), 10);
  });

  it('throws ModelFitError without usable rows', () => {
    expect(() => fitGammaGamma([])).toThrow(ModelFitError);
    expect(() => fitGammaGamma([{ x: 0, zbar: 10, weight: 1 }, { x: 2, zbar: 0, weight: 3 }])).toThrow(/Gamma-Gamma/);
  });
});

describe('gammaGammaExpectedSpend', () => {
  it('matches the hand calculation for CDNOW customer 1 (x = 2, zbar = 22.35)', () => {
    // (γ + x·zbar)·p/(p·x + q - 1) = (15.448 + 44.70)·6.2488/(12.4976 + 2.7446) = 375.8529/15.2422 = 24.6587
    within(gammaGammaExpectedSpend(PUBLISHED, 2, 22.35)!, 24.658699032948, 1e-12);
  });

  it('is the population mean p·γ/(q-1) = 6.2488·15.448/2.7446 = 35.1714 for x = 0 or no zbar', () => {
    within(gammaGammaExpectedSpend(PUBLISHED, 0, null)!, 35.171413830795, 1e-12);
    within(gammaGammaExpectedSpend(PUBLISHED, 3, null)!, 35.171413830795, 1e-12);
  });

  it('tends to zbar for many transactions and is null where no finite mean exists (q <= 1)', () => {
    within(gammaGammaExpectedSpend(PUBLISHED, 1e6, 50)!, 50, 1e-5);
    expect(gammaGammaExpectedSpend({ ...PUBLISHED, q: 0.9 }, 0, null)).toBeNull();
    expect(gammaGammaExpectedSpend({ p: 0.05, q: 0.9, gamma: 10 }, 1, 20)).toBeNull();
    // p·x + q - 1 = 0.5 + 0.9 - 1 = 0.4 > 0: (10 + 2·20)·0.25/0.4 = 31.25
    expect(gammaGammaExpectedSpend({ p: 0.25, q: 0.9, gamma: 10 }, 2, 20)).toBeCloseTo(31.25, 12);
  });

  it('stays finite for huge values and rejects invalid parameters', () => {
    expect(Number.isFinite(gammaGammaExpectedSpend({ p: 1e-6, q: 1e6, gamma: 1e6 }, 5000, 1e9)!)).toBe(true);
    expect(() => gammaGammaExpectedSpend({ ...PUBLISHED, p: -1 }, 1, 1)).toThrow(RangeError);
  });
});

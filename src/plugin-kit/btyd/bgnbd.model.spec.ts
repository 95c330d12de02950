import { describe, expect, it } from 'vitest';
import { collapseRfTuples, type RfTuple } from '../../numerics/weighted-tuples';
import {
  type BgNbdParams, bgnbdExpectedTransactions, bgnbdExpectedTransactionsUnconditional, bgnbdLogLikelihood, bgnbdLogLikelihoodGradient, bgnbdPAlive,
  fitBgNbd,
} from './bgnbd.model';
import { simulatedSubjects } from '../testing/bgnbd-subjects.fixture';
import type { TimeUnit } from './btyd-summary';
import { btydOfInteractions as btydSummary } from '../testing/btyd-summary.fixture';
import { CDNOW_AS_OF, cdnowPurchases } from '../testing/cdnow.fixture';
import { ModelFitError } from './model-fit-error';

/** Published BG/NBD fit on the CDNOW calibration period (Fader, Hardie & Lee 2005). */
const PUBLISHED: BgNbdParams = { r: 0.2426, alpha: 4.4135, a: 0.7929, b: 2.4258 };
const PUBLISHED_LL = -9582.43;

const cdnowTuples = (unit: TimeUnit): RfTuple[] =>
  collapseRfTuples([...cdnowPurchases().values()].map((purchases) => btydSummary(purchases, CDNOW_AS_OF, unit)!));

const within = (actual: number, expected: number, relative: number) =>
  expect(Math.abs(actual - expected) / Math.abs(expected)).toBeLessThanOrEqual(relative);

describe('fitBgNbd on CDNOW', () => {
  const tuples = cdnowTuples('week');
  const fit = fitBgNbd(tuples);

  it('recovers the published parameters and log-likelihood within 0.5%', () => {
    within(fit.params.r, PUBLISHED.r, 0.005);
    within(fit.params.alpha, PUBLISHED.alpha, 0.005);
    within(fit.params.a, PUBLISHED.a, 0.005);
    within(fit.params.b, PUBLISHED.b, 0.005);
    within(fit.logLikelihood, PUBLISHED_LL, 0.005);
    // The optimum is well determined: the log-likelihood agrees to the published 2 decimals.
    expect(fit.logLikelihood).toBeCloseTo(PUBLISHED_LL, 2);
  });

  it('reports convergence, positive standard errors and the collapsed population', () => {
    expect(fit.converged).toBe(true);
    expect(fit.iterations).toBeGreaterThan(0);
    expect(fit.evaluations).toBeGreaterThan(fit.iterations);
    expect(fit.standardErrors).not.toBeNull();
    for (const v of Object.values(fit.standardErrors!)) expect(v).toBeGreaterThan(0);
    // Standard errors are an order of magnitude below the estimates (2,357 customers).
    expect(fit.standardErrors!.r).toBeLessThan(fit.params.r / 5);
    expect(fit.customers).toBe(2357);
    expect(fit.distinctTuples).toBe(tuples.length);
    expect(fit.distinctTuples).toBeLessThan(fit.customers);
  });

  it('the analytic gradient matches central differences of the log-likelihood (on log-parameters)', () => {
    const at = { r: 0.3, alpha: 5, a: 0.7, b: 2.9 };
    const { value, gradient } = bgnbdLogLikelihoodGradient(at, tuples);
    expect(value).toBeCloseTo(bgnbdLogLikelihood(at, tuples), 8);
    const keys = ['r', 'alpha', 'a', 'b'] as const;
    keys.forEach((key, i) => {
      const h = 1e-5;
      const shifted = (sign: number) => bgnbdLogLikelihood({ ...at, [key]: at[key] * Math.exp(sign * h) }, tuples);
      within(gradient[i], (shifted(1) - shifted(-1)) / (2 * h), 1e-6);
    });
  });

  it('the log-likelihood at the published parameters is the published one', () => {
    expect(bgnbdLogLikelihood(PUBLISHED, tuples)).toBeCloseTo(PUBLISHED_LL, 1);
  });

  it('in days, α scales by 7 and r, a, b stay (the model is invariant to the time unit)', () => {
    const days = fitBgNbd(cdnowTuples('day'));
    within(days.params.alpha, fit.params.alpha * 7, 1e-3);
    within(days.params.r, fit.params.r, 1e-3);
    within(days.params.a, fit.params.a, 1e-3);
    within(days.params.b, fit.params.b, 1e-3);
  });
});

describe('fitBgNbd along a ridge', () => {
  it('a sample whose likelihood rises towards homogeneous dropout (a, b -> ∞) converges there, without standard errors', () => {
    // Drawn from BG/NBD(0.25, 4, 0.8, 2.5), this 400-customer sample happens to favour a point-mass p.
    const subjects = simulatedSubjects({ customers: 400, seed: 11, asOf: new Date('2026-01-01T00:00:00Z') });
    const tuples = collapseRfTuples(subjects.map((s) => btydSummary(s.interactions!, new Date('2026-01-01T00:00:00Z'), 'week')!));
    const fit = fitBgNbd(tuples);
    expect(fit.converged).toBe(true);
    expect(fit.params.a).toBeGreaterThan(1e4);
    expect(fit.params.b).toBeGreaterThan(1e4);
    expect(fit.standardErrors).toBeNull();
    // The dropout probability a/(a+b) is still well determined, and predictions stay finite.
    const p = fit.params.a / (fit.params.a + fit.params.b);
    expect(p).toBeGreaterThan(0.05);
    expect(p).toBeLessThan(0.4);
    expect(Number.isFinite(bgnbdExpectedTransactions(fit.params, 3, 10, 40, 52))).toBe(true);
  });
});

describe('fitBgNbd errors', () => {
  it('throws ModelFitError without customers or without any repeat buyer', () => {
    expect(() => fitBgNbd([])).toThrow(ModelFitError);
    expect(() => fitBgNbd([{ x: 0, tx: 0, T: 10, weight: 5 }])).toThrow(/BG\/NBD.*repeat purchase/);
  });

  it('throws ModelFitError naming the model and the iterations when the optimiser runs out', () => {
    expect(() => fitBgNbd(cdnowTuples('week'), { maxIterations: 3 })).toThrow(/^BG\/NBD fit failed: iteration limit reached before convergence \(after \d+ iterations\)$/);
  });
});

// ---- Independent checks of the per-customer formulas -------------------------------------------

/**
 * E[X(t) | alive, x, T] by direct integration over the posterior of the dropout probability.
 * Given alive, λ | data ~ Gamma(r+x, α+T) and p | data ~ Beta(a, b+x) independently, and a
 * customer alive now with (λ, p) expects (1 - e^{-λpt})/p transactions, so
 *   E = ∫ (1 - (1 + p·t/(α+T))^-(r+x)) / p · Beta(p; a, b+x) dp.
 * With p = u^(1/a) the p^(a-1) singularity disappears; Simpson's rule on [0, 1], and the Beta
 * normaliser by the same quadrature, so nothing here shares code with the model.
 */
function aliveExpectationByQuadrature({ r, alpha, a, b }: BgNbdParams, x: number, T: number, t: number): number {
  const m = r + x;
  const k = t / (alpha + T);
  const beta = b + x;
  const g = (p: number) => (p === 0 ? m * k : -Math.expm1(-m * Math.log1p(p * k)) / p);
  const n = 400_000;
  let numerator = 0;
  let normaliser = 0;
  for (let i = 0; i <= n; i++) {
    const u = i / n;
    const p = Math.pow(u, 1 / a);
    const weight = (i === 0 || i === n ? 1 : i % 2 ? 4 : 2) * (p >= 1 ? (beta === 1 ? 1 : 0) : Math.pow(1 - p, beta - 1));
    numerator += weight * g(p);
    normaliser += weight;
  }
  return numerator / normaliser;
}

/** The raw Gauss series of 2F1(a, b; c; z), summed term by term (|z| < 1). */
function hyp2f1BruteForce(a: number, b: number, c: number, z: number): number {
  let term = 1;
  let sum = 1;
  for (let n = 0; n < 100_000; n++) {
    term *= ((a + n) * (b + n) * z) / ((c + n) * (n + 1));
    sum += term;
    if (Math.abs(term) < 1e-17 * Math.abs(sum)) break;
  }
  return sum;
}

/** FHL 2005 eq. 10 as printed, with the brute-force series. */
function eq10({ r, alpha, a, b }: BgNbdParams, x: number, tx: number, T: number, t: number): number {
  const z = t / (alpha + T + t);
  const bracket = 1 - Math.pow((alpha + T) / (alpha + T + t), r + x) * hyp2f1BruteForce(r + x, b + x, a + b + x - 1, z);
  const odds = x > 0 ? (a / (b + x - 1)) * Math.pow((alpha + T) / (alpha + tx), r + x) : 0;
  return (((a + b + x - 1) / (a - 1)) * bracket) / (1 + odds);
}

/*
 * Reference values with the published parameters, from eq. 10 and eq. 13 evaluated in mpmath 1.3
 * (30 significant digits, its own hyp2f1):
 *   x=2,  t_x=30.43, T=38.86, t=39: P(alive) 0.726607997300156, E 1.22591119989922 (FHL quote 1.226)
 *   x=0,  T=38.86,   t=39:          P(alive) 1,                 E 0.194786550387155
 *   x=20, t_x=38,    T=38.86, t=39: P(alive) 0.94736531531844,  E 13.4260195932795
 *   x=20, t_x=10,    T=38.86, t=39: P(alive) 5.84570945930995e-9, E 8.28451374229731e-8
 *   x=1,  t_x=1.71,  T=38.86, t=52: P(alive) 0.212224459248039, E 0.259904760946555
 *   new customer (x=0, T=0), t=39: E 1.1950518784095
 * Hand check of the first P(alive): a/(b+x-1) = 0.7929/3.4258 = 0.231450;
 * ((α+T)/(α+t_x))^(r+x) = (43.2735/34.8435)^2.2426 = 1.241939^2.2426 = 1.625654;
 * 1/(1 + 0.231450·1.625654) = 1/1.376262 = 0.726608.
 */
const CASES = [
  { name: 'FHL customer x=2', x: 2, tx: 30.43, T: 38.86, t: 39, pAlive: 0.726607997300156, expected: 1.22591119989922 },
  { name: 'zero-repeat buyer', x: 0, tx: 0, T: 38.86, t: 39, pAlive: 1, expected: 0.194786550387155 },
  { name: 'heavy buyer', x: 20, tx: 38, T: 38.86, t: 39, pAlive: 0.94736531531844, expected: 13.4260195932795 },
  { name: 'lapsed heavy buyer', x: 20, tx: 10, T: 38.86, t: 39, pAlive: 5.84570945930995e-9, expected: 8.28451374229731e-8 },
  { name: 'one early repeat', x: 1, tx: 1.71, T: 38.86, t: 52, pAlive: 0.212224459248039, expected: 0.259904760946555 },
];

describe('BG/NBD per-customer predictions against independent values', () => {
  for (const c of CASES) {
    it(`${c.name}: P(alive) and E[X(t)] match mpmath, eq. 10 by brute force, and the posterior integral`, () => {
      within(bgnbdPAlive(PUBLISHED, c.x, c.tx, c.T), c.pAlive, 1e-12);
      const e = bgnbdExpectedTransactions(PUBLISHED, c.x, c.tx, c.T, c.t);
      within(e, c.expected, 1e-11);
      within(e, eq10(PUBLISHED, c.x, c.tx, c.T, c.t), 1e-9);
      within(e, c.pAlive * aliveExpectationByQuadrature(PUBLISHED, c.x, c.T, c.t), 1e-6);
    });
  }

  it('the FHL 2005 worked example rounds to the published 1.226', () => {
    expect(bgnbdExpectedTransactions(PUBLISHED, 2, 30.43, 38.86, 39).toFixed(3)).toBe('1.226');
  });

  it('unconditional E[X(t)] for a new customer (eq. 9) matches mpmath and the integral at T = 0', () => {
    within(bgnbdExpectedTransactionsUnconditional(PUBLISHED, 39), 1.1950518784095, 1e-11);
    within(bgnbdExpectedTransactionsUnconditional(PUBLISHED, 10), aliveExpectationByQuadrature(PUBLISHED, 0, 0, 10), 1e-6);
  });

  it('a = 1 (the 0/0 of eq. 10) is continuous with its neighbours and matches the integral', () => {
    const at = (a: number) => bgnbdExpectedTransactions({ ...PUBLISHED, a }, 3, 20, 38.86, 39);
    const one = at(1);
    expect(Math.abs(one - (at(1 - 1e-7) + at(1 + 1e-7)) / 2)).toBeLessThan(1e-9);
    within(one, bgnbdPAlive({ ...PUBLISHED, a: 1 }, 3, 20, 38.86) * aliveExpectationByQuadrature({ ...PUBLISHED, a: 1 }, 3, 38.86, 39), 1e-6);
  });

  it('predictions grow with the horizon and vanish at t = 0', () => {
    expect(bgnbdExpectedTransactions(PUBLISHED, 2, 30.43, 38.86, 0)).toBe(0);
    const horizons = [1, 5, 20, 39, 100, 520].map((t) => bgnbdExpectedTransactions(PUBLISHED, 2, 30.43, 38.86, t));
    horizons.slice(1).forEach((v, i) => expect(v).toBeGreaterThan(horizons[i]));
  });
});

describe('BG/NBD numerical safety', () => {
  const extremes: BgNbdParams[] = [
    PUBLISHED,
    { ...PUBLISHED, alpha: 1e-6 },
    { ...PUBLISHED, alpha: 1e6 },
    { r: 1e-6, alpha: 1e-6, a: 1e-6, b: 1e-6 },
    { r: 1e6, alpha: 1e6, a: 1e6, b: 1e6 },
    { r: 50, alpha: 0.01, a: 5, b: 0.1 },
  ];
  const customers = [
    { x: 0, tx: 0, T: 38.86 }, { x: 0, tx: 0, T: 0 }, { x: 3, tx: 38.86, T: 38.86 }, { x: 5000, tx: 38.86, T: 38.86 },
    { x: 5000, tx: 1, T: 38.86 }, { x: 1, tx: 0, T: 1e-9 }, { x: 40, tx: 400, T: 500 },
  ];

  it('P(alive) is in [0, 1] and E[X(t)] finite and >= 0 everywhere', () => {
    for (const params of extremes) {
      for (const c of customers) {
        for (const t of [1e-9, 1, 39, 1e4]) {
          const p = bgnbdPAlive(params, c.x, c.tx, c.T);
          const e = bgnbdExpectedTransactions(params, c.x, c.tx, c.T, t);
          const where = `${JSON.stringify(params)} ${JSON.stringify(c)} t=${t}`;
          expect(p >= 0 && p <= 1, where).toBe(true);
          expect(Number.isFinite(e) && e >= 0, `${where}: ${e}`).toBe(true);
        }
        expect(Number.isFinite(bgnbdExpectedTransactionsUnconditional(params, 39))).toBe(true);
      }
    }
  });

  it('x = 0 is alive for sure; t_x = T with many repeats is almost surely alive; long silence after 5000 repeats is dead', () => {
    expect(bgnbdPAlive(PUBLISHED, 0, 0, 38.86)).toBe(1);
    // a/(b+x-1) = 0.7929/5001.4258 = 1.5854e-4 and the ratio term is 1 at t_x = T: P = 1/(1 + 1.5854e-4).
    within(bgnbdPAlive(PUBLISHED, 5000, 38.86, 38.86), 1 / (1 + 0.7929 / 5001.4258), 1e-12);
    expect(bgnbdPAlive(PUBLISHED, 5000, 1, 38.86)).toBe(0);
    // A customer alive with x = 5000 in 38.86 weeks keeps the posterior rate (r+x)/(α+T) = 5000.2426/43.2735 for a short t:
    within(bgnbdExpectedTransactions(PUBLISHED, 5000, 38.86, 38.86, 1e-6) / 1e-6, bgnbdPAlive(PUBLISHED, 5000, 38.86, 38.86) * 5000.2426 / 43.2735, 1e-4);
  });

  it('rejects invalid parameters instead of returning NaN', () => {
    expect(() => bgnbdPAlive({ ...PUBLISHED, a: 0 }, 1, 1, 2)).toThrow(RangeError);
    expect(() => bgnbdExpectedTransactions({ ...PUBLISHED, r: Number.NaN }, 1, 1, 2, 3)).toThrow(RangeError);
  });
});

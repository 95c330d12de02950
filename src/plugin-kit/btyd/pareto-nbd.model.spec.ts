import { describe, expect, it } from 'vitest';
import { logGamma } from '../../numerics/log-gamma';
import { collapseRfTuples, type RfTuple, RfTupleAccumulator } from '../../numerics/weighted-tuples';
import { simulatedSubjects } from '../testing/bgnbd-subjects.fixture';
import { btydOfInteractions as btydSummary } from '../testing/btyd-summary.fixture';
import { cdnowPublishedSummary } from '../testing/cdnow.fixture';
import { ModelFitError } from './model-fit-error';
import {
  fitParetoNbd, type ParetoNbdFit, PARETO_NBD_MAX_R, PARETO_NBD_MAX_S, type ParetoNbdParams, paretoNbdExpectedTransactions, paretoNbdExpectedTransactionsUnconditional,
  paretoNbdLogLikelihood, paretoNbdPAlive,
} from './pareto-nbd.model';

/**
 * Published Pareto/NBD fit on the CDNOW calibration period (Fader, Hardie & Lee 2005, and Fader &
 * Hardie's note on the Pareto/NBD). The likelihood is flat along s and β, so 4 significant digits.
 */
const PUBLISHED: ParetoNbdParams = { r: 0.5533, alpha: 10.578, s: 0.6062, beta: 11.668 };
const PUBLISHED_LL = -9594.97;

/** actual rounds to expected at `digits` significant digits (within half a unit of the last one). */
const sameSignificant = (actual: number, expected: number, digits: number) => {
  const unit = 10 ** (Math.floor(Math.log10(Math.abs(expected))) - digits + 1);
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(unit / 2);
};

const relClose = (actual: number, expected: number, tol: number) => {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(tol * Math.abs(expected));
};

/** The published calibration summary (weeks), collapsed. */
const cdnowTuples = (): RfTuple[] => collapseRfTuples(cdnowPublishedSummary());

describe('fitParetoNbd on CDNOW', () => {
  const tuples = cdnowTuples();
  const started = performance.now();
  const fit = fitParetoNbd(tuples);
  const fitMs = performance.now() - started;

  it('recovers the published parameters (4 significant digits) and log-likelihood (±0.05)', () => {
    sameSignificant(fit.params.r, PUBLISHED.r, 4);
    sameSignificant(fit.params.alpha, PUBLISHED.alpha, 4);
    sameSignificant(fit.params.s, PUBLISHED.s, 4);
    sameSignificant(fit.params.beta, PUBLISHED.beta, 4);
    expect(Math.abs(fit.logLikelihood - PUBLISHED_LL)).toBeLessThanOrEqual(0.05);
  });

  it('reports convergence, standard errors and the collapsed population, in few iterations', () => {
    expect(fit.converged).toBe(true);
    // BFGS with the analytic gradient takes about 25 iterations (Nelder-Mead took 355, 596 evaluations).
    expect(fit.iterations).toBeLessThan(60);
    expect(fit.evaluations).toBeGreaterThanOrEqual(fit.iterations);
    expect(fit.standardErrors).not.toBeNull();
    for (const v of Object.values(fit.standardErrors!)) expect(v).toBeGreaterThan(0);
    // The flat directions: β is known far less precisely than α.
    expect(fit.standardErrors!.beta / fit.params.beta).toBeGreaterThan(fit.standardErrors!.alpha / fit.params.alpha);
    expect(fit.customers).toBe(2357);
    expect(fit.distinctTuples).toBe(tuples.length);
    expect(fitMs).toBeLessThan(5_000);
  });

  it('gets there from far away too, including from beyond the cap on s', () => {
    for (const start of [{ r: 1, alpha: 30, s: 1e6, beta: 3e7 }, { r: 5, alpha: 1, s: 0.01, beta: 1000 }, { r: 0.01, alpha: 300, s: 50, beta: 0.5 }]) {
      const far = fitParetoNbd(tuples, { start });
      for (const key of ['r', 'alpha', 's', 'beta'] as const) sameSignificant(far.params[key], PUBLISHED[key], 4);
      expect(Math.abs(far.logLikelihood - PUBLISHED_LL)).toBeLessThanOrEqual(0.05);
    }
  });

  it('the log-likelihood at the published parameters is the published one', () => {
    expect(Math.abs(paretoNbdLogLikelihood(PUBLISHED, tuples) - PUBLISHED_LL)).toBeLessThanOrEqual(0.01);
  });
});

/** log(e^u + e^v). */
const logAddExp = (u: number, v: number) => (u > v ? u + Math.log1p(Math.exp(v - u)) : v + Math.log1p(Math.exp(u - v)));

/**
 * The Pareto/NBD from its definition, by 2D quadrature over the individual rates, independent of
 * the 2F1 expressions under test. Given λ and μ, a customer with (x, t_x, T) has likelihood
 *   L(λ, μ) = λ^x e^-(λ+μ)T  +  λ^x μ/(λ+μ) (e^-(λ+μ)t_x - e^-(λ+μ)T)
 * (alive at T, or died between t_x and T: ∫_{t_x}^T μ e^-μτ λ^x e^-λτ dτ), and if alive expects
 * (λ/μ)(1 - e^-μt) transactions in the next t. With λ ~ Gamma(r, α) and μ ~ Gamma(s, β):
 *   likelihood     = ∫∫ L g h,
 *   P(alive)       = ∫∫ λ^x e^-(λ+μ)T g h / likelihood,
 *   E[Y(t) | data] = ∫∫ λ^x e^-(λ+μ)T (λ/μ)(1 - e^-μt) g h / likelihood.
 * In θ = ln λ and φ = ln μ, g(λ)dλ = α^r/Γ(r) e^(rθ - αe^θ) dθ (likewise h): smooth integrands
 * decaying like e^((r+x)θ) at -∞ and doubly exponentially at +∞, for which the trapezoidal rule
 * with step 0.1 converges to about e^(-π²/0.1). The grid runs from θ = -80 to +3 (λ and μ per week).
 */
function byQuadrature(p: ParetoNbdParams, x: number, tx: number, T: number, t: number) {
  const h = 0.1;
  const grid: number[] = [];
  for (let v = -80; v <= 3; v += h) grid.push(v);
  const logAlive = new Float64Array(grid.length * grid.length);
  const logTotal = new Float64Array(grid.length * grid.length);
  const logExpected = new Float64Array(grid.length * grid.length);
  let top = -Infinity;
  let k = 0;
  for (const theta of grid) {
    const lambda = Math.exp(theta);
    const logPriorL = p.r * theta - p.alpha * lambda;
    for (const phi of grid) {
      const mu = Math.exp(phi);
      const rate = lambda + mu;
      const logPrior = logPriorL + p.s * phi - p.beta * mu + x * theta;
      const alive = logPrior - rate * T;
      const died = T > tx ? logPrior + Math.log(mu / rate) - rate * tx + Math.log(-Math.expm1(-rate * (T - tx))) : -Infinity;
      logAlive[k] = alive;
      logTotal[k] = died === -Infinity ? alive : logAddExp(alive, died);
      logExpected[k] = alive + theta - phi + Math.log(-Math.expm1(-mu * t));
      top = Math.max(top, logTotal[k]);
      k++;
    }
  }
  let [alive, total, expected] = [0, 0, 0];
  for (let i = 0; i < k; i++) {
    alive += Math.exp(logAlive[i] - top);
    total += Math.exp(logTotal[i] - top);
    expected += Math.exp(logExpected[i] - top);
  }
  const logNormaliser = p.r * Math.log(p.alpha) - logGamma(p.r) + p.s * Math.log(p.beta) - logGamma(p.s);
  return { logLikelihood: top + Math.log(total * h * h) + logNormaliser, pAlive: alive / total, expected: expected / total };
}

describe('Pareto/NBD per customer against the definition (2D quadrature over λ and μ)', () => {
  // Three CDNOW customers (weeks): #3 never came back, #157 is the heaviest buyer and bought
  // in the last week, #1901 bought 21 more times in the first 5 weeks and then nothing for 24.6.
  const customers = [
    { name: 'a zero-repeat buyer (#3)', x: 0, tx: 0, T: 38.86 },
    { name: 'a heavy buyer (#157)', x: 29, tx: 37.71, T: 38.0 },
    { name: 'a lapsed heavy buyer (#1901)', x: 21, tx: 4.71, T: 29.29 },
  ];
  for (const c of customers) {
    it(`${c.name}: likelihood, P(alive) and E[Y(39 weeks)]`, () => {
      const q = byQuadrature(PUBLISHED, c.x, c.tx, c.T, 39);
      expect(paretoNbdLogLikelihood(PUBLISHED, [{ ...c, weight: 1 }])).toBeCloseTo(q.logLikelihood, 9);
      relClose(paretoNbdPAlive(PUBLISHED, c.x, c.tx, c.T), q.pAlive, 1e-9);
      relClose(paretoNbdExpectedTransactions(PUBLISHED, c.x, c.tx, c.T, 39), q.expected, 1e-9);
    });
  }

  it('the lapsed heavy buyer is almost surely gone, the heavy buyer almost surely alive', () => {
    expect(paretoNbdPAlive(PUBLISHED, 21, 4.71, 29.29)).toBeLessThan(1e-4);
    expect(paretoNbdPAlive(PUBLISHED, 29, 37.71, 38)).toBeGreaterThan(0.95);
  });
});

describe('Pareto/NBD expressions', () => {
  it('both 2F1 branches (α ≥ β and α < β) give the same likelihood where they meet', () => {
    const p = { r: 0.7, s: 1.3, beta: 8 };
    const at = (alpha: number) => paretoNbdLogLikelihood({ ...p, alpha }, [{ x: 4, tx: 20, T: 35, weight: 1 }]);
    // At α = β the 2F1 argument is 0 in both; a hair either side switches branch.
    expect(at(8 * (1 + 1e-12))).toBeCloseTo(at(8), 10);
    expect(at(8 * (1 - 1e-12))).toBeCloseTo(at(8), 10);
  });

  it('t_x = T: no silence, P(alive) = 1', () => {
    expect(paretoNbdPAlive(PUBLISHED, 5, 30, 30)).toBe(1);
  });

  it('s = 1: the expectation is (r+x)/(α+T) · (β+T) ln(1 + t/(β+T)) · P(alive), and continuous in s', () => {
    const p = { ...PUBLISHED, s: 1 };
    const [x, tx, T, t] = [3, 20, 38, 52];
    const expected = ((p.r + x) / (p.alpha + T)) * (p.beta + T) * Math.log1p(t / (p.beta + T)) * paretoNbdPAlive(p, x, tx, T);
    relClose(paretoNbdExpectedTransactions(p, x, tx, T, t), expected, 1e-12);
    relClose(paretoNbdExpectedTransactions({ ...p, s: 1 + 1e-9 }, x, tx, T, t), expected, 1e-8);
  });

  it('unconditional E[X(t)] = rβ / (α(s-1)) · [1 - (β/(β+t))^(s-1)]', () => {
    const { r, alpha, s, beta } = PUBLISHED;
    // At the CDNOW fit, 39 weeks: 0.5533·11.668/(10.578·(-0.3938)) = -1.54981, (11.668/50.668)^-0.3938
    // = e^(0.3938·1.46846) = 1.78306, so -1.54981 · (1 - 1.78306) = 1.21360 (1.2134334 to more digits).
    const expected = ((r * beta) / (alpha * (s - 1))) * (1 - (beta / (beta + 39)) ** (s - 1));
    relClose(expected, 1.2134334, 1e-7);
    relClose(paretoNbdExpectedTransactionsUnconditional(PUBLISHED, 39), expected, 1e-12);
    expect(paretoNbdExpectedTransactionsUnconditional(PUBLISHED, 0)).toBe(0);
  });

  it('an infinite horizon is finite only for s > 1', () => {
    const p = { ...PUBLISHED, s: 2.5 };
    // (r+x)(β+T)/((α+T)(s-1)) · P(alive) for x = 0, T = 0: r β / (α (s - 1)).
    relClose(paretoNbdExpectedTransactions(p, 0, 0, 0, Infinity), (p.r * p.beta) / (p.alpha * 1.5), 1e-12);
    expect(() => paretoNbdExpectedTransactions(PUBLISHED, 0, 0, 0, Infinity)).toThrow(/infinite/);
  });

  it('stays finite, and P(alive) in [0, 1], at the edges', () => {
    const params: ParetoNbdParams[] = [
      PUBLISHED,
      { r: 1e-3, alpha: 1e4, s: 50, beta: 1e-3 },
      { r: 80, alpha: 1e-2, s: 1e-3, beta: 1e3 },
      { r: 1, alpha: 1, s: 1, beta: 1 },
    ];
    const people = [[0, 0, 0], [0, 0, 500], [3, 0.5, 1], [5000, 200, 201], [5000, 1, 400], [2, 10, 10], [1, 5, 3]];
    for (const p of params) {
      for (const [x, tx, T] of people) {
        const alive = paretoNbdPAlive(p, x, tx, T);
        expect(alive).toBeGreaterThanOrEqual(0);
        expect(alive).toBeLessThanOrEqual(1);
        const e = paretoNbdExpectedTransactions(p, x, tx, T, 52);
        expect(Number.isFinite(e) && e >= 0).toBe(true);
        expect(Number.isFinite(paretoNbdLogLikelihood(p, [{ x, tx: Math.min(tx, T), T, weight: 1 }]))).toBe(true);
      }
    }
  });

  it('refuses invalid parameters', () => {
    expect(() => paretoNbdPAlive({ ...PUBLISHED, s: 0 }, 1, 1, 2)).toThrow(RangeError);
    expect(() => paretoNbdExpectedTransactions({ ...PUBLISHED, alpha: Number.NaN }, 1, 1, 2, 3)).toThrow(RangeError);
  });
});

describe('fitParetoNbd errors', () => {
  it('throws ModelFitError without customers or without any repeat purchase', () => {
    expect(() => fitParetoNbd([])).toThrow(ModelFitError);
    expect(() => fitParetoNbd([{ x: 0, tx: 0, T: 10, weight: 5 }])).toThrow(/repeat purchase/);
  });
});

/**
 * The s → ∞ limit at dropout rate μ = s/β: every customer dies at rate μ. Then, with k = r + x,
 *   alive = e^-μT (α+T)^-k,  died = μ ∫_{t_x}^T e^-μτ (α+τ)^-k dτ,  P(alive) = alive / (alive + died),
 *   E[Y(t)] = P(alive) · (r+x)/(α+T) · (1 - e^-μt)/μ
 * (λ given alive at T is Gamma(r+x, α+T); a life of rate μ lasts (1 - e^-μt)/μ of the next t on
 * average). The integral by Simpson's rule, 2,000 panels, scaled by the integrand at t_x.
 */
function limitModel(r: number, alpha: number, mu: number, x: number, tx: number, T: number, t: number) {
  const k = r + x;
  const logAt = (tau: number) => -mu * tau - k * Math.log(alpha + tau);
  const panels = 2000;
  const h = (T - tx) / panels;
  let sum = 0;
  for (let i = 0; i <= panels; i++) sum += (i === 0 || i === panels ? 1 : i % 2 ? 4 : 2) * Math.exp(logAt(tx + i * h) - logAt(tx));
  const died = T > tx ? mu * Math.exp(logAt(tx)) * ((sum * h) / 3) : 0;
  const alive = Math.exp(logAt(T));
  const pAlive = alive / (alive + died);
  return { pAlive, expected: ((pAlive * (r + x)) / (alpha + T)) * (-Math.expm1(-mu * t) / mu) };
}

describe('fitParetoNbd with little dropout heterogeneity (the s, β → ∞ ridge)', () => {
  // 400 customers drawn from a BG/NBD (dropout after purchases, not in time): the Pareto/NBD
  // likelihood rises along s, β → ∞; unbounded, the fit walked to s ≈ 4.5e5 in 12 s.
  const asOf = new Date('2026-01-01T00:00:00.000Z');
  const tuples = new RfTupleAccumulator();
  for (const subject of simulatedSubjects({ customers: 400, seed: 14, asOf })) {
    const summary = btydSummary(subject.interactions ?? [], asOf, 'week');
    if (summary) tuples.add(summary.x, summary.tx, summary.T);
  }
  const started = performance.now();
  const fit = fitParetoNbd(tuples.tuples());
  const fitMs = performance.now() - started;
  const { r, alpha, s, beta } = fit.params;

  it('stops at the cap on s, fast (about 0.05 s alone), without standard errors for a bound it sits on', () => {
    expect(fitMs).toBeLessThan(1000);
    expect(fit.converged).toBe(true);
    expect(s).toBeLessThanOrEqual(PARETO_NBD_MAX_S);
    expect(s).toBeGreaterThan(0.99 * PARETO_NBD_MAX_S);
    expect(fit.standardErrors).toBeNull();
    expect(Number.isFinite(fit.logLikelihood)).toBe(true);
    // Beyond the cap the ridge is flat: a hundred times further along it gains under 1e-3.
    const further = { r, alpha, s: 100 * s, beta: 100 * beta };
    expect(paretoNbdLogLikelihood(further, tuples.tuples()) - fit.logLikelihood).toBeLessThan(1e-3);
  });

  it('predicts as the limit model (one dropout rate s/β for all) to about 1e-4, finite and ordered', () => {
    // A zero-repeat buyer, a light one, a heavy buyer still buying and a lapsed one (weeks).
    const customers = [[0, 0, 45], [2, 30, 50], [40, 49, 50], [10, 8, 50]];
    const predictions = customers.map(([x, tx, T]) => {
      const limit = limitModel(r, alpha, s / beta, x, tx, T, 52);
      const pAlive = paretoNbdPAlive(fit.params, x, tx, T);
      const expected = paretoNbdExpectedTransactions(fit.params, x, tx, T, 52);
      relClose(pAlive, limit.pAlive, 3e-4);
      relClose(expected, limit.expected, 3e-4);
      expect(Number.isFinite(expected) && expected >= 0).toBe(true);
      return { pAlive, expected };
    });
    const [, , heavy, lapsed] = predictions;
    expect(heavy.pAlive).toBeGreaterThan(0.9);
    expect(lapsed.pAlive).toBeLessThan(0.1);
    expect(heavy.expected).toBeGreaterThan(10 * lapsed.expected);
  });
});

/**
 * The limit of both ridges, r, α → ∞ and s, β → ∞: one purchase rate λ and one dropout rate μ
 * for all. With ρ = λ + μ, a customer is alive at T with likelihood λ^x e^-ρT, died unseen with
 * λ^x μ/ρ (e^-ρt_x - e^-ρT), so P(alive) = 1 / (1 + μ/ρ (e^ρ(T-t_x) - 1)), and then expects
 * λ (1 - e^-μt)/μ transactions in the next t.
 */
function poissonExponential(lambda: number, mu: number, x: number, tx: number, T: number, t: number) {
  const rho = lambda + mu;
  const pAlive = 1 / (1 + (mu / rho) * Math.expm1(rho * (T - tx)));
  return { pAlive, expected: (pAlive * lambda * -Math.expm1(-mu * t)) / mu };
}

describe('fitParetoNbd with little heterogeneity in either rate (the r, α → ∞ ridge as well)', () => {
  // A tiny random population (test/analytics.test.ts, seed 61206; x, t_x, T in weeks), on which the
  // likelihood rises along both ridges. The fit used to walk up r, α → ∞, where φ's z is within
  // 1e-4 of 1 and c = r+s+x is large: the tail series declined, the 2F1 routes took up to two
  // seconds an evaluation, and the fit hit its 60 s limit after 55 iterations. The continued
  // fraction of pareto-nbd-tail.ts makes each evaluation fast, but alone it lets the walk end at
  // r ≈ 1e15: the cap on r stops it.
  const tuples: RfTuple[] = ([
    [0, 0, 6.4562], [0, 0, 11.1704], [0, 0, 12.7419], [0, 0, 26.0276], [0, 0, 29.4562],
    [0, 0, 58.1704], [0, 0, 62.4562], [0, 0, 72.8847], [0, 0, 85.1704], [0, 0, 94.8847],
    [0, 0, 98.599], [1, 3.1429, 93.3133], [1, 8.7143, 33.599], [1, 12.1429, 35.599],
    [1, 12.8571, 87.1704], [1, 14.5714, 42.3133], [1, 23.7143, 42.7419], [1, 33.2857, 62.3133],
    [1, 35.7143, 79.7419], [1, 37.1429, 43.7419], [1, 41.7143, 56.599], [1, 41.8571, 76.599],
    [1, 41.8571, 95.8847], [2, 12.1429, 17.1704], [2, 19, 81.7419], [2, 38.2857, 72.0276],
    [2, 41.1429, 49.0276], [2, 57.4286, 63.3133], [3, 30.2857, 65.8847], [3, 44.8571, 89.599],
    [3, 56.4286, 100.0276], [3, 58.7143, 80.7419], [4, 42.2857, 59.4562], [5, 63.1429, 93.1704],
  ] as const).map(([x, tx, T]) => ({ x, tx, T, weight: 1 }));
  // Fitted once, by the first test that asks (a failure is kept, not retried).
  let outcome: { fit: ParetoNbdFit } | { error: unknown } | undefined;
  let fitMs = 0;
  const fitted = (): ParetoNbdFit => {
    if (!outcome) {
      const started = performance.now();
      try {
        // A limit well below the default 60 s, so that a regression fails in seconds.
        outcome = { fit: fitParetoNbd(tuples, { maxMillis: 5_000 }) };
      } catch (error) {
        outcome = { error };
      }
      fitMs = performance.now() - started;
    }
    if ('error' in outcome) throw outcome.error;
    return outcome.fit;
  };

  it('stops at the caps on r and s in a few dozen evaluations (about 0.05 s), without standard errors', () => {
    const { params, converged, iterations, evaluations, logLikelihood, standardErrors, customers } = fitted();
    expect(converged).toBe(true);
    expect(evaluations).toBeLessThan(200);
    expect(iterations).toBeLessThan(100);
    expect(fitMs).toBeLessThan(2_000);
    expect(customers).toBe(34);
    expect(params.r).toBe(PARETO_NBD_MAX_R);
    expect(params.s).toBe(PARETO_NBD_MAX_S);
    expect(standardErrors).toBeNull();
    // The mean purchase rate r/α (0.028 a week: 43 repeat purchases over 2,080 customer-weeks
    // of age) and lifetime β/s (118 weeks) are ordinary.
    expect(params.r / params.alpha).toBeGreaterThan(0.01);
    expect(params.r / params.alpha).toBeLessThan(0.1);
    expect(params.beta / params.s).toBeGreaterThan(20);
    expect(params.beta / params.s).toBeLessThan(1_000);
    // Far better than the start (r = s = 1, α = β = mean T), and beyond the caps both ridges are
    // flat: a hundred times further along them gains under 1e-3.
    const meanT = tuples.reduce((sum, t) => sum + t.T, 0) / tuples.length;
    expect(logLikelihood).toBeGreaterThan(paretoNbdLogLikelihood({ r: 1, alpha: meanT, s: 1, beta: meanT }, tuples) + 5);
    const further = { r: 100 * params.r, alpha: 100 * params.alpha, s: 100 * params.s, beta: 100 * params.beta };
    expect(paretoNbdLogLikelihood(further, tuples) - logLikelihood).toBeLessThan(1e-3);
    expect(Math.abs(paretoNbdLogLikelihood(params, tuples) - logLikelihood)).toBeLessThan(1e-9);
  });

  it('predicts as the limit model (one purchase and one dropout rate) to a few 1e-4', () => {
    const { params } = fitted();
    const [lambda, mu] = [params.r / params.alpha, params.s / params.beta];
    for (const [x, tx, T] of [[0, 0, 98.599], [1, 41.8571, 95.8847], [5, 63.1429, 93.1704], [2, 57.4286, 63.3133]]) {
      const limit = poissonExponential(lambda, mu, x, tx, T, 52);
      const pAlive = paretoNbdPAlive(params, x, tx, T);
      relClose(pAlive, limit.pAlive, 1e-3);
      relClose(paretoNbdExpectedTransactions(params, x, tx, T, 52), limit.expected, 1e-3);
      expect(pAlive).toBeGreaterThan(0);
      expect(pAlive).toBeLessThanOrEqual(1);
    }
  });
});

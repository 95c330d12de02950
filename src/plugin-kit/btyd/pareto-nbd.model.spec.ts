import { describe, expect, it } from 'vitest';
import { logGamma } from '../../numerics/log-gamma';
import { collapseRfTuples, type RfTuple, RfTupleAccumulator } from '../../numerics/weighted-tuples';
import { simulatedSubjects } from '../testing/bgnbd-subjects.fixture';
import { btydOfInteractions as btydSummary } from '../testing/btyd-summary.fixture';
import { cdnowPublishedSummary } from '../testing/cdnow.fixture';
import { ModelFitError } from './model-fit-error';
import {
  fitParetoNbd, PARETO_NBD_MAX_S, type ParetoNbdParams, paretoNbdExpectedTransactions, paretoNbdExpectedTransactionsUnconditional,
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

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BacktestDocument, CdnowCustomerDocument, CdnowRunsDocument, RecordInteractionsDocument, RefreshMetricsDocument, UpsertCustomersDocument } from './generated/graphql';
import { cdnowSample } from './support/cdnow';
import { writeMetricsConfig } from './support/metrics-config-file';
import { startTestApp, type TestApp } from './support/test-app';

// The published CDNOW results (test/fixtures/cdnow/README.md names the sources), reproduced end
// to end: raw transactions in through the API, a refresh as of the calibration end, the fitted
// parameters read back from modelRuns, per-customer values from Customer.clv / churn.
const calibrationEnd = '1997-09-30T00:00:00.000Z';
const holdoutEnd = '1998-06-30T00:00:00.000Z';
let app: TestApp;

beforeAll(async () => {
  app = await startTestApp({
    METRICS_CONFIG: writeMetricsConfig({
      plugins: ['clv-bgnbd', 'churn-bgnbd', 'clv-pareto-nbd', 'churn-pareto-nbd', 'clv-historical'],
      select: { clv: 'clv-bgnbd', churn: 'churn-bgnbd' },
    }),
  });
  const { customerIds, purchases } = cdnowSample();
  for (let i = 0; i < customerIds.length; i += 1000) {
    await app.ok(UpsertCustomersDocument, { input: customerIds.slice(i, i + 1000).map((externalId) => ({ externalId })) });
  }
  for (let i = 0; i < purchases.length; i += 1000) await app.ok(RecordInteractionsDocument, { input: purchases.slice(i, i + 1000) });
  const { refreshMetrics } = await app.ok(RefreshMetricsDocument, { plugins: ['clv-bgnbd', 'churn-bgnbd', 'clv-pareto-nbd'], asOf: calibrationEnd });
  expect(refreshMetrics.map((r) => [r.plugin, r.status, r.error])).toEqual([
    ['clv-bgnbd', 'SUCCEEDED', null], ['churn-bgnbd', 'SUCCEEDED', null], ['clv-pareto-nbd', 'SUCCEEDED', null],
  ]);
}, 240_000);
afterAll(async () => { await app?.close(); });

const run = async (plugin: string) => (await app.ok(CdnowRunsDocument, { plugin })).modelRuns[0];
const within = (actual: number, published: number, tolerance = 0.005) => expect(Math.abs(actual / published - 1)).toBeLessThan(tolerance);

describe('CDNOW through the API', () => {
  it('fits BG/NBD and Gamma-Gamma to the published parameters (Fader, Hardie and Lee 2005)', async () => {
    const r = await run('clv-bgnbd');
    expect(r.customersScored).toBe(2357);
    const { params: bgnbd, spend: gammaGamma, unit } = r.params as { params: Record<string, number>; spend: Record<string, number>; unit: string };
    expect(unit).toBe('week');
    within(bgnbd.r, 0.2426);
    within(bgnbd.alpha, 4.4135);
    within(bgnbd.a, 0.7929);
    within(bgnbd.b, 2.4258);
    within(gammaGamma.p, 6.2488);
    within(gammaGamma.q, 3.7446);
    within(gammaGamma.gamma, 15.448);
    const d = r.diagnostics as { logLikelihood: number; converged: boolean; customers: number; repeatBuyers: number; gammaGamma: { converged: boolean; customers: number } };
    expect(d).toMatchObject({ converged: true, customers: 2357, repeatBuyers: 946, gammaGamma: { converged: true, customers: 946 } });
    expect(d.logLikelihood).toBeCloseTo(-9582.43, 1);
  });

  it('fits Pareto/NBD to the published parameters (4 significant digits: the surface is flat along s and beta)', async () => {
    const { params: pareto } = (await run('clv-pareto-nbd')).params as { params: Record<string, number> };
    within(pareto.r, 0.5533, 0.0005);
    within(pareto.alpha, 10.578, 0.0005);
    within(pareto.s, 0.6062, 0.0005);
    within(pareto.beta, 11.668, 0.0005);
  });

  it('serves per-customer P(alive) matching the closed form with the published parameters', async () => {
    // cdnow-1: x = 2, t_x = 30.43, T = 38.86 weeks. BG/NBD P(alive) = 1 / (1 + a/(b+x-1) ((alpha+T)/(alpha+t_x))^(r+x))
    // = 1 / (1 + 0.7929/3.4258 x (43.2735/34.8435)^2.2426) = 1 / (1 + 0.23145 x 1.6249) = 0.7267.
    const one = (await app.ok(CdnowCustomerDocument, { externalId: 'cdnow-1' })).customer!;
    expect(one.churn!.pAlive).toBeCloseTo(0.7267, 3);
    expect(one.churn!.probability).toBeCloseTo(1 - 0.7267, 3);
    expect(one.clv).toMatchObject({ model: 'clv-bgnbd', basis: 'REVENUE', horizonMonths: 12, discountRate: 0.01 });
    // Gamma-Gamma: (gamma + x zbar) p / (p x + q - 1) with zbar = 22.35: (15.448 + 44.70) x 6.2488 / 15.2422 = 24.66.
    expect(one.clv!.expectedAverageOrderValue).toBeCloseTo(24.66, 1);
    // A zero-repeat buyer is alive by the BG/NBD's assumption (no death before a first repeat).
    const zero = (await app.ok(CdnowCustomerDocument, { externalId: 'cdnow-2357' })).customer!;
    expect(zero.churn!.pAlive).toBe(1);
  });

  it('fails a run that cannot be fitted with its reason, and keeps serving the previous values', async () => {
    const before = (await app.ok(CdnowCustomerDocument, { externalId: 'cdnow-1' })).customer!.clv!;
    // Two days into the cohort almost nobody has a repeat purchase yet.
    const { refreshMetrics: [failed] } = await app.ok(RefreshMetricsDocument, { plugins: ['clv-bgnbd'], asOf: '1997-01-02T00:00:00.000Z' });
    expect(failed.status).toBe('FAILED');
    expect(failed.error).toMatch(/BG\/NBD fit failed: only \d+ of \d+ customers/);
    expect((await app.ok(CdnowCustomerDocument, { externalId: 'cdnow-1' })).customer!.clv).toEqual(before);
  });

  it('backtests the models on the 39-week holdout: the transaction models track what happened, history predicts none', async () => {
    const { backtest } = await app.ok(BacktestDocument, { kind: 'clv', plugins: ['clv-bgnbd', 'clv-pareto-nbd', 'clv-historical'], calibrationEnd, holdoutEnd });
    expect(backtest.holdoutDays).toBe(273);
    const [bg, pareto, historical] = backtest.plugins;
    // Distinct customer-days after 1997-09-30 in CDNOW_sample.txt: 1,882 repeat transactions, $70,976.39 (summed exactly in decimal).
    for (const p of [bg, pareto]) {
      expect(p.customersCompared).toBe(2357);
      expect(p.clv!.actualTransactions).toBe(1882);
      expect(p.clv!.actualSpend).toBeCloseTo(70976.39, 2);
      // Measured: BG/NBD 1,653 and Pareto/NBD 1,666 holdout transactions, both ~12% under the 1,882
      // that happened (light repeat buyers are under-forecast, as in FHL 2005's conditional
      // expectation plot); customer-level correlation 0.63.
      expect(Math.abs(p.clv!.transactions.predictedTotal! / 1882 - 1)).toBeLessThan(0.15);
      expect(p.clv!.transactions.correlation!).toBeGreaterThan(0.55);
      const table = p.clv!.byRepeatPurchases.map((row) => row.meanPredicted!);
      expect(table).toEqual([...table].sort((a, b) => a - b));
    }
    // FHL 2005's finding: the BG/NBD forecasts all but coincide with the Pareto/NBD's.
    expect(Math.abs(bg.clv!.transactions.predictedTotal! / pareto.clv!.transactions.predictedTotal! - 1)).toBeLessThan(0.02);
    expect(historical.clv!.transactions.customers).toBe(0);
    expect(historical.notes.join(' ')).toContain('predicts no purchases');
  });
});

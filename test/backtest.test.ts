import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BacktestDocument, CustomerMetricsDocument, ModelRunListDocument, RecordInteractionsDocument, RefreshMetricsDocument, UpsertCustomersDocument,
  type InteractionInput,
} from './generated/graphql';
import { writeMetricsConfig } from './support/metrics-config-file';
import { startTestApp, type TestApp } from './support/test-app';

/*
 * Calibration ends 2025-04-01T00:00Z, the holdout ends 2025-05-21T00:00Z: 50 days. Purchases
 * (USD unless said; "cal" = at or before the calibration end, "hold" = in the holdout):
 *
 *   bt-a  cal 01-10 $10, 03-01 $20          hold 04-10 $30 twice (09:00, 15:00: one day), 05-01 $40   2 tx, $100
 *   bt-b  cal 02-01 $50                     hold nothing                                               0 tx, inactive
 *   bt-c  cal 01-05 $10 twice, 02-05, 03-05 $10 (4 purchases, 3 days: 2 repeats)  hold 04-20 $25      1 tx, $25
 *   bt-d  a visit only in cal               hold 04-15 $70                        not compared (no cal purchase)
 *   bt-e  nothing in cal                    hold 04-25 $80                        not compared
 *   bt-f  cal 03-25 $100                    hold a refund 04-05; a purchase 06-10 after the end        0 tx, inactive
 *   bt-g  cal 03-20 EUR 30                  hold 04-15 EUR 45                     1 tx, $0 (not base currency)
 *   bt-h  cal 04-01T00:00 $10 (the very end) hold 05-21T00:00 $15 (the very end) 1 tx, $15
 *   bt-k  CONTRACTUAL; cal 02-10 $20, 03-20 $40  hold nothing                     0 tx, inactive
 *   bt-i  INTERNAL (left out of metrics): purchases on both sides
 *
 * Compared (a purchase in cal, not internal): a, b, c, f, g, h, k = 7; scored: those plus d and e = 9.
 * Actual: transactions 2 + 0 + 1 + 0 + 1 + 1 + 0 = 5; spend 100 + 25 + 15 = 140.
 * Calibration repeats (distinct days - 1): a 1, b 0, c 2, f 0, g 0, h 0, k 1.
 */
const calibrationEnd = '2025-04-01T00:00:00.000Z';
const holdoutEnd = '2025-05-21T00:00:00.000Z';
const customers = ['bt-a', 'bt-b', 'bt-c', 'bt-d', 'bt-e', 'bt-f', 'bt-g', 'bt-h'];

let n = 0;
const buy = (customer: string, at: string, amount: number, currency?: string): InteractionInput => ({
  externalId: `btx-${(n += 1)}`, customerExternalId: customer, occurredAt: at, type: 'PURCHASE', amount, ...(currency ? { currency } : {}),
});
const interactions: InteractionInput[] = [
  buy('bt-a', '2025-01-10T00:00:00.000Z', 10), buy('bt-a', '2025-03-01T00:00:00.000Z', 20),
  buy('bt-a', '2025-04-10T09:00:00.000Z', 30), buy('bt-a', '2025-04-10T15:00:00.000Z', 30), buy('bt-a', '2025-05-01T00:00:00.000Z', 40),
  buy('bt-b', '2025-02-01T00:00:00.000Z', 50),
  buy('bt-c', '2025-01-05T00:00:00.000Z', 10), buy('bt-c', '2025-01-05T15:00:00.000Z', 10), buy('bt-c', '2025-02-05T00:00:00.000Z', 10),
  buy('bt-c', '2025-03-05T00:00:00.000Z', 10), buy('bt-c', '2025-04-20T00:00:00.000Z', 25),
  { externalId: 'btx-visit', customerExternalId: 'bt-d', occurredAt: '2025-02-01T00:00:00.000Z', type: 'VISIT' }, buy('bt-d', '2025-04-15T00:00:00.000Z', 70),
  buy('bt-e', '2025-04-25T00:00:00.000Z', 80),
  buy('bt-f', '2025-03-25T00:00:00.000Z', 100), buy('bt-f', '2025-06-10T00:00:00.000Z', 60),
  { externalId: 'btx-refund', customerExternalId: 'bt-f', occurredAt: '2025-04-05T00:00:00.000Z', type: 'REFUND', amount: 100 },
  buy('bt-g', '2025-03-20T00:00:00.000Z', 30, 'EUR'), buy('bt-g', '2025-04-15T00:00:00.000Z', 45, 'EUR'),
  buy('bt-h', '2025-04-01T00:00:00.000Z', 10), buy('bt-h', '2025-05-21T00:00:00.000Z', 15),
  buy('bt-k', '2025-02-10T00:00:00.000Z', 20), buy('bt-k', '2025-03-20T00:00:00.000Z', 40),
  buy('bt-i', '2025-02-01T00:00:00.000Z', 500), buy('bt-i', '2025-04-10T00:00:00.000Z', 500),
];

let app: TestApp;
let metricsConfig: string;
const backtest = (kind: string, plugins: string[], dates: { calibrationEnd?: string; holdoutEnd?: string } = {}) =>
  app.gql(BacktestDocument, { kind, plugins, calibrationEnd, holdoutEnd, ...dates });

beforeAll(async () => {
  metricsConfig = writeMetricsConfig({
    plugins: ['flat-clv', 'spend-clv', 'rate-clv', 'recency-churn', 'crashy'],
    select: { clv: 'flat-clv', churn: 'crashy' },
    // crashy's fit fails for observation ends before June 2025: on the calibration data.
    options: { crashy: { failFitBefore: '2025-06-01' }, 'rate-clv': { perDays: 100 }, 'recency-churn': { windowDays: 100 } },
  });
  app = await startTestApp({ METRICS_CONFIG: metricsConfig });
  await app.ok(UpsertCustomersDocument, {
    input: [...customers.map((externalId) => ({ externalId })), { externalId: 'bt-k', relationship: 'CONTRACTUAL' }, { externalId: 'bt-i', origin: 'INTERNAL' }],
  });
  await app.ok(RecordInteractionsDocument, { input: interactions });
});
afterAll(async () => { await app?.close(); });

describe('backtest', () => {
  it('compares CLV predictions with the holdout, plugin by plugin, selected or not', async () => {
    const { backtest: report } = await app.ok(BacktestDocument, { kind: 'clv', plugins: ['spend-clv', 'rate-clv', 'flat-clv'], calibrationEnd, holdoutEnd });
    expect(report).toMatchObject({ kind: 'clv', calibrationEnd, holdoutEnd, holdoutDays: 50 });
    expect(report.plugins.map((p) => p.plugin)).toEqual(['spend-clv', 'rate-clv', 'flat-clv']);

    /*
     * spend-clv (not selected): expectedPurchases = calibration purchases: a 2, b 1, c 4, f 1, g 1, h 1, k 2 (total 12)
     * vs actual 2, 0, 1, 0, 1, 1, 0 (total 5). |errors| 0, 1, 3, 1, 0, 0, 2: MAE 7/7 = 1, RMSE sqrt(15/7);
     * r = 10 / sqrt(1248) (worked out in regression.stats.spec.ts).
     * Spend = purchases x AOV where the AOV exists (g has none: EUR only): a 2 x 15 = 30, b 50, c 4 x 10 = 40,
     * f 100, h 10, k 2 x 30 = 60 (total 290) vs 100, 0, 25, 0, 15, 0 (total 140).
     * |errors| 70, 50, 15, 100, 5, 60: MAE 300/6 = 50; squares 4900 + 2500 + 225 + 10000 + 25 + 3600 = 21250, RMSE sqrt(21250/6).
     * Pearson: sums 290 and 140, squares 18700 and 10850, cross 4150 (n = 6): Sxy = 4150 - 290 x 140 / 6 = -7850/3,
     * Sxx = 18700 - 290^2 / 6 = 14050/3, Syy = 10850 - 140^2 / 6 = 22750/3; r = -7850 / sqrt(14050 x 22750).
     * By repeats: 0 = b, f, g, h: predicted (1 + 1 + 1 + 1) / 4 = 1, actual (0 + 0 + 1 + 1) / 4 = 0.5;
     * 1 = a, k: 2 vs (2 + 0) / 2 = 1; 2 = c: 4 vs 1.
     */
    const spend = report.plugins[0];
    expect(spend).toMatchObject({ version: '1.0.0', error: null, customersScored: 9, customersCompared: 7, customersWithoutPrediction: 0, customersFailed: 0, firstError: null });
    expect(spend.notes).toEqual(['customers with expectedPurchases but no expectedAverageOrderValue, left out of spend: 1']);
    expect(spend.clv!.actualTransactions).toBe(5);
    expect(spend.clv!.actualSpend).toBe(140);
    expect(spend.clv!.transactions).toEqual({
      customers: 7, predictedTotal: 12, actualTotal: 5, mae: 1, rmse: expect.closeTo(Math.sqrt(15 / 7), 12), correlation: expect.closeTo(10 / Math.sqrt(1248), 12),
    });
    expect(spend.clv!.spend).toEqual({
      customers: 6, predictedTotal: 290, actualTotal: 140, mae: 50, rmse: expect.closeTo(Math.sqrt(21250 / 6), 9), correlation: expect.closeTo(-7850 / Math.sqrt(14050 * 22750), 12),
    });
    expect(spend.clv!.byRepeatPurchases.map((r) => [r.label, r.customers, r.meanPredicted, r.meanActual])).toEqual([
      ['0', 4, 1, 0.5], ['1', 2, 2, 1], ['2', 1, 4, 1], ['3', 0, null, null], ['4', 0, null, null], ['5', 0, null, null], ['6', 0, null, null], ['7+', 0, null, null],
    ]);

    /*
     * rate-clv (NON_CONTRACTUAL only, so k is neither scored nor compared): expectedPurchases = purchases x 50 / 100,
     * so the plugin saw horizonDays = 50: a 1, b 0.5, c 2, f 0.5, g 0.5, h 0.5 (total 5) vs 2, 0, 1, 0, 1, 1 (total 5).
     * |errors| 1, 0.5, 1, 0.5, 0.5, 0.5: MAE 4/6; squares 1 + 0.25 + 1 + 0.25 + 0.25 + 0.25 = 3, RMSE sqrt(3/6).
     * Pearson: sums 5 and 5, squares 6 and 7, cross 2 + 0 + 2 + 0 + 0.5 + 0.5 = 5: Sxy = 5 - 25/6 = 5/6,
     * Sxx = 6 - 25/6 = 11/6, Syy = 7 - 25/6 = 17/6; r = 5 / sqrt(187).
     * Spend without g: a 15, b 25, c 20, f 50, h 5 (total 115) vs 100, 0, 25, 0, 15 (total 140); MAE (85 + 25 + 5 + 50 + 10) / 5 = 35.
     */
    const rate = report.plugins[1];
    expect(rate).toMatchObject({ customersScored: 8, customersCompared: 6, customersWithoutPrediction: 0 });
    expect(rate.clv!.transactions).toEqual({
      customers: 6, predictedTotal: 5, actualTotal: 5, mae: expect.closeTo(4 / 6, 12), rmse: expect.closeTo(Math.sqrt(0.5), 12), correlation: expect.closeTo(5 / Math.sqrt(187), 12),
    });
    expect(rate.clv!.spend).toMatchObject({ customers: 5, predictedTotal: 115, actualTotal: 140, mae: 35 });
    expect(rate.clv!.actualTransactions).toBe(5);

    // flat-clv (the selected one) predicts no purchases: everything compared, nothing predicted, said in words.
    const flat = report.plugins[2];
    expect(flat).toMatchObject({ error: null, customersCompared: 7, customersWithoutPrediction: 7, customersFailed: 0 });
    expect(flat.notes).toEqual(['no compared customer has an expectedPurchases: this model predicts no purchases (e.g. historical CLV), so there is nothing to compare']);
    expect(flat.clv!.transactions).toEqual({ customers: 0, predictedTotal: null, actualTotal: 0, mae: null, rmse: null, correlation: null });
    expect(flat.clv!.actualTransactions).toBe(5);
    expect(flat.clv!.byRepeatPurchases.every((r) => r.customers === 0 && r.meanPredicted === null)).toBe(true);
    for (const p of report.plugins) {
      expect(p.churn).toBeNull();
      expect(p.fitMs).toBeGreaterThanOrEqual(0);
      expect(p.scoreMs).toBeGreaterThanOrEqual(0);
    }
  });

  it('gives the cumulative curve: each checkpoint as a backtest ending there gives it', async () => {
    const { backtest: report } = await app.ok(BacktestDocument, { kind: 'clv', plugins: ['rate-clv', 'spend-clv'], calibrationEnd, holdoutEnd });
    for (const p of report.plugins) {
      const curve = p.clv!.cumulative;
      // 50 days: every 12.5 days, the last at the holdout's end.
      expect(curve.map((c) => c.day), p.plugin).toEqual([12.5, 25, 37.5, 50]);
      expect(curve.at(-1)!.actual).toBe(p.clv!.actualTransactions);
      expect(curve.at(-1)!.predicted!).toBeCloseTo(p.clv!.transactions.predictedTotal!, 9);
      for (let j = 1; j < curve.length; j++) expect(curve[j].actual).toBeGreaterThanOrEqual(curve[j - 1].actual);
    }
    const rate = report.plugins.find((p) => p.plugin === 'rate-clv')!.clv!.cumulative;
    expect(rate[1].predicted!).toBeGreaterThan(rate[0].predicted!);
    expect(rate[1].actual).toBeGreaterThan(0);
    // The checkpoint at 25 days is what a backtest with a 25-day holdout reports.
    const at25 = new Date(Date.parse(calibrationEnd) + 25 * 86_400_000).toISOString();
    const short = (await app.ok(BacktestDocument, { kind: 'clv', plugins: ['rate-clv'], calibrationEnd, holdoutEnd: at25 })).backtest.plugins[0].clv!;
    expect(rate[1].actual).toBe(short.actualTransactions);
    expect(rate[1].predicted!).toBeCloseTo(short.transactions.predictedTotal!, 9);
  });

  it('compares churn probabilities with holdout inactivity, and reports a fit that fails', async () => {
    const { backtest: report } = await app.ok(BacktestDocument, { kind: 'churn', plugins: ['recency-churn', 'crashy'], calibrationEnd, holdoutEnd });
    /*
     * recency-churn: probability = days since the last purchase / 100 at 2025-04-01:
     * a 31 -> 0.31, b 59 -> 0.59, c 27 -> 0.27, f 7 -> 0.07, g 12 -> 0.12, h 0 -> 0, k 12 -> 0.12.
     * Inactive in the holdout: b, f, k (3 of 7). Pairs (inactive beats active, 3 x 4 = 12):
     * b 0.59 beats all 4; f 0.07 beats h only: 1; k 0.12 beats h and ties g (half): 1.5. AUC = 6.5 / 12 = 13/24.
     * Brier: a 0.31^2 + b 0.41^2 + c 0.27^2 + f 0.93^2 + g 0.12^2 + h 0 + k 0.88^2
     *   = 0.0961 + 0.1681 + 0.0729 + 0.8649 + 0.0144 + 0 + 0.7744 = 1.9908, / 7.
     * Mean predicted 1.48 / 7. Deciles (n = 7, bin floor(10 x below / 7) + 1): h -> 1, f -> 2, g and k -> 3 (tied),
     * c (4 below) -> 6, a (5 below) -> 8, b (6 below) -> 9.
     */
    const recency = report.plugins[0];
    expect(recency).toMatchObject({ plugin: 'recency-churn', error: null, customersScored: 9, customersCompared: 7, customersWithoutPrediction: 0, notes: [] });
    expect(recency.churn!.customers).toBe(7);
    expect(recency.churn!.auc).toBeCloseTo(13 / 24, 12);
    expect(recency.churn!.brier).toBeCloseTo(1.9908 / 7, 12);
    expect(recency.churn!.baseRate).toBeCloseTo(3 / 7, 12);
    expect(recency.churn!.meanPredicted).toBeCloseTo(1.48 / 7, 12);
    expect(recency.churn!.calibration.map((d) => [d.decile, d.customers, d.observedInactiveShare])).toEqual([[1, 1, 0], [2, 1, 1], [3, 2, 0.5], [6, 1, 0], [8, 1, 0], [9, 1, 1]]);
    expect(recency.churn!.calibration[2]).toMatchObject({ minPredicted: 0.12, maxPredicted: 0.12, meanPredicted: 0.12 });
    expect(recency.clv).toBeNull();

    const crashy = report.plugins[1];
    expect(crashy).toMatchObject({ plugin: 'crashy', error: 'the likelihood did not converge', churn: null, clv: null, customersCompared: 0, scoreMs: 0 });
  });

  it('writes nothing: no model run, the served values untouched', async () => {
    await app.ok(RefreshMetricsDocument, {});
    const runs = await app.ok(ModelRunListDocument, { first: 50 });
    const served = await app.ok(CustomerMetricsDocument, { externalId: 'bt-a' });
    const values = async () => app.ds.query('SELECT run_id, customer_id, metric_key, value, label, error FROM metric_value ORDER BY run_id, customer_id, metric_key');
    const before = await values();
    expect(before.length).toBeGreaterThan(0);

    await app.ok(BacktestDocument, { kind: 'clv', plugins: ['spend-clv', 'flat-clv'], calibrationEnd, holdoutEnd });
    await app.ok(BacktestDocument, { kind: 'churn', plugins: ['recency-churn', 'crashy'], calibrationEnd, holdoutEnd });

    expect(await app.ok(ModelRunListDocument, { first: 50 })).toEqual(runs);
    expect(await app.ok(CustomerMetricsDocument, { externalId: 'bt-a' })).toEqual(served);
    expect(await values()).toEqual(before);
  });

  it('reads the actuals with one grouped statement per batch, never per customer', async () => {
    // Each pass: whether the stored summaries cover calibrationEnd (they do not: it is past), then per
    // batch the customers and their interactions up to calibrationEnd, then the empty next page.
    // Fit: 1 + 2 + 1; score: the same plus one actuals statement per batch; and the caller's key.
    const statements = await app.countStatements(() => app.ok(BacktestDocument, { kind: 'clv', plugins: ['spend-clv'], calibrationEnd, holdoutEnd }));
    expect(statements).toBe(10);
  });

  it('names the field or the plugin entry that is wrong', async () => {
    const cases: [Parameters<typeof backtest>, Record<string, unknown>, string][] = [
      [['ltv', ['spend-clv']], { field: 'kind' }, 'args.kind: must be clv or churn, got "ltv"'],
      [['clv', []], { field: 'plugins' }, 'args.plugins: must name at least one plugin providing clv'],
      [['clv', ['spend-clv', 'nope']], { index: 1 }, 'plugins[1]: unknown plugin "nope" (loaded: flat-clv, spend-clv, rate-clv, recency-churn, crashy)'],
      [['clv', ['recency-churn']], { index: 0 }, 'plugins[0]: plugin "recency-churn" does not provide clv (providers: flat-clv, spend-clv, rate-clv)'],
      [['clv', ['spend-clv', 'spend-clv']], { index: 1 }, 'plugins[1]: plugin "spend-clv" is listed twice'],
      [['clv', ['spend-clv'], { holdoutEnd: calibrationEnd }], { field: 'holdoutEnd' }, 'args.holdoutEnd: must be after calibrationEnd'],
      [['clv', ['spend-clv'], { calibrationEnd: holdoutEnd, holdoutEnd: calibrationEnd }], { field: 'holdoutEnd' }, 'args.holdoutEnd: must be after calibrationEnd'],
      [['clv', ['spend-clv'], { holdoutEnd: '2999-01-01T00:00:00.000Z' }], { field: 'holdoutEnd' }, 'args.holdoutEnd: must not be in the future: the holdout must have happened'],
    ];
    for (const [args, at, message] of cases) {
      const r = await backtest(...args);
      expect(r.data).toBeNull();
      expect(r.errors![0].message).toBe(message);
      expect(r.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', ...at });
    }
  });

  it('prints a table per plugin from the CLI', async () => {
    const db = app.config.database;
    const url = db.kind === 'sqlite' ? `sqlite:${db.file}` : `mysql://${db.user}:${db.password}@${db.host}:${db.port}/${db.database}`;
    const cli = (args: string[]) => promisify(execFile)(path.resolve(__dirname, '../node_modules/.bin/tsx'), ['src/cli/metrics-backtest.cli.ts', ...args], {
      cwd: path.resolve(__dirname, '..'), env: { ...process.env, DATABASE_URL: url, METRICS_CONFIG: metricsConfig, LOG_LEVEL: 'silent' },
    });
    const { stdout } = await cli(['--kind', 'clv', '--plugin', 'spend-clv', '--plugin', 'flat-clv', '--calibration-end', '2025-04-01', '--holdout-end', '2025-05-21']);
    // The numbers of the first test, formatted.
    expect(stdout).toContain('Backtest of clv: calibration to 2025-04-01, holdout to 2025-05-21 (50 days)');
    expect(stdout).toMatch(/spend-clv@1\.0\.0 {2}fit \d+ ms, score \d+ ms\n {2}7 customers compared \(0 without a prediction, 0 failed\) of 9 scored/);
    expect(stdout).toMatch(/ transactions +7 +12\.0 +5\.0 +1\.000 +1\.464 +0\.283\n/);
    expect(stdout).toMatch(/ spend +6 +290\.00 +140\.00 +50\.000 +59\.512 +-0\.439\n/);
    expect(stdout).toMatch(/ 0 +4 +1\.000 +0\.500\n +1 +2 +2\.000 +1\.000\n +2 +1 +4\.000 +1\.000\n +3 +0 +- +-\n/);
    expect(stdout).toContain('flat-clv@0.1.0');
    expect(stdout).toContain('  note: no compared customer has an expectedPurchases');

    const typo = await cli(['--kind', 'clv', '--plugin', 'spend-clv', '--plugin', 'nope', '--calibration-end', '2025-04-01', '--holdout-end', '2025-05-21'])
      .then(() => null, (e: { code: number; stderr: string }) => e);
    expect(typo?.code).toBe(1);
    expect(typo?.stderr).toContain('Backtest failed: --plugin nope: unknown plugin "nope"');
  });
});

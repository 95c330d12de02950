import { describe, expect, it } from 'vitest';
import {
  type ChurnValue, type ClvValue, type FixturePurchase, type MetricContext, type MetricSubject, RelationshipKind,
  runPlugin, subject, subjectFromPurchases,
} from '../../src/plugin-api';
import { type ContractSbgConfig, contractSbgConfigSchema } from './contract-sbg.config';
import plugin from './index';

const asOf = '2025-06-01T00:00:00.000Z';
const year = (y: number, monthDay = '01-01'): string => `${y}-${monthDay}T00:00:00.000Z`;

const contractual = (externalId: string, start: string | null, end: string | null = null) => ({
  externalId, relationship: RelationshipKind.CONTRACTUAL, contractStartedAt: start ? new Date(start) : null, contractEndedAt: end ? new Date(end) : null,
});

/** One purchase at the start of each period paid, from `firstYear` to `lastYear`. */
const yearly = (firstYear: number, lastYear: number, amount: number, margin?: number): FixturePurchase[] => {
  const out: FixturePurchase[] = [];
  for (let y = firstYear; y <= lastYear; y++) out.push({ at: year(y), amount, ...(margin === undefined ? {} : { margin }) });
  return out;
};

/*
 * The "High End" cohort of Fader & Hardie (2007), "How to project customer retention", as 1,000
 * customers: yearly contracts started 2018-01-01; of 1,000, still renewing at the start of years
 * 0..7: 1.000, 0.869, 0.743, 0.653, 0.593, 0.551, 0.517, 0.491, i.e. 131, 126, 90, 60, 42, 34, 26
 * ended in years 1..7 (half of them exactly at the renewal point they did not take, half in the
 * middle of the year) and 491 still active at asOf 2025-06-01 after seven renewals.
 * Published fit: alpha = 0.668, beta = 3.806; DERL at 10% after seven renewals: 7.53
 * (Fader & Hardie 2010, "Customer-base valuation in a contractual setting").
 *
 * Money, among them: A (active) paid 100 with margin 30 at each of its 8 periods: 30 per period.
 * B (active) paid 100 without margins: 100 per period, on revenue. C (active) bought nothing.
 * D ended in year 3 (2020-06-30) after 3 payments of 50 with margin 20: 20 per period.
 * Population margin per period: (30 + 20) / 2 = 25; revenue per period: (100 + 100 + 50) / 3.
 */
const LOST = [131, 126, 90, 60, 42, 34, 26];
function highEnd(): MetricSubject[] {
  const subjects: MetricSubject[] = [
    subjectFromPurchases(yearly(2018, 2025, 100, 30), asOf, contractual('A', year(2018))),
    subjectFromPurchases(yearly(2018, 2025, 100), asOf, contractual('B', year(2018))),
    subject({ customer: contractual('C', year(2018)) }),
    subjectFromPurchases(yearly(2018, 2020, 50, 20), asOf, { ...contractual('D', year(2018), year(2020, '06-30')), churnReason: 'price' }),
  ];
  LOST.forEach((lost, i) => {
    const period = i + 1;
    // D is one of the 90 who ended in year 3.
    const count = period === 3 ? lost - 1 : lost;
    for (let j = 0; j < count; j++) {
      // Ended in period t: at renewal point t (not taken), or in the middle of the year before it.
      const end = j % 2 === 0 ? year(2018 + period) : year(2018 + period - 1, '07-01');
      subjects.push(subject({ customer: contractual(`L${period}-${j}`, year(2018), end) }));
    }
  });
  for (let j = 0; j < 491 - 3; j++) subjects.push(subject({ customer: contractual(`S-${j}`, year(2018)) }));
  return subjects;
}

/** Not scorable or not routed here: a non-contractual buyer, no contract start, a future start, an end before the start. */
const extras = (): MetricSubject[] => [
  subjectFromPurchases([{ at: year(2024), amount: 10 }], asOf, { externalId: 'NC' }),
  subject({ customer: contractual('NO-START', null) }),
  subject({ customer: contractual('FUTURE', year(2025, '07-01')) }),
  subject({ customer: contractual('BROKEN', year(2024), year(2023)) }),
];

const near = (x: number, target: number, relative: number): boolean => Math.abs(x / target - 1) < relative;

describe('contract-sbg plugin', () => {
  it('declares two providers for contractual customers only', () => {
    expect(plugin).toMatchObject({ name: 'contract-sbg', version: '1.0.0', apiVersion: '1.0' });
    expect(plugin.provides.map((p) => [p.kind, p.relationships, p.requires])).toEqual([
      ['clv', ['CONTRACTUAL'], ['summary']],
      ['churn', ['CONTRACTUAL'], ['summary']],
    ]);
  });

  it('fits the published "High End" parameters from the customers\' contracts', async () => {
    const run = await runPlugin(plugin, [...highEnd(), ...extras()], { asOf, batchSize: 97 });
    for (const key of ['clv', 'churn']) {
      const model = run.models[key];
      expect(near(model.alpha as number, 0.668, 0.005)).toBe(true);
      expect(near(model.beta as number, 3.806, 0.005)).toBe(true);
      expect(model).toMatchObject({ model: 'sBG', periodMonths: 12, converged: true, customers: 1000, churned: 509, cohortBy: 'year' });
    }
    expect(run.diagnostics.clv).toMatchObject({
      customers: 1003, fitted: 1000, active: 491, churned: 509, withoutContractStart: 1, startingAfterAsOf: 1, invalid: 1,
      // Seven churn periods and one active history (seven renewals).
      distinctHistories: 8, converged: true,
      population: { marginPerPeriod: 25, withMargins: 2, withRevenue: 3 },
    });
    expect(run.diagnostics.clv.population).toMatchObject({ revenuePerPeriod: expect.closeTo(250 / 3, 10) });
    expect(run.diagnostics.clv.standardErrors).toMatchObject({ alpha: expect.any(Number), beta: expect.any(Number) });
    expect(run.logs.map((l) => l.message)).toContain('contract-sbg: 1 contract(s) end before they start; left out of the fit');
  });

  it('gives the cohort its observed survival (the published curve) and the projection', async () => {
    const run = await runPlugin(plugin, highEnd(), { asOf, batchSize: 250 });
    const cohorts = run.models.clv.cohorts as { cohort: string; atRisk: number[]; observedSurvival: number[]; projectedSurvival: number[]; observedRetention: (number | null)[] }[];
    expect(cohorts).toHaveLength(1);
    const [c] = cohorts;
    expect(c.cohort).toBe('2018');
    expect(c.atRisk).toEqual(new Array(8).fill(1000));
    expect(c.observedSurvival).toEqual([1, 0.869, 0.743, 0.653, 0.593, 0.551, 0.517, 0.491]);
    // Retention in year 2: 743 of the 869 still there after year 1.
    expect(c.observedRetention[2]).toBeCloseTo(743 / 869, 6);
    // Seven observed periods plus the default five projected; the model's S(t) with the published
    // parameters tracks the paper's curve (S(7) = Π r_1..r_7 = 0.4889 at alpha 0.668, beta 3.806).
    expect(c.projectedSurvival).toHaveLength(13);
    expect(Math.abs(c.projectedSurvival[7] - 0.4889)).toBeLessThan(0.003);
    expect(run.diagnostics.churn.cohorts).toEqual(cohorts);
  });

  it('values a customer with seven renewals at margin per period x 7.53 and shows where the money came from', async () => {
    const run = await runPlugin(plugin, [...highEnd(), ...extras()], { asOf, batchSize: 97 });
    const a = run.valueOf('clv', 'A') as ClvValue;
    // DERL(10% | 0.668, 3.806, 7) = 7.53: the value per unit of margin must round to it.
    expect((a.value / 30).toFixed(2)).toBe('7.53');
    expect(a).toMatchObject({
      currency: 'USD', horizonMonths: null, expectedPurchases: null, expectedAverageOrderValue: 100, basis: 'MARGIN', pAlive: null,
      inputs: [
        { name: 'marginPerPeriod', value: 30, source: 'CUSTOMER' },
        { name: 'renewals', value: 7, source: 'CUSTOMER' },
        { name: 'periodMonths', value: 12, source: 'CONFIG' },
        { name: 'discountRatePerPeriod', value: 0.1, source: 'CONFIG' },
        { name: 'derl', value: expect.closeTo(7.53, 2), source: 'CUSTOMER' },
      ],
    });
    // 10% a year is 1.1^(1/12) - 1 a month.
    expect(a.discountRate).toBeCloseTo(0.0079741404, 9);
    const b = run.valueOf('clv', 'B') as ClvValue;
    expect((b.value / 100).toFixed(2)).toBe('7.53');
    expect(b).toMatchObject({ basis: 'REVENUE', inputs: [{ name: 'revenuePerPeriod', value: 100, source: 'CUSTOMER' }, {}, {}, {}, { name: 'derl' }] });
    const c = run.valueOf('clv', 'C') as ClvValue;
    expect((c.value / 25).toFixed(2)).toBe('7.53');
    expect(c).toMatchObject({ basis: 'MARGIN', inputs: [{ name: 'marginPerPeriod', value: 25, source: 'POPULATION' }, {}, {}, {}, { name: 'derl' }] });
    expect(c.expectedAverageOrderValue).toBeCloseTo(250 / 3, 10);
    // An ended contract brings nothing more.
    expect(run.valueOf('clv', 'D')).toMatchObject({ value: 0, expectedPurchases: 0, basis: 'MARGIN' });
    expect(run.valueOf('clv', 'D')).toMatchObject({ inputs: [{ name: 'marginPerPeriod', value: 20, source: 'CUSTOMER' }, { name: 'renewals', value: 2 }, {}, {}] });
  });

  it('scores churn: observed once ended, else the chance of not renewing at the next renewal point', async () => {
    const run = await runPlugin(plugin, [...highEnd(), ...extras()], { asOf, batchSize: 97 });
    const alpha = run.models.churn.alpha as number;
    const beta = run.models.churn.beta as number;
    // After 7 renewals: 1 - (beta + 7) / (alpha + beta + 7) = alpha / (alpha + beta + 7), 0.668 / 11.474 = 0.0582 at the published values.
    const a = run.valueOf('churn', 'A');
    expect(a).toMatchObject({ pAlive: null, reason: null });
    const probability = (a as ChurnValue).probability;
    expect(probability).toBeCloseTo(1 - (beta + 7) / (alpha + beta + 7), 12);
    expect(near(probability, 0.668 / 11.474, 0.005)).toBe(true);
    // D's recorded churn reason is given with the observed churn.
    expect(run.valueOf('churn', 'D')).toEqual({ probability: 1, pAlive: null, reason: 'contract ended: price' });
    expect(run.valueOf('churn', 'L1-0')).toEqual({ probability: 1, pAlive: null, reason: 'contract ended' });
  });

  it('leaves out non-contractual customers and those it cannot score', async () => {
    const run = await runPlugin(plugin, [...highEnd(), ...extras()], { asOf, batchSize: 97 });
    for (const kind of ['clv', 'churn'] as const) {
      expect(run.valueOf(kind, 'NC')).toBeNull();
      expect(run.valueOf(kind, 'NO-START')).toBeNull();
      expect(run.valueOf(kind, 'FUTURE')).toBeNull();
      expect(run.valueOf(kind, 'BROKEN')).toEqual({ error: expect.stringMatching(/^contract-sbg: the contract ends .* before it starts/) });
    }
  });

  it('predicts the renewals due within a backtest horizon, undiscounted', async () => {
    const run = await runPlugin(plugin, highEnd(), { asOf, batchSize: 500 });
    const config = contractSbgConfigSchema.parse({});
    const ctx: MetricContext<ContractSbgConfig> = { config, asOf: new Date(asOf), currency: 'USD', horizonDays: 365, log: () => undefined };
    const [a] = plugin.provides[0].score(highEnd().slice(0, 1), run.models.clv, ctx);
    const alpha = run.models.clv.alpha as number;
    const beta = run.models.clv.beta as number;
    // One renewal point (2026-01-01) falls in (2025-06-01, 2026-06-01]: expected renewals r_8 = (beta + 7) / (alpha + beta + 7).
    const r8 = (beta + 7) / (alpha + beta + 7);
    expect(a).toMatchObject({ discountRate: null, horizonMonths: expect.closeTo(365 / 30.4375, 10), expectedPurchases: expect.closeTo(r8, 12) });
    expect((a as ClvValue).value).toBeCloseTo(30 * r8, 4);
  });

  it('refuses too few customers, or no churn at all', async () => {
    const few = Array.from({ length: 5 }, (_, i) => subject({ customer: contractual(`F${i}`, year(2020), i === 0 ? year(2021, '03-01') : null) }));
    await expect(runPlugin(plugin, few, { asOf })).rejects.toThrow(/only 5 contractual customer\(s\) .* minCustomers = 20/);
    const loyal = Array.from({ length: 25 }, (_, i) => subject({ customer: contractual(`N${i}`, year(2020)) }));
    await expect(runPlugin(plugin, loyal, { asOf })).rejects.toThrow(/none of the 25 contractual customers has a contract ended/);
    // With minCustomers lowered, five are enough to try.
    await expect(runPlugin(plugin, few, { asOf, options: { minCustomers: 5 } })).resolves.toBeDefined();
  });

  it('asks for a refresh when the period length changed since the fit', async () => {
    const run = await runPlugin(plugin, highEnd(), { asOf, batchSize: 500 });
    const config = contractSbgConfigSchema.parse({ periodMonths: 6 });
    const ctx = { config, asOf: new Date(asOf), currency: 'USD', log: () => undefined };
    expect(() => plugin.provides[1].score(highEnd().slice(0, 2), run.models.churn, ctx)).toThrow(/periodMonths=6; refresh the contract-sbg metrics/);
  });

  it('forms cohorts by quarter when asked, and has no CLV where no money was ever recorded', async () => {
    const moneyless = highEnd().filter((s) => !['A', 'B', 'D'].includes(s.customer.externalId));
    const run = await runPlugin(plugin, moneyless, { asOf, batchSize: 500, options: { cohort: 'quarter', projectPeriods: 0 } });
    const cohorts = run.models.clv.cohorts as { cohort: string; projectedSurvival: number[] }[];
    expect(cohorts.map((c) => [c.cohort, c.projectedSurvival.length])).toEqual([['2018-Q1', 8]]);
    expect(run.models.clv.population).toEqual({ marginPerPeriod: null, revenuePerPeriod: null, withMargins: 0, withRevenue: 0 });
    expect(run.valueOf('clv', 'C')).toBeNull();
    // An ended contract is still worth exactly nothing, with no basis to name.
    expect(run.valueOf('clv', 'L1-0')).toMatchObject({ value: 0, basis: null });
  });

  it('validates its options strictly', async () => {
    expect(contractSbgConfigSchema.parse({})).toEqual({ periodMonths: 12, discountRate: 0.1, cohort: 'year', projectPeriods: 5, minCustomers: 20 });
    await expect(runPlugin(plugin, highEnd(), { asOf, options: { discountRate: 0, horizon: 3 } })).rejects.toThrow(
      /options\.contract-sbg\.discountRate: .*\n.*options\.contract-sbg: Unrecognized key: "horizon"/,
    );
  });
});

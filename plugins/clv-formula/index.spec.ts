import { describe, expect, it } from 'vitest';
import { type ClvValue, type MetricSubject, RelationshipKind, runPlugin, subjectFromInteractions, subjectFromPurchases } from '../../src/plugin-api';
import { clvFormulaConfigSchema } from './clv-formula.config';
import plugin from './index';

const asOf = new Date('2026-01-01T00:00:00.000Z');
const MONTH_MS = 30.4375 * 86_400_000;
const monthsAgo = (m: number): Date => new Date(asOf.getTime() - m * MONTH_MS);
const buys = (id: string, months: number[], amounts: number[], margins?: number[]): MetricSubject =>
  subjectFromPurchases(months.map((m, i) => ({ at: monthsAgo(m), amount: amounts[i], margin: margins?.[i] })), asOf, { externalId: id });

/*
 * Defaults: minPurchases 3, minTenureMonths 3, lapseDays 365. Months are mean months (30.4375 days).
 *   P1 buys 100 (margin 30) at 12, 8, 4 months ago: T = 3 / 12 = 0.25, AOV 100, AGM 0.3; alive, observed 12 months.
 *   P2 buys 50, 70, 90 at 6, 4, 2 months ago, no margins: T = 3 / 6 = 0.5, AOV 70, no AGM; alive, 6 months.
 *   P3 buys 200 (margin 100) at 30, 24, 18 months ago: T = 0.1, AOV 200, AGM 0.5; lost (last 548 days ago), 30 - 18 = 12 months.
 *   P4 buys 40 (margin 8) once, 1 month ago: nothing of its own; alive, 1 month.
 *   P5 buys 60 once, 20 months ago: nothing of its own; lost, 0 months.
 *   P6 CONTRACTUAL, contract from 36 to 12 months ago, no purchase: CLV null; lost after 24 months.
 *   P7 a visit only: null, no lifetime evidence.
 * Population: T pooled over every buyer, purchases / months of tenure = (3 + 3 + 3 + 1 + 1) / (12 + 6 + 30 + 1 + 20)
 *   = 11 / 69 = 0.159420; AOV (100 + 70 + 200) / 3 = 123.3333; AGM (0.3 + 0.5) / 2 = 0.4;
 *   ALT = months observed / customers lost = (12 + 6 + 12 + 1 + 0 + 24) / 3 = 55 / 3 = 18.3333.
 * LTV = T x AOV x AGM x ALT:
 *   P1 0.25 x 100 x 0.3 x 55/3 = 137.5 (expected purchases 0.25 x 55/3 = 4.5833)
 *   P2 0.5 x 70 x 0.4 (population AGM) x 55/3 = 256.6667
 *   P3 0.1 x 200 x 0.5 x 55/3 = 183.3333
 *   P4, P5: 11/69 x 370/3 x 0.4 x 55/3 = 89540 / 621 = 144.1868
 */
const population = (): MetricSubject[] => [
  buys('P1', [12, 8, 4], [100, 100, 100], [30, 30, 30]),
  buys('P2', [6, 4, 2], [50, 70, 90]),
  buys('P3', [30, 24, 18], [200, 200, 200], [100, 100, 100]),
  buys('P4', [1], [40], [8]),
  buys('P5', [20], [60]),
  subjectFromInteractions([], asOf, {
    customer: { externalId: 'P6', relationship: RelationshipKind.CONTRACTUAL, contractStartedAt: monthsAgo(36), contractEndedAt: monthsAgo(12) },
  }),
  subjectFromInteractions([{ at: monthsAgo(3), type: 'VISIT' }], asOf, { customer: { externalId: 'P7' } }),
];

const valueOf = (outcome: unknown): ClvValue => {
  if (!outcome || typeof outcome !== 'object' || !('value' in outcome)) throw new Error(`not a CLV value: ${JSON.stringify(outcome)}`);
  return outcome as ClvValue;
};

describe('clv-formula plugin', () => {
  it('fits the four population averages by hand', async () => {
    const run = await runPlugin(plugin, population(), { asOf });
    expect(run.models.clv).toEqual({
      minPurchases: 3, minTenureMonths: 3, lapseDays: 365,
      transactionsPerMonth: expect.closeTo(11 / 69, 12), averageOrderValue: expect.closeTo(123.333333, 6),
      grossMargin: expect.closeTo(0.4, 12), lifetimeMonths: expect.closeTo(18.333333, 6),
    });
    expect(run.diagnostics.clv).toEqual({
      customers: 7, withPurchases: 5, ownInputs: { transactionsPerMonth: 3, averageOrderValue: 3, grossMargin: 2 },
      lifetime: { observed: 6, lost: 3, months: expect.closeTo(55, 9) },
    });
  });

  it('scores LTV = T x AOV x AGM x ALT with each input from the customer or the population', async () => {
    const run = await runPlugin(plugin, population(), { asOf });
    const p1 = valueOf(run.valueOf('clv', 'P1'));
    expect(p1).toMatchObject({ currency: 'USD', discountRate: null, basis: 'MARGIN', expectedAverageOrderValue: 100 });
    expect(p1.value).toBeCloseTo(137.5, 9);
    expect(p1.expectedPurchases).toBeCloseTo(4.583333, 6);
    expect(p1.horizonMonths).toBeCloseTo(18.333333, 6);
    expect(p1.inputs?.map((i) => [i.name, i.source])).toEqual([
      ['transactionsPerMonth', 'CUSTOMER'], ['averageOrderValue', 'CUSTOMER'], ['grossMargin', 'CUSTOMER'], ['lifetimeMonths', 'POPULATION'],
    ]);
    const p2 = valueOf(run.valueOf('clv', 'P2'));
    expect(p2.value).toBeCloseTo(256.666667, 6);
    expect(p2.inputs?.[2]).toEqual({ name: 'grossMargin', value: expect.closeTo(0.4, 12), source: 'POPULATION' });
    expect(valueOf(run.valueOf('clv', 'P3')).value).toBeCloseTo(183.333333, 6);
    for (const id of ['P4', 'P5']) {
      const v = valueOf(run.valueOf('clv', id));
      expect(v.value).toBeCloseTo(89540 / 621, 6);
      expect(v.inputs?.map((i) => i.source)).toEqual(['POPULATION', 'POPULATION', 'POPULATION', 'POPULATION']);
    }
    expect(run.valueOf('clv', 'P6')).toBeNull();
    expect(run.valueOf('clv', 'P7')).toBeNull();
  });

  it('takes lifetimeMonths from the options when set', async () => {
    // P1: 0.25 x 100 x 0.3 x 24 = 180, 6 expected purchases.
    const run = await runPlugin(plugin, population(), { asOf, options: { lifetimeMonths: 24 } });
    const p1 = valueOf(run.valueOf('clv', 'P1'));
    expect(p1).toMatchObject({ horizonMonths: 24, expectedPurchases: 6 });
    expect(p1.value).toBeCloseTo(180, 9);
    expect(p1.inputs?.[3]).toEqual({ name: 'lifetimeMonths', value: 24, source: 'CONFIG' });
  });

  it('predicts over ctx.horizonDays in backtests, undiscounted', async () => {
    // 365.25 days = 12 months: P1 expects 0.25 x 12 = 3 purchases, worth 3 x 100 x 0.3 = 90.
    const config = clvFormulaConfigSchema.parse({});
    const run = await runPlugin(plugin, population(), { asOf });
    const [p1] = plugin.provides[0].score([population()[0]], run.models.clv, { config, asOf, currency: 'USD', horizonDays: 365.25, log: () => {} });
    const v = valueOf(p1);
    expect(v).toMatchObject({ horizonMonths: 12, expectedPurchases: 3, discountRate: null });
    expect(v.value).toBeCloseTo(90, 9);
    expect(v.inputs?.[3]).toEqual({ name: 'horizonMonths', value: 12, source: 'CONFIG' });
  });

  it('uses the customer’s own inputs once the gates are lowered', async () => {
    // minPurchases 1, minTenureMonths 0: P4 has T = 1 / 1 month, AOV 40, AGM 8 / 40 = 0.2. The lifetime does not
    // depend on the gates: 55 / 3. LTV = 1 x 40 x 0.2 x 55/3 = 146.6667.
    const run = await runPlugin(plugin, population(), { asOf, options: { minPurchases: 1, minTenureMonths: 0 } });
    const p4 = valueOf(run.valueOf('clv', 'P4'));
    expect(p4.value).toBeCloseTo(146.666667, 6);
    expect(p4.inputs?.map((i) => i.source)).toEqual(['CUSTOMER', 'CUSTOMER', 'CUSTOMER', 'POPULATION']);
  });

  it('stays on revenue when nobody has margins', async () => {
    // P2 alone, lifetime 10 months from the options: 0.5 x 70 x 1 x 10 = 350.
    const run = await runPlugin(plugin, [population()[1]], { asOf, options: { lifetimeMonths: 10 } });
    expect(run.valueOf('clv', 'P2')).toMatchObject({ value: 350, basis: 'REVENUE', expectedPurchases: 5 });
    expect(valueOf(run.valueOf('clv', 'P2')).inputs?.[2]).toEqual({ name: 'grossMargin', value: 1, source: 'CONFIG' });
  });

  it('fails the customers that need a population input the population lacks, and says so', async () => {
    // P4 alone: its purchase gives the pooled rate, but nobody qualifies for an order value, and nobody was lost.
    const run = await runPlugin(plugin, [population()[3]], { asOf });
    expect(run.valueOf('clv', 'P4')).toEqual({ error: expect.stringMatching(/too little history for its own order value/) });
    expect(run.logs.map((l) => l.message)).toEqual([
      expect.stringMatching(/no customer has enough history for its own order value/), expect.stringMatching(/nobody has been lost yet.*set lifetimeMonths/),
    ]);
    // P1 alone has its own T, AOV and AGM but the lifetime is unknown.
    const alone = await runPlugin(plugin, [population()[0]], { asOf });
    expect(alone.valueOf('clv', 'P1')).toEqual({ error: expect.stringMatching(/lifetime is unknown; set lifetimeMonths/) });
  });

  it('refuses a model fitted under other options', async () => {
    const run = await runPlugin(plugin, population(), { asOf });
    const config = clvFormulaConfigSchema.parse({ minPurchases: 2 });
    expect(() => plugin.provides[0].score(population(), run.models.clv, { config, asOf, currency: 'USD', log: () => {} })).toThrow(
      /fitted with minPurchases=3.*refresh the clv-formula metric/,
    );
  });

  it('fills every default and rejects unknown options', async () => {
    expect(clvFormulaConfigSchema.parse({})).toEqual({ minPurchases: 3, minTenureMonths: 3, lapseDays: 365, lifetimeMonths: null });
    await expect(runPlugin(plugin, [], { options: { lifetimeMonths: 0, discount: 0.1 } })).rejects.toThrow(
      /lifetimeMonths: .*\n.*Unrecognized key: "discount"/,
    );
  });
});

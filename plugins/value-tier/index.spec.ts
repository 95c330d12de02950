import { describe, expect, it } from 'vitest';
import { type FixtureInteraction, type MetricSubject, resetSubjectIds, runPlugin, subject, subjectFromInteractions } from '../../src/plugin-api';
import plugin from './index';

const asOf = '2026-01-01T00:00:00.000Z';
const buy = (amount: number, margin: number): FixtureInteraction => ({ at: '2025-06-01', type: 'PURCHASE', amount, margin });
const supportCase: FixtureInteraction = { at: '2025-07-01', type: 'SUPPORT_CASE' };
const customer = (externalId: string, events: FixtureInteraction[], clv: number | null, traits: Record<string, unknown> | null = null): MetricSubject => ({
  ...subjectFromInteractions(events, asOf, { customer: { externalId, traits } }), metrics: { clv },
});

/*
 * Options: mvcShare 0.2, mgcShare 0.25, SUPPORT_CASE costs 15, cost trait costToServe.
 *   id  actual(margin)  clv   cost                 net   status
 *   A   120             600   0                    120   ranked
 *   X    50            1000   0                     50   ranked
 *   R    40             200   0                     40   ranked
 *   A1   20             400   0                     20   ranked
 *   B1   30             160   0                     30   ranked
 *   Y    30             180   2 cases = 30           0   ranked (0 is not below zero)
 *   B    10             100   0                     10   ranked
 *   Q    25            null   0                     25   ranked, no CLV: cannot be MGC
 *   Z    20             120   trait 15 + 1 case 15 -10   BZ
 *   W     0            null   trait 5              -5    BZ without purchases
 *   N     0            null   0                     0    no purchases: null
 * Ranked n = 8; MVC: ceil(0.2 x 8) = 2, actuals desc 120, 50 -> cut 50: A, X.
 * The 6 others: ceil(0.25 x 6) = 2, known gaps desc 400 (A1), 200 (R), 180, 160, 100 -> cut 200: A1, R.
 * OTHER: B1, Y, B, Q. Potential = actual + clv, e.g. A 720, Y 210, Z 140.
 */
const customers = (): MetricSubject[] => {
  resetSubjectIds();
  return [
    customer('A', [buy(300, 120)], 600), customer('X', [buy(500, 50)], 1000), customer('R', [buy(100, 40)], 200),
    customer('A1', [buy(200, 20)], 400), customer('B1', [buy(80, 30)], 160), customer('Y', [buy(90, 30), supportCase, supportCase], 180),
    customer('B', [buy(50, 10)], 100), customer('Q', [buy(70, 25)], null), customer('Z', [buy(60, 20), supportCase], 120, { costToServe: 15 }),
    { ...subject({ customer: { externalId: 'W', traits: { costToServe: 5 } } }), metrics: { clv: null } },
    { ...subject({ customer: { externalId: 'N' } }), metrics: { clv: null } },
  ];
};
const options = { mvcShare: 0.2, mgcShare: 0.25, interactionCosts: { SUPPORT_CASE: 15 } };
const tiers = (run: { results: Map<string, unknown[]> }) =>
  (run.results.get('value-tier') ?? []).map((o) => (o && typeof o === 'object' && 'label' in o ? o.label : o));

describe('value-tier plugin', () => {
  it('reads clv from the summary only, and publishes its tiers as segments', () => {
    expect(plugin.segments).toMatchObject({ metricKey: 'value-tier' });
    expect(plugin.provides.map((p) => [p.kind, p.metricKeys, p.requires, p.reads])).toEqual([
      ['metrics', ['value-tier', 'value-tier.cost-to-serve', 'value-tier.net-value', 'value-tier.potential'], ['summary'], ['clv']],
    ]);
  });

  it('files every customer as worked out by hand', async () => {
    const run = await runPlugin(plugin, customers(), { asOf, options });
    expect(run.models['metrics:value-tier,value-tier.cost-to-serve,value-tier.net-value,value-tier.potential']).toEqual({
      mvcShare: 0.2, mgcShare: 0.25, defaultMarginRatio: null, mvcCut: 50, mgcCut: 200, ranked: 8, sampled: 8,
    });
    expect(Object.values(run.diagnostics)[0]).toEqual({ customers: 11, buyers: 9, belowZero: 2, ranked: 8, rankedWithClv: 7, sampled: 8, invalidCost: 0 });
    expect(tiers(run)).toEqual(['MVC', 'MVC', 'MGC', 'MGC', 'OTHER', 'OTHER', 'OTHER', 'OTHER', 'BZ', 'BZ', null]);
    expect(run.valueOf('value-tier', 'A')).toEqual({ value: 120, label: 'MVC' });
    expect(run.valueOf('value-tier.potential', 'A')).toEqual({ value: 720, label: null });
    expect(run.valueOf('value-tier.cost-to-serve', 'Y')).toEqual({ value: 30, label: null });
    expect(run.valueOf('value-tier.net-value', 'Y')).toEqual({ value: 0, label: null });
    expect(run.valueOf('value-tier.potential', 'Y')).toEqual({ value: 210, label: null });
    expect(run.valueOf('value-tier', 'Z')).toEqual({ value: 20, label: 'BZ' });
    expect(run.valueOf('value-tier.net-value', 'Z')).toEqual({ value: -10, label: null });
    expect(run.valueOf('value-tier.potential', 'Z')).toEqual({ value: 140, label: null });
    expect(run.valueOf('value-tier', 'W')).toEqual({ value: 0, label: 'BZ' });
    expect(run.valueOf('value-tier.potential', 'W')).toBeNull();
    expect(run.valueOf('value-tier.potential', 'Q')).toBeNull();
    expect(run.valueOf('value-tier.cost-to-serve', 'N')).toBeNull();
  });

  it('uses the defaults: 10% shares, no interaction costs', async () => {
    // Without case costs Y nets 30 and Z 20 - 15 = 5: 9 ranked. MVC ceil(0.9) = 1: A (120).
    // The other 8: ceil(0.8) = 1, the largest gap is X's 1000. W (trait 5, no purchases) stays BZ.
    const run = await runPlugin(plugin, customers(), { asOf });
    expect(run.config).toEqual({
      mvcShare: 0.1, mgcShare: 0.1, costTrait: 'costToServe', interactionCosts: {}, defaultMarginRatio: null, sampleSize: 100_000,
    });
    expect(tiers(run)).toEqual(['MVC', 'MGC', 'OTHER', 'OTHER', 'OTHER', 'OTHER', 'OTHER', 'OTHER', 'OTHER', 'BZ', null]);
    expect(run.valueOf('value-tier.net-value', 'Z')).toEqual({ value: 5, label: null });
  });

  it('puts customers without margins on revenue, or on the default margin ratio', async () => {
    // V bought 400 without a margin (CLV 50). On revenue it outranks A (400 > 120): 9 ranked, MVC ceil(0.9) = 1: V.
    // The other 8, MGC ceil(0.25 x 8) = 2: gaps desc 1000 (X), 600 (A) -> A becomes MGC.
    const withV = () => [...customers(), customer('V', [{ at: '2025-06-01', type: 'PURCHASE', amount: 400 }], 50)];
    const onRevenue = await runPlugin(plugin, withV(), { asOf, options: { ...options, mvcShare: 0.1 } });
    expect(onRevenue.valueOf('value-tier', 'V')).toEqual({ value: 400, label: 'MVC' });
    expect(onRevenue.valueOf('value-tier', 'A')).toEqual({ value: 120, label: 'MGC' });
    // At a ratio of 0.2 V is worth 80: MVC is A again; the other 8's gaps desc 1000 (X), 400 (A1) cut at 400, above V's 50.
    const onRatio = await runPlugin(plugin, withV(), { asOf, options: { ...options, mvcShare: 0.1, defaultMarginRatio: 0.2 } });
    expect(onRatio.valueOf('value-tier', 'V')).toEqual({ value: 80, label: 'OTHER' });
    expect(onRatio.valueOf('value-tier', 'A')).toEqual({ value: 120, label: 'MVC' });
  });

  it('fails only the customer whose cost trait is not a number, and one the host gave no metrics', async () => {
    const bad = { ...subjectFromInteractions([buy(10, 5)], asOf, { customer: { externalId: 'bad', traits: { costToServe: 'high' } } }), metrics: { clv: 1 } };
    const bare = subjectFromInteractions([buy(10, 5)], asOf, { customer: { externalId: 'bare' } });
    const run = await runPlugin(plugin, [...customers(), bad, bare], { asOf, options });
    expect(run.valueOf('value-tier', 'bad')).toEqual({ error: 'value-tier: trait "costToServe" must be a number >= 0 in the base currency, got "high"' });
    expect(run.valueOf('value-tier', 'bare')).toEqual({ error: 'value-tier: the host passed no metrics (it reads clv)' });
    // bare has no metrics, so in the fit its CLV is unknown: 9 ranked. MVC ceil(1.8) = 2: A, X as before.
    expect(Object.values(run.diagnostics)[0]).toMatchObject({ ranked: 9, invalidCost: 1 });
    expect(run.valueOf('value-tier', 'A')).toEqual({ value: 120, label: 'MVC' });
  });

  it('samples a population larger than sampleSize and says so in the model', async () => {
    // 300 buyers with margins 1..300, no CLV; 100 kept. The exact cut is 270 (rank 30 from the top),
    // the sample's a draw of it: within 3 standard errors, 300 x sqrt(0.09 / 100) x 3 = 27.
    resetSubjectIds();
    const many = Array.from({ length: 300 }, (_, k) => customer(`m-${k}`, [buy(1000, k + 1)], null));
    const run = await runPlugin(plugin, many, { asOf, options: { sampleSize: 100 }, batchSize: 50 });
    const model = Object.values(run.models)[0];
    expect(model).toMatchObject({ ranked: 300, sampled: 100, mgcCut: null });
    expect(Math.abs((model.mvcCut as number) - 270)).toBeLessThan(27);
  });

  it('rejects options it does not know and shares outside 0..1', async () => {
    await expect(runPlugin(plugin, [], { options: { mvcShare: 1.5, interactionCosts: { MEETING: 3 }, tiers: 4 } })).rejects.toThrow(
      /options\.value-tier\.mvcShare: .*\n.*options\.value-tier\.interactionCosts: .*\n.*Unrecognized key: "tiers"/,
    );
  });
});

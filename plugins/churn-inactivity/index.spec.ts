import { describe, expect, it } from 'vitest';
import { RelationshipKind, runPlugin, subjectFromInteractions, subjectFromPurchases } from '../../src/plugin-api';
import plugin from './index';

const asOf = new Date('2026-01-01T00:00:00.000Z');
// A purchase at 10:00 UTC on the day `d` days before asOf's day.
const daysAgo = (d: number): Date => new Date(asOf.getTime() - d * 86_400_000 + 10 * 3_600_000);
const buys = (id: string, ...ago: number[]) => subjectFromPurchases(ago.map((d) => ({ at: daysAgo(d), amount: 10 })), asOf, { externalId: id });

/*
 * Purchase days (days before asOf), own median gap, days since the last one, k = 3:
 *   A 200, 170, 140        gaps 30, 30     -> 30; 140 > 90 -> churned; 140 / 30 = 4.7 gaps
 *   B 100, 80, 50, 40      gaps 20, 30, 10 -> 20; 40 <= 60 -> active;  ratio 40 / 60 = 0.6667
 *   D 20, 10               gap 10          -> 10; 10 <= 30 -> active;  ratio 10 / 30 = 0.3333
 *   C 100                  one day: population median of (30, 20, 10) = 20; 100 > 60 -> churned; 5 gaps
 *   E 5, 5 (same day)      one day: population 20; 5 <= 60 -> active; 5 / 20 = 0.25 -> "0.3 usual gaps"
 *   F a visit only -> null;  G CONTRACTUAL -> not this plugin's: null, and not in the fit.
 * With k = 1.5: B 40 > 30 -> churned; D 10 <= 15 -> active.
 */
const customers = () => [
  buys('A', 200, 170, 140), buys('B', 100, 80, 50, 40), buys('C', 100), buys('D', 20, 10), buys('E', 5, 5),
  subjectFromInteractions([{ at: daysAgo(3), type: 'VISIT' }], asOf, { customer: { externalId: 'F' } }),
  subjectFromPurchases([{ at: daysAgo(400), amount: 10 }, { at: daysAgo(399), amount: 10 }], asOf, { externalId: 'G', relationship: RelationshipKind.CONTRACTUAL }),
];

const POPULATION = 'the population median: fewer than 2 purchase days';

describe('churn-inactivity plugin', () => {
  it('declares a churn provider for non-contractual customers, on the interactions', () => {
    expect(plugin.provides).toMatchObject([{ kind: 'churn', requires: ['interactions'], relationships: ['NON_CONTRACTUAL'] }]);
  });

  it('fits the median usual gap and applies the rule as worked out by hand', async () => {
    const run = await runPlugin(plugin, customers(), { asOf });
    expect(run.models.churn).toEqual({ populationMedianGapDays: 20, customersWithGap: 3 });
    expect(run.diagnostics.churn).toEqual({ customers: 6, withPurchases: 5, withOwnGap: 3 });
    expect(run.results.get('churn')).toEqual([
      { probability: 1, pAlive: null, reason: 'no purchase for 140 days, 4.7 usual gaps (30 days)' },
      { probability: 0, pAlive: null, reason: 'no purchase for 40 days, 2 usual gaps (20 days)' },
      { probability: 1, pAlive: null, reason: `no purchase for 100 days, 5 usual gaps (20 days, ${POPULATION})` },
      { probability: 0, pAlive: null, reason: 'no purchase for 10 days, 1 usual gap (10 days)' },
      { probability: 0, pAlive: null, reason: `no purchase for 5 days, 0.3 usual gaps (20 days, ${POPULATION})` },
      null,
      null,
    ]);
  });

  it('grades the probability in ratio mode and follows k', async () => {
    const ratio = await runPlugin(plugin, customers(), { asOf, options: { mode: 'ratio' } });
    expect(ratio.results.get('churn')?.map((v) => (v && 'probability' in v ? v.probability : v))).toEqual([
      1, expect.closeTo(2 / 3, 12), 1, expect.closeTo(1 / 3, 12), expect.closeTo(5 / 60, 12), null, null,
    ]);
    const strict = await runPlugin(plugin, customers(), { asOf, options: { k: 1.5 } });
    expect(strict.valueOf('churn', 'B')).toMatchObject({ probability: 1 });
    expect(strict.valueOf('churn', 'D')).toMatchObject({ probability: 0 });
  });

  it('fails only the one-day customers when nobody has a gap', async () => {
    const run = await runPlugin(plugin, [buys('C', 100), buys('E', 5, 5)], { asOf });
    expect(run.models.churn).toEqual({ populationMedianGapDays: null, customersWithGap: 0 });
    expect(run.valueOf('churn', 'C')).toEqual({ error: expect.stringMatching(/no usual gap/) });
    expect(run.logs).toEqual([{ message: expect.stringMatching(/nobody has two purchase days/) }]);
  });

  it('fills its defaults and rejects bad options', async () => {
    expect((await runPlugin(plugin, [], { asOf })).config).toEqual({ k: 3, mode: 'binary' });
    await expect(runPlugin(plugin, [], { options: { k: 0, mode: 'soft' } })).rejects.toThrow(/k: .*\n.*mode: /);
  });
});

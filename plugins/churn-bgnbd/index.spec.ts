import { describe, expect, it } from 'vitest';
import { RelationshipKind } from '../../src/common/enums';
import { bgnbdPAlive } from '../../src/models/btyd/bgnbd.model';
import { BG_NBD } from '../../src/models/btyd/bgnbd.transactions';
import { simulatedSubjects } from '../../src/models/btyd/bgnbd-subjects.fixture';
import { readStoredTransactionModel } from '../../src/models/btyd/btyd-population';
import { runPlugin, subjectFromPurchases } from '../../src/metrics/testing/plugin-harness';
import type { ChurnValue } from '../../src/metrics/plugin.contract';
import plugin from './index';

const asOf = new Date('2026-01-01T00:00:00.000Z');
const population = simulatedSubjects({ customers: 400, seed: 14, asOf });

// Hand-made customers, all first buying on 2025-03-01 (T = 306 days = 43.71 weeks):
// ZERO buys once; HEAVY buys every week until 2025-12-27; LAPSED buys weekly too but stops in March.
const weekly = (from: string, count: number) =>
  Array.from({ length: count }, (_, i) => ({ at: new Date(new Date(from).getTime() + i * 7 * 86_400_000), amount: 30 }));
const special = [
  subjectFromPurchases([{ at: '2025-03-01T10:00:00Z', amount: 30 }], asOf, { id: 9001, externalId: 'ZERO' }),
  subjectFromPurchases(weekly('2025-03-01T10:00:00Z', 44), asOf, { id: 9002, externalId: 'HEAVY' }),
  subjectFromPurchases(weekly('2025-03-01T10:00:00Z', 4), asOf, { id: 9003, externalId: 'LAPSED' }),
  subjectFromPurchases([], asOf, { id: 9004, externalId: 'NONE' }),
  subjectFromPurchases(weekly('2025-03-01T10:00:00Z', 4), asOf, { id: 9005, externalId: 'CONTRACT', relationship: RelationshipKind.CONTRACTUAL }),
];

const churn = (run: Awaited<ReturnType<typeof runPlugin>>, id: string) => run.valueOf('churn', id) as ChurnValue;

describe('churn-bgnbd', () => {
  it('declares the churn kind for non-contractual customers from their interactions', () => {
    expect(plugin.name).toBe('churn-bgnbd');
    expect(plugin.provides).toHaveLength(1);
    expect(plugin.provides[0]).toMatchObject({ kind: 'churn', requires: ['interactions'], relationships: ['NON_CONTRACTUAL'] });
    expect(plugin.configSchema.parse({})).toEqual({ timeUnit: 'week', minRepeatBuyers: 10 });
  });

  it('fits a BG/NBD on the population and reports its diagnostics', async () => {
    const run = await runPlugin(plugin, [...population, ...special], { batchSize: 50 });
    const diagnostics = run.diagnostics.churn;
    expect(Object.keys(diagnostics).sort()).toEqual(
      ['converged', 'customers', 'distinctTuples', 'evaluations', 'fitMs', 'iterations', 'logLikelihood', 'repeatBuyers', 'standardErrors'],
    );
    // 400 simulated + ZERO, HEAVY, LAPSED; NONE has no purchase and CONTRACT is routed elsewhere.
    expect(diagnostics).toMatchObject({ converged: true, customers: 403 });
    expect(diagnostics.distinctTuples as number).toBeLessThan(403);
    expect(diagnostics.repeatBuyers as number).toBeGreaterThanOrEqual(10);
    expect(diagnostics.iterations as number).toBeGreaterThan(0);
    expect(Object.values(diagnostics.standardErrors as Record<string, number>).every((v) => v > 0)).toBe(true);
    const { params, unit } = readStoredTransactionModel(run.models.churn, BG_NBD, 'test');
    expect(unit).toBe('week');
    // The population was drawn with r = 0.25, α = 4, a = 0.8, b = 2.5: the same order of magnitude.
    expect(params.r).toBeGreaterThan(0.1);
    expect(params.r).toBeLessThan(0.6);
  });

  it('scores 1 - P(alive): zero-repeat buyer 0, heavy buyer low, lapsed buyer high; null without purchases or outside the relationship', async () => {
    const run = await runPlugin(plugin, [...population, ...special], { batchSize: 50 });
    const { params } = readStoredTransactionModel(run.models.churn, BG_NBD, 'test');
    const T = 306 / 7;
    expect(churn(run, 'ZERO')).toEqual({ probability: 0, pAlive: 1, reason: null });
    // HEAVY: x = 43, t_x = 301 days = 43 weeks. LAPSED: x = 3, t_x = 21 days = 3 weeks.
    const heavy = churn(run, 'HEAVY');
    const lapsed = churn(run, 'LAPSED');
    expect(heavy.pAlive).toBeCloseTo(bgnbdPAlive(params, 43, 43, T), 12);
    expect(lapsed.pAlive).toBeCloseTo(bgnbdPAlive(params, 3, 3, T), 12);
    expect(heavy.probability).toBeCloseTo(1 - heavy.pAlive!, 15);
    expect(heavy.probability).toBeLessThan(0.1);
    expect(lapsed.probability).toBeGreaterThan(0.8);
    expect(run.valueOf('churn', 'NONE')).toBeNull();
    expect(run.valueOf('churn', 'CONTRACT')).toBeNull();
  });

  it('daily units give the same predictions (the model is invariant to the unit)', async () => {
    const weeks = await runPlugin(plugin, [...population, ...special], { batchSize: 100 });
    const days = await runPlugin(plugin, [...population, ...special], { batchSize: 100, options: { timeUnit: 'day' } });
    expect(readStoredTransactionModel(days.models.churn, BG_NBD, 'test').unit).toBe('day');
    for (const id of ['HEAVY', 'LAPSED', 'S-1', 'S-2', 'S-3']) {
      expect(churn(days, id).probability).toBeCloseTo(churn(weeks, id).probability, 3);
    }
  });

  it('fails the run with a clear message when too few customers repeat', async () => {
    const oneOff = Array.from({ length: 30 }, (_, i) => subjectFromPurchases([{ at: `2025-0${1 + (i % 9)}-1${i % 10}T10:00:00Z`, amount: 10 }], asOf, { id: i + 1 }));
    await expect(runPlugin(plugin, oneOff)).rejects.toThrow(/BG\/NBD fit failed: only 0 of 30 customers .* at least 10 \(minRepeatBuyers\)/);
    await expect(runPlugin(plugin, population.slice(0, 60), { options: { minRepeatBuyers: 1000 } })).rejects.toThrow(/minRepeatBuyers/);
  });

  it('rejects unknown options and a broken stored model', async () => {
    await expect(runPlugin(plugin, population, { options: { timeUnit: 'month' } })).rejects.toThrow(/timeUnit/);
    await expect(runPlugin(plugin, population, { options: { horizon: 3 } })).rejects.toThrow();
    const ctx = { config: { timeUnit: 'week' as const, minRepeatBuyers: 10 }, asOf, currency: 'USD', log: () => undefined };
    expect(() => plugin.provides[0].score(population.slice(0, 1), { params: null, unit: 'week' }, ctx)).toThrow(/refresh the metrics/);
  });
});

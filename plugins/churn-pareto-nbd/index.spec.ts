import { describe, expect, it } from 'vitest';
import { RelationshipKind } from '../../src/common/enums';
import { readStoredTransactionModel } from '../../src/models/btyd/btyd-population';
import { CDNOW_AS_OF, cdnowPurchases } from '../../src/models/btyd/cdnow.fixture';
import { paretoNbdPAlive } from '../../src/models/btyd/pareto-nbd.model';
import { simulatedParetoNbdSubjects } from '../../src/models/btyd/pareto-nbd-subjects.fixture';
import { PARETO_NBD } from '../../src/models/btyd/pareto-nbd.transactions';
import { runPlugin, subjectFromPurchases } from '../../src/metrics/testing/plugin-harness';
import type { ChurnValue } from '../../src/metrics/plugin.contract';
import plugin from './index';

const asOf = new Date('2026-01-01T00:00:00.000Z');
// Drawn from a Pareto/NBD with CDNOW's parameters (see the fixture).
const population = simulatedParetoNbdSubjects({ customers: 400, seed: 14, asOf });

// Hand-made customers, all first buying on 2025-03-01 (T = 306 days = 43.71 weeks): ZERO buys
// once; HEAVY every week until 2025-12-27 (x = 43, t_x = 43 weeks); LAPSED weekly 4 times (x = 3, t_x = 3).
const weekly = (count: number) =>
  Array.from({ length: count }, (_, i) => ({ at: new Date(Date.parse('2025-03-01T10:00:00Z') + i * 7 * 86_400_000), amount: 30 }));
const special = [
  subjectFromPurchases(weekly(1), asOf, { id: 9001, externalId: 'ZERO' }),
  subjectFromPurchases(weekly(44), asOf, { id: 9002, externalId: 'HEAVY' }),
  subjectFromPurchases(weekly(4), asOf, { id: 9003, externalId: 'LAPSED' }),
  subjectFromPurchases([], asOf, { id: 9004, externalId: 'NONE' }),
  subjectFromPurchases(weekly(4), asOf, { id: 9005, externalId: 'CONTRACT', relationship: RelationshipKind.CONTRACTUAL }),
];
const T = 306 / 7;

const churn = (run: Awaited<ReturnType<typeof runPlugin>>, id: string) => run.valueOf('churn', id) as ChurnValue;

describe('churn-pareto-nbd', () => {
  it('declares the churn kind for non-contractual customers from their interactions, with the BG/NBD plugin options', () => {
    expect(plugin.name).toBe('churn-pareto-nbd');
    expect(plugin.provides).toHaveLength(1);
    expect(plugin.provides[0]).toMatchObject({ kind: 'churn', requires: ['interactions'], relationships: ['NON_CONTRACTUAL'] });
    expect(plugin.configSchema.parse({})).toEqual({ timeUnit: 'week', minRepeatBuyers: 10 });
  });

  it('on the CDNOW sample, refreshes to the published Pareto/NBD fit (r 0.5533, α 10.578, s 0.6062, β 11.668)', async () => {
    // The raw CDNOW purchases, up to the end of the 39-week calibration period, as the host would hand them.
    const subjects = [...cdnowPurchases().entries()].map(([id, purchases]) =>
      subjectFromPurchases(purchases.filter((p) => p.occurredAt <= CDNOW_AS_OF).map((p) => ({ at: p.occurredAt, amount: p.amount ?? 0 })), CDNOW_AS_OF, { id, externalId: `CD-${id}` }));
    const run = await runPlugin(plugin, subjects, { asOf: CDNOW_AS_OF.toISOString(), batchSize: 500 });
    const { params, unit } = readStoredTransactionModel(run.models.churn, PARETO_NBD, 'test');
    expect(unit).toBe('week');
    expect(params.r).toBeCloseTo(0.5533, 3);
    expect(params.alpha).toBeCloseTo(10.578, 2);
    expect(params.s).toBeCloseTo(0.6062, 3);
    expect(params.beta).toBeCloseTo(11.668, 1);
    expect(run.diagnostics.churn).toMatchObject({ converged: true, customers: 2357, repeatBuyers: 946 });
    expect(Math.abs((run.diagnostics.churn.logLikelihood as number) + 9594.97)).toBeLessThan(0.05);
    // #1901 bought 22 days in its first 5 weeks and nothing for the next 24.6: almost surely gone;
    // #157 bought 30 days, the last in the final week: almost surely alive.
    expect(churn(run, 'CD-1901').probability).toBeGreaterThan(0.9999);
    expect(churn(run, 'CD-157').probability).toBeLessThan(0.05);
  });

  it('scores 1 - P(alive) from the fitted model; unlike BG/NBD, a one-off buyer may have churned', async () => {
    const run = await runPlugin(plugin, [...population, ...special], { batchSize: 50 });
    const diagnostics = run.diagnostics.churn;
    expect(Object.keys(diagnostics).sort()).toEqual(
      ['converged', 'customers', 'distinctTuples', 'evaluations', 'fitMs', 'iterations', 'logLikelihood', 'repeatBuyers', 'standardErrors'],
    );
    // 400 simulated + ZERO, HEAVY, LAPSED; NONE has no purchase and CONTRACT is routed elsewhere.
    expect(diagnostics).toMatchObject({ converged: true, customers: 403 });
    const { params } = readStoredTransactionModel(run.models.churn, PARETO_NBD, 'test');
    const zero = churn(run, 'ZERO');
    expect(zero.pAlive).toBeCloseTo(paretoNbdPAlive(params, 0, 0, T), 12);
    expect(zero.pAlive!).toBeLessThan(1);
    expect(zero.probability).toBeCloseTo(1 - zero.pAlive!, 15);
    const heavy = churn(run, 'HEAVY');
    const lapsed = churn(run, 'LAPSED');
    expect(heavy.pAlive).toBeCloseTo(paretoNbdPAlive(params, 43, 43, T), 12);
    expect(lapsed.pAlive).toBeCloseTo(paretoNbdPAlive(params, 3, 3, T), 12);
    expect(heavy.probability).toBeLessThan(0.1);
    expect(lapsed.probability).toBeGreaterThan(0.8);
    expect(heavy.reason).toBeNull();
    expect(run.valueOf('churn', 'NONE')).toBeNull();
    expect(run.valueOf('churn', 'CONTRACT')).toBeNull();
  });

  it('daily units give the same predictions (α and β scale with the unit)', async () => {
    const weeks = await runPlugin(plugin, [...population, ...special], { batchSize: 100 });
    const days = await runPlugin(plugin, [...population, ...special], { batchSize: 100, options: { timeUnit: 'day' } });
    expect(readStoredTransactionModel(days.models.churn, PARETO_NBD, 'test').unit).toBe('day');
    for (const id of ['ZERO', 'HEAVY', 'LAPSED', 'P-1', 'P-2', 'P-3']) {
      expect(churn(days, id).probability).toBeCloseTo(churn(weeks, id).probability, 3);
    }
  });

  it('fails the run with a clear message when too few customers repeat', async () => {
    const oneOff = Array.from({ length: 30 }, (_, i) => subjectFromPurchases([{ at: `2025-0${1 + (i % 9)}-1${i % 10}T10:00:00Z`, amount: 10 }], asOf, { id: i + 1 }));
    await expect(runPlugin(plugin, oneOff)).rejects.toThrow(/Pareto\/NBD fit failed: only 0 of 30 customers .* at least 10 \(minRepeatBuyers\)/);
    await expect(runPlugin(plugin, population.slice(0, 60), { options: { minRepeatBuyers: 1000 } })).rejects.toThrow(/minRepeatBuyers/);
  });

  it('rejects unknown options and a broken stored model', async () => {
    await expect(runPlugin(plugin, population, { options: { timeUnit: 'month' } })).rejects.toThrow(/timeUnit/);
    await expect(runPlugin(plugin, population, { options: { horizon: 3 } })).rejects.toThrow();
    const ctx = { config: { timeUnit: 'week' as const, minRepeatBuyers: 10 }, asOf, currency: 'USD', log: () => undefined };
    // BG/NBD parameters are not Pareto/NBD ones.
    expect(() => plugin.provides[0].score(population.slice(0, 1), { params: { r: 1, alpha: 1, a: 1, b: 1 }, unit: 'week' }, ctx)).toThrow(/Pareto\/NBD parameters.*refresh the metrics/);
  });
});

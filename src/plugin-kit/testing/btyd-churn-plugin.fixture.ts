import { describe, expect, it } from 'vitest';
import { runPlugin } from '../../plugin-api/testing/plugin-harness';
import type { ChurnValue } from '../../plugin-api/plugin.contract';
import type { BtydChurnConfig } from '../btyd/btyd-plugin.config';
import { readStoredTransactionModel } from '../btyd/btyd-population';
import { BTYD_AS_OF, type BtydPluginCase, namePattern, oneOffSubjects, SPECIAL_T, specialSubjects } from './btyd-plugin-subjects.fixture';

// Test-only: the behaviour every BTYD churn plugin shares, run by each plugin's index.spec.ts.

const churn = (run: Awaited<ReturnType<typeof runPlugin>>, id: string) => run.valueOf('churn', id) as ChurnValue;

/** The shared churn-plugin tests for `c`. */
export function describeBtydChurnPlugin<P>(c: BtydPluginCase<BtydChurnConfig, P>): void {
  const { plugin, model } = c;
  const population = c.population();
  const everyone = () => [...population, ...specialSubjects()];
  const name = namePattern(model);

  describe(`${plugin.name} (shared BTYD churn behaviour)`, () => {
    it('declares the churn kind for non-contractual customers from their summaries; {} is a valid config', () => {
      expect(plugin.provides).toHaveLength(1);
      expect(plugin.provides[0]).toMatchObject({ kind: 'churn', requires: ['summary'], relationships: ['NON_CONTRACTUAL'] });
      expect(plugin.configSchema.parse({})).toEqual({ timeUnit: 'week', minRepeatBuyers: 10 });
    });

    it(`fits a ${model.name} on the population and reports its diagnostics`, async () => {
      const run = await runPlugin(plugin, everyone(), { batchSize: 50 });
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
      const { params, unit } = readStoredTransactionModel(run.models.churn, model, 'test');
      expect(unit).toBe('week');
      expect(Object.keys(params as object).sort()).toEqual(Object.keys(c.ownParams as object).sort());
    });

    it('scores 1 - P(alive) of the fitted model: heavy buyer low, lapsed high; null without purchases or outside the relationship', async () => {
      const run = await runPlugin(plugin, everyone(), { batchSize: 50 });
      const { params } = readStoredTransactionModel(run.models.churn, model, 'test');
      // ZERO: x = 0. HEAVY: x = 43, t_x = 301 days = 43 weeks. LAPSED: x = 3, t_x = 21 days = 3 weeks.
      for (const [id, x, tx] of [['ZERO', 0, 0], ['HEAVY', 43, 43], ['LAPSED', 3, 3]] as const) {
        const value = churn(run, id);
        expect(value.pAlive).toBeCloseTo(model.pAlive(params, x, tx, SPECIAL_T), 12);
        expect(value.probability).toBeCloseTo(1 - value.pAlive!, 15);
        expect(value.reason).toBeNull();
      }
      expect(churn(run, 'HEAVY').probability).toBeLessThan(0.1);
      expect(churn(run, 'LAPSED').probability).toBeGreaterThan(0.8);
      expect(run.valueOf('churn', 'NONE')).toBeNull();
      expect(run.valueOf('churn', 'CONTRACT')).toBeNull();
    });

    it('daily units give the same predictions (the rate parameters scale with the unit)', async () => {
      const weeks = await runPlugin(plugin, everyone(), { batchSize: 100 });
      const days = await runPlugin(plugin, everyone(), { batchSize: 100, options: { timeUnit: 'day' } });
      expect(readStoredTransactionModel(days.models.churn, model, 'test').unit).toBe('day');
      for (const id of ['ZERO', 'HEAVY', 'LAPSED', ...population.slice(0, 3).map((s) => s.customer.externalId)]) {
        expect(churn(days, id).probability).toBeCloseTo(churn(weeks, id).probability, 3);
      }
    });

    it('fails the run with a clear message when too few customers repeat', async () => {
      await expect(runPlugin(plugin, oneOffSubjects())).rejects.toThrow(new RegExp(`${name} fit failed: only 0 of 30 customers .* at least 10 \\(minRepeatBuyers\\)`));
      await expect(runPlugin(plugin, population.slice(0, 60), { options: { minRepeatBuyers: 1000 } })).rejects.toThrow(/minRepeatBuyers/);
    });

    it('rejects unknown options and a broken stored model', async () => {
      await expect(runPlugin(plugin, population, { options: { timeUnit: 'month' } })).rejects.toThrow(/timeUnit/);
      await expect(runPlugin(plugin, population, { options: { horizon: 3 } })).rejects.toThrow();
      const ctx = { config: { timeUnit: 'week' as const, minRepeatBuyers: 10 }, asOf: BTYD_AS_OF, currency: 'USD', log: () => undefined };
      const score = (stored: Record<string, unknown>) => plugin.provides[0].score(population.slice(0, 1), stored, ctx);
      expect(() => score({ params: null, unit: 'week' })).toThrow(/refresh the metrics/);
      expect(() => score({ params: c.otherParams, unit: 'week' })).toThrow(new RegExp(`${name} parameters.*refresh the metrics`));
    });
  });
}

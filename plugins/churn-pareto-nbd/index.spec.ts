import { describe, expect, it } from 'vitest';
import { type ChurnValue, PARETO_NBD, paretoNbdPAlive, readStoredTransactionModel, runPlugin, subjectFromPurchases } from '../../src/plugin-api';
import {
  BTYD_AS_OF, CDNOW_AS_OF, cdnowPurchases, describeBtydChurnPlugin, simulatedParetoNbdSubjects, SPECIAL_T,
  specialSubjects,
} from '../../src/plugin-api/testing';
import plugin from './index';

// Drawn from a Pareto/NBD with CDNOW's parameters (see the fixture).
const population = () => simulatedParetoNbdSubjects({ customers: 400, seed: 14, asOf: BTYD_AS_OF });
const churn = (run: Awaited<ReturnType<typeof runPlugin>>, id: string) => run.valueOf('churn', id) as ChurnValue;

describe('churn-pareto-nbd', () => {
  it('is named churn-pareto-nbd', () => {
    expect(plugin.name).toBe('churn-pareto-nbd');
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

  it('unlike BG/NBD, a one-off buyer may have churned', async () => {
    const run = await runPlugin(plugin, [...population(), ...specialSubjects()], { batchSize: 50 });
    const { params } = readStoredTransactionModel(run.models.churn, PARETO_NBD, 'test');
    const zero = churn(run, 'ZERO');
    expect(zero.pAlive).toBeCloseTo(paretoNbdPAlive(params, 0, 0, SPECIAL_T), 12);
    expect(zero.pAlive!).toBeLessThan(1);
  });
});

describeBtydChurnPlugin({
  plugin, model: PARETO_NBD, population, ownParams: { r: 1, alpha: 1, s: 1, beta: 1 }, otherParams: { r: 1, alpha: 1, a: 1, b: 1 },
});

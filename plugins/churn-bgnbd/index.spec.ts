import { describe, expect, it } from 'vitest';
import { BG_NBD, readStoredTransactionModel, runPlugin } from '../../src/plugin-api';
import { BTYD_AS_OF, describeBtydChurnPlugin, simulatedSubjects, specialSubjects } from '../../src/plugin-api/testing';
import plugin from './index';

// Drawn from a BG/NBD with r = 0.25, α = 4, a = 0.8, b = 2.5 (see the fixture).
const population = () => simulatedSubjects({ customers: 400, seed: 14, asOf: BTYD_AS_OF });

describe('churn-bgnbd', () => {
  it('is named churn-bgnbd', () => {
    expect(plugin.name).toBe('churn-bgnbd');
  });

  it('recovers the simulated process roughly, and a zero-repeat buyer has not churned (BG/NBD: no dropout before a repeat)', async () => {
    const run = await runPlugin(plugin, [...population(), ...specialSubjects()], { batchSize: 50 });
    const { params } = readStoredTransactionModel(run.models.churn, BG_NBD, 'test');
    // The same order of magnitude as the r = 0.25 drawn from.
    expect(params.r).toBeGreaterThan(0.1);
    expect(params.r).toBeLessThan(0.6);
    expect(run.valueOf('churn', 'ZERO')).toEqual({ probability: 0, pAlive: 1, reason: null });
  });
});

describeBtydChurnPlugin({
  plugin, model: BG_NBD, population, ownParams: { r: 1, alpha: 1, a: 1, b: 1 }, otherParams: { r: 1, alpha: 1, s: 1, beta: 1 },
});

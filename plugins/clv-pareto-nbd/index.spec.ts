import { describe, expect, it } from 'vitest';
import { type ClvValue, PARETO_NBD, runPlugin } from '../../src/plugin-api';
import { BTYD_AS_OF, describeBtydClvPlugin, simulatedParetoNbdSubjects, specialSubjects } from '../../src/plugin-api/testing';
import plugin from './index';

// Drawn from a Pareto/NBD with CDNOW's parameters, spend Gamma-Gamma with mean about 30.
const population = (marginRatio?: number) => simulatedParetoNbdSubjects({ customers: 400, seed: 14, asOf: BTYD_AS_OF, marginRatio });

describe('clv-pareto-nbd', () => {
  it('is named clv-pareto-nbd', () => {
    expect(plugin.name).toBe('clv-pareto-nbd');
  });

  it('unlike BG/NBD, a one-off buyer may be gone too', async () => {
    const run = await runPlugin(plugin, [...population(), ...specialSubjects()], { batchSize: 64 });
    expect((run.valueOf('clv', 'ZERO') as ClvValue).pAlive!).toBeLessThan(1);
  });
});

describeBtydClvPlugin({
  plugin, model: PARETO_NBD, population, ownParams: { r: 1, alpha: 1, s: 1, beta: 1 }, otherParams: { r: 1, alpha: 1, a: 1, b: 1 },
});

import { describe, expect, it } from 'vitest';
import { BG_NBD, type ClvValue, runPlugin } from '../../src/plugin-api';
import { BTYD_AS_OF, describeBtydClvPlugin, simulatedSubjects, specialSubjects } from '../../src/plugin-api/testing';
import plugin from './index';

// Drawn from a BG/NBD with r = 0.25, α = 4, a = 0.8, b = 2.5 (see the fixture).
const population = (marginRatio?: number) => simulatedSubjects({ customers: 400, seed: 14, asOf: BTYD_AS_OF, marginRatio });

describe('clv-bgnbd', () => {
  it('is named clv-bgnbd', () => {
    expect(plugin.name).toBe('clv-bgnbd');
  });

  it('a one-off buyer is alive by the BG/NBD assumption (no dropout before a repeat purchase)', async () => {
    const run = await runPlugin(plugin, [...population(), ...specialSubjects()], { batchSize: 64 });
    expect((run.valueOf('clv', 'ZERO') as ClvValue).pAlive).toBe(1);
  });
});

describeBtydClvPlugin({
  plugin, model: BG_NBD, population, ownParams: { r: 1, alpha: 1, a: 1, b: 1 }, otherParams: { r: 1, alpha: 1, s: 1, beta: 1 },
});

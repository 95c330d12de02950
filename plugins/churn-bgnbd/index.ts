import { bgnbdPAlive } from '../../src/models/btyd/bgnbd.model';
import { BgNbdPopulation, readBgNbdModel } from '../../src/models/btyd/bgnbd-population';
import { btydSummary } from '../../src/models/btyd/btyd-summary';
import { type ChurnValue, definePlugin, HOST_API_VERSION, type MetricProvider, type ScoreOutcome } from '../../src/metrics/plugin.contract';
import { type ChurnBgNbdConfig, churnBgNbdConfigSchema } from './churn-bgnbd.config';

const NAME = 'churn-bgnbd';

/** The core `churn` kind for non-contractual customers: 1 - P(alive) under a fitted BG/NBD. */
const provider: MetricProvider<ChurnBgNbdConfig, 'churn'> = {
  kind: 'churn',
  requires: ['interactions'],
  relationships: ['NON_CONTRACTUAL'],

  async fit(population, ctx) {
    // Only distinct (x, t_x, T) tuples are kept, never the subjects.
    const customers = new BgNbdPopulation();
    for await (const batch of population) {
      for (const s of batch) {
        const summary = btydSummary(s.interactions ?? [], ctx.asOf, ctx.config.timeUnit);
        if (summary) customers.add(summary);
      }
    }
    const { params, diagnostics } = customers.fit(ctx.config.minRepeatBuyers);
    ctx.log(`${NAME}: BG/NBD fitted`, { ...params, customers: diagnostics.customers, fitMs: diagnostics.fitMs });
    return { model: { params, unit: ctx.config.timeUnit }, diagnostics };
  },

  score(subjects, model, ctx) {
    // The unit the model was fitted in, not today's option: α is in that unit.
    const { params, unit } = readBgNbdModel(model, NAME);
    return subjects.map((s): ScoreOutcome<ChurnValue> => {
      if (!s.interactions) return { error: `${NAME}: the host passed no interactions` };
      const summary = btydSummary(s.interactions, ctx.asOf, unit);
      if (!summary) return null;
      const pAlive = bgnbdPAlive(params, summary.x, summary.tx, summary.T);
      return { probability: 1 - pAlive, pAlive, reason: null };
    });
  },
};

/** BG/NBD churn: the probability that a non-contractual customer has dropped out. */
export default definePlugin<ChurnBgNbdConfig>({
  name: NAME,
  version: '1.0.0',
  apiVersion: HOST_API_VERSION,
  description: 'Churn probability 1 - P(alive) of non-contractual customers under a BG/NBD model (Fader, Hardie & Lee 2005) fitted on the population.',
  configSchema: churnBgNbdConfigSchema,
  provides: [provider],
});

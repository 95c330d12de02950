import { BtydPopulation, readStoredTransactionModel } from '../../src/models/btyd/btyd-population';
import { type BtydChurnConfig, btydChurnConfigSchema } from '../../src/models/btyd/btyd-plugin.config';
import { btydSummary } from '../../src/models/btyd/btyd-summary';
import { PARETO_NBD } from '../../src/models/btyd/pareto-nbd.transactions';
import { type ChurnValue, definePlugin, HOST_API_VERSION, type MetricProvider, type ScoreOutcome } from '../../src/metrics/plugin.contract';

const NAME = 'churn-pareto-nbd';

/** The core `churn` kind for non-contractual customers: 1 - P(alive) under a fitted Pareto/NBD. */
const provider: MetricProvider<BtydChurnConfig, 'churn'> = {
  kind: 'churn',
  requires: ['interactions'],
  relationships: ['NON_CONTRACTUAL'],

  async fit(population, ctx) {
    // Only distinct (x, t_x, T) tuples are kept, never the subjects.
    const customers = new BtydPopulation(PARETO_NBD);
    for await (const batch of population) {
      for (const s of batch) {
        const summary = btydSummary(s.interactions ?? [], ctx.asOf, ctx.config.timeUnit);
        if (summary) customers.add(summary);
      }
    }
    const { params, diagnostics } = customers.fit(ctx.config.minRepeatBuyers);
    ctx.log(`${NAME}: Pareto/NBD fitted`, { ...params, customers: diagnostics.customers, fitMs: diagnostics.fitMs });
    return { model: { params, unit: ctx.config.timeUnit }, diagnostics };
  },

  score(subjects, model, ctx) {
    // The unit the model was fitted in, not today's option: α and β are in that unit.
    const { params, unit } = readStoredTransactionModel(model, PARETO_NBD, NAME);
    return subjects.map((s): ScoreOutcome<ChurnValue> => {
      if (!s.interactions) return { error: `${NAME}: the host passed no interactions` };
      const summary = btydSummary(s.interactions, ctx.asOf, unit);
      if (!summary) return null;
      const pAlive = PARETO_NBD.pAlive(params, summary.x, summary.tx, summary.T);
      return { probability: 1 - pAlive, pAlive, reason: null };
    });
  },
};

/** Pareto/NBD churn: the probability that a non-contractual customer has dropped out. */
export default definePlugin<BtydChurnConfig>({
  name: NAME,
  version: '1.0.0',
  apiVersion: HOST_API_VERSION,
  description:
    'Churn probability 1 - P(alive) of non-contractual customers under a Pareto/NBD model (Schmittlein, Morrison & Colombo 1987) fitted on the population.',
  configSchema: btydChurnConfigSchema,
  provides: [provider],
});

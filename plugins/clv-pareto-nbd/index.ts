import { BtydClvPopulation, readBtydClvModel, scoreBtydClv } from '../../src/models/btyd/btyd-clv';
import { type BtydClvConfig, btydClvConfigSchema } from '../../src/models/btyd/btyd-plugin.config';
import { btydSummary } from '../../src/models/btyd/btyd-summary';
import { PARETO_NBD } from '../../src/models/btyd/pareto-nbd.transactions';
import { type ClvValue, definePlugin, HOST_API_VERSION, type MetricProvider, type ScoreOutcome } from '../../src/metrics/plugin.contract';

const NAME = 'clv-pareto-nbd';

/** The core `clv` kind for non-contractual customers: Pareto/NBD transactions × Gamma-Gamma spend × margin. */
const provider: MetricProvider<BtydClvConfig, 'clv'> = {
  kind: 'clv',
  requires: ['interactions'],
  relationships: ['NON_CONTRACTUAL'],

  async fit(population, ctx) {
    // Distinct tuples, (x, zbar) pairs and sums only, never the subjects.
    const customers = new BtydClvPopulation(PARETO_NBD);
    for await (const batch of population) {
      for (const s of batch) {
        const summary = btydSummary(s.interactions ?? [], ctx.asOf, ctx.config.timeUnit);
        if (summary) customers.add(summary);
      }
    }
    const { model, diagnostics } = customers.fit(ctx.config);
    ctx.log(`${NAME}: Pareto/NBD and Gamma-Gamma fitted`, { ...model.params, ...model.spend, customers: diagnostics.customers, fitMs: diagnostics.fitMs });
    return { model, diagnostics };
  },

  score(subjects, model, ctx) {
    const stored = readBtydClvModel(model, PARETO_NBD, NAME);
    return subjects.map((s): ScoreOutcome<ClvValue> => {
      if (!s.interactions) return { error: `${NAME}: the host passed no interactions` };
      // The unit the model was fitted in: α and β are in that unit.
      const summary = btydSummary(s.interactions, ctx.asOf, stored.unit);
      return summary ? scoreBtydClv(summary, stored, PARETO_NBD, ctx, NAME) : null;
    });
  },
};

/** Pareto/NBD + Gamma-Gamma customer lifetime value for non-contractual customers. */
export default definePlugin<BtydClvConfig>({
  name: NAME,
  version: '1.0.0',
  apiVersion: HOST_API_VERSION,
  description:
    'Discounted CLV of non-contractual customers: Pareto/NBD expected purchases over the horizon × Gamma-Gamma expected spend '
    + '× margin ratio (Schmittlein, Morrison & Colombo 1987; Fader, Hardie & Lee 2005), with P(alive).',
  configSchema: btydClvConfigSchema,
  provides: [provider],
});

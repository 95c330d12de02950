import { btydSummary } from '../../src/models/btyd/btyd-summary';
import { type ClvValue, definePlugin, HOST_API_VERSION, type MetricProvider, type ScoreOutcome } from '../../src/metrics/plugin.contract';
import { type ClvBgNbdConfig, clvBgNbdConfigSchema } from './clv-bgnbd.config';
import { ClvBgNbdPopulation, readClvBgNbdModel, scoreClvBgNbd } from './clv-bgnbd.model';

const NAME = 'clv-bgnbd';

/** The core `clv` kind for non-contractual customers: BG/NBD transactions × Gamma-Gamma spend × margin. */
const provider: MetricProvider<ClvBgNbdConfig, 'clv'> = {
  kind: 'clv',
  requires: ['interactions'],
  relationships: ['NON_CONTRACTUAL'],

  async fit(population, ctx) {
    // Distinct tuples, (x, zbar) pairs and sums only, never the subjects.
    const customers = new ClvBgNbdPopulation();
    for await (const batch of population) {
      for (const s of batch) {
        const summary = btydSummary(s.interactions ?? [], ctx.asOf, ctx.config.timeUnit);
        if (summary) customers.add(summary);
      }
    }
    const { model, diagnostics } = customers.fit(ctx.config);
    ctx.log(`${NAME}: BG/NBD and Gamma-Gamma fitted`, { ...model.params, ...model.spend, customers: diagnostics.customers, fitMs: diagnostics.fitMs });
    return { model, diagnostics };
  },

  score(subjects, model, ctx) {
    const stored = readClvBgNbdModel(model);
    return subjects.map((s): ScoreOutcome<ClvValue> => {
      if (!s.interactions) return { error: `${NAME}: the host passed no interactions` };
      // The unit the model was fitted in: α is in that unit.
      const summary = btydSummary(s.interactions, ctx.asOf, stored.unit);
      return summary ? scoreClvBgNbd(summary, stored, ctx) : null;
    });
  },
};

/** BG/NBD + Gamma-Gamma customer lifetime value for non-contractual customers. */
export default definePlugin<ClvBgNbdConfig>({
  name: NAME,
  version: '1.0.0',
  apiVersion: HOST_API_VERSION,
  description:
    'Discounted CLV of non-contractual customers: BG/NBD expected purchases over the horizon × Gamma-Gamma expected spend '
    + '× margin ratio (Fader, Hardie & Lee 2005), with P(alive).',
  configSchema: clvBgNbdConfigSchema,
  provides: [provider],
});

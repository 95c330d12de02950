import { definePlugin, HOST_API_VERSION, type MetricProvider, purchaseDays, scoreEach } from '../../src/plugin-api';
import { type ChurnInactivityConfig, churnInactivityConfigSchema } from './churn-inactivity.config';
import { readChurnInactivityModel } from './churn-inactivity-model.schema';
import { fitChurnInactivity, inactivityChurn, ownGapDays } from './churn-inactivity.model';

/** The core `churn` kind: no purchase for more than k usual gaps. */
const provider: MetricProvider<ChurnInactivityConfig, 'churn'> = {
  kind: 'churn',
  requires: ['interactions'],
  // Contractual churn is observed when the contract ends; this rule infers a latent one.
  relationships: ['NON_CONTRACTUAL'],

  async fit(population, ctx) {
    // One number per customer with two purchase days, never the subjects.
    const gaps: number[] = [];
    let customers = 0;
    let withPurchases = 0;
    for await (const batch of population) {
      for (const s of batch) {
        customers += 1;
        const days = purchaseDays(s.interactions ?? []);
        if (days.length) withPurchases += 1;
        const gap = ownGapDays(days);
        if (gap !== null) gaps.push(gap);
      }
    }
    const model = fitChurnInactivity(gaps);
    if (model.populationMedianGapDays === null) ctx.log('churn-inactivity: nobody has two purchase days; customers with one cannot be scored');
    return { model, diagnostics: { customers, withPurchases, withOwnGap: gaps.length } };
  },

  score(subjects, model, ctx) {
    const stored = readChurnInactivityModel(model);
    return scoreEach(subjects, (s) => {
      if (!s.interactions) return { error: 'churn-inactivity: the host passed no interactions' };
      const days = purchaseDays(s.interactions);
      return days.length ? inactivityChurn(days, ctx.asOf, stored, ctx.config) : null;
    });
  },
};

/** Churn by inactivity: no purchase for more than k times the customer's usual gap. */
export default definePlugin<ChurnInactivityConfig>({
  name: 'churn-inactivity',
  version: '1.0.0',
  apiVersion: HOST_API_VERSION,
  description:
    "Churned when a non-contractual customer has not purchased for more than k times its usual inter-purchase gap "
    + "(the median gap between its purchase days, or the population's).",
  configSchema: churnInactivityConfigSchema,
  provides: [provider],
});

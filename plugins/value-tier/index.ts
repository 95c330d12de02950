import { definePlugin, type FreeMetricValue, HOST_API_VERSION, type MetricProvider, scoreEach, type ScoreOutcome } from '../../src/plugin-api';
import { valueParts } from './value-parts.model';
import { type ValueTierConfig, valueTierConfigSchema } from './value-tier.config';
import { fitValueTiers } from './value-tier-fit';
import { readValueTierModel } from './value-tier-model.schema';
import { tierOf } from './value-tier.model';

/** The keys this plugin adds: the tier (labelled, valued by actual value) and its parts. */
export const VALUE_TIER_KEYS = ['value-tier', 'value-tier.cost-to-serve', 'value-tier.net-value', 'value-tier.potential'] as const;

const provider: MetricProvider<ValueTierConfig, 'metrics'> = {
  kind: 'metrics',
  metricKeys: [...VALUE_TIER_KEYS],
  // Interaction costs are counted from the summary's interactionsByType: no interactions needed.
  requires: ['summary'],
  reads: ['clv'],

  fit: (population, ctx) => fitValueTiers(population, ctx.config),

  score(subjects, model, ctx) {
    // A stale or broken model concerns every customer, so it throws instead of failing each one.
    const cuts = readValueTierModel(model, ctx.config);
    return scoreEach(subjects, (s): ScoreOutcome<Record<string, FreeMetricValue>> => {
      if (!s.metrics) return { error: 'value-tier: the host passed no metrics (it reads clv)' };
      const parts = valueParts(s, ctx.config);
      const tier = tierOf(parts, cuts);
      if (tier === null) return null;
      return {
        'value-tier': { value: parts.actual, label: tier },
        'value-tier.cost-to-serve': { value: parts.costToServe },
        'value-tier.net-value': { value: parts.net },
        // Left out without a CLV: no potential is known.
        ...(parts.potential === null ? {} : { 'value-tier.potential': { value: parts.potential } }),
      };
    });
  },
};

/** MVC / MGC / BZ / OTHER value tiers (DOMAIN §7) from historical value, served CLV and cost to serve. */
export default definePlugin<ValueTierConfig>({
  name: 'value-tier',
  version: '1.0.0',
  apiVersion: HOST_API_VERSION,
  description:
    'Value tiers: BZ (cost to serve exceeds value), MVC (top actual value), MGC (largest growth gap: the served CLV), '
    + 'OTHER; with cost to serve, net value and potential value.',
  configSchema: valueTierConfigSchema,
  segments: { metricKey: 'value-tier', description: 'MVC, MGC, BZ or OTHER, by actual value, CLV and cost to serve.' },
  provides: [provider],
});

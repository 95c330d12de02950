import { definePlugin, type FreeMetricValue, HOST_API_VERSION, type MetricProvider, type ScoreOutcome } from '../../src/plugin-api';
import { type ReferralValueConfig, referralValueConfigSchema } from './referral-value.config';
import { referralValue } from './referral-value.model';

const provider: MetricProvider<ReferralValueConfig, 'metrics'> = {
  kind: 'metrics',
  metricKeys: ['referral-value', 'referral-value.count'],
  requires: ['relationships'],
  reads: ['clv'],
  // The second level of links costs a query per batch: only asked for when it is used.
  linkDepth: (config) => config.depth,

  score(subjects, _model, ctx) {
    return subjects.map((s): ScoreOutcome<Record<string, FreeMetricValue>> => {
      if (!s.links) return { error: 'referral-value: the host passed no links' };
      // Tells a host that left out the read metrics from referrals without a CLV, which both add 0.
      if (s.links.some((l) => !l.metrics)) return { error: 'referral-value: the host passed links without metrics (it reads clv)' };
      const r = referralValue(s.customer.id, s.links, ctx.config);
      if (r === null) return null;
      return { 'referral-value': { value: r.value }, 'referral-value.count': { value: r.count } };
    });
  },
};

/** The CLV of the customers a customer referred (DOMAIN §1), one or two levels deep. */
export default definePlugin<ReferralValueConfig>({
  name: 'referral-value',
  version: '1.0.0',
  apiVersion: HOST_API_VERSION,
  description:
    'Sum of the served CLVs of the customers each customer referred (and, with depth 2, of those they referred, weighted), '
    + 'and how many they are.',
  configSchema: referralValueConfigSchema,
  provides: [provider],
});

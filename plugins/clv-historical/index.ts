import { definePlugin, type FreeMetricValue, HOST_API_VERSION, type MetricProvider, type ScoreOutcome } from '../../src/plugin-api';
import { type ClvHistoricalConfig, clvHistoricalConfigSchema } from './clv-historical.config';
import { pastCustomerValue } from './clv-historical-pcv.model';
import { historicalClv } from './clv-historical.model';

/** The core `clv` kind: what the customer has been worth so far. */
const clvProvider: MetricProvider<ClvHistoricalConfig, 'clv'> = {
  kind: 'clv',
  requires: ['summary'],
  score: (subjects, _model, ctx) => subjects.map((s) => historicalClv(s.summary, ctx.config, ctx.currency)),
};

/** The free metric `pcv`: past contributions compounded to asOf; needs each interaction's date. */
const pcvProvider: MetricProvider<ClvHistoricalConfig, 'metrics'> = {
  kind: 'metrics',
  metricKeys: ['pcv'],
  requires: ['interactions'],
  // The explicit return type lets `{ error }`, null and values mix in one callback.
  score: (subjects, _model, ctx) => subjects.map((s): ScoreOutcome<Record<string, FreeMetricValue>> => {
    if (!s.interactions) return { error: 'clv-historical: the host passed no interactions for pcv' };
    const value = pastCustomerValue(s.interactions, ctx.asOf, ctx.config);
    return value === null ? null : { pcv: { value, label: null } };
  }),
};

/** Historical CLV (net revenue x margin ratio) and past customer value (contributions compounded to asOf). */
export default definePlugin<ClvHistoricalConfig>({
  name: 'clv-historical',
  version: '1.0.0',
  apiVersion: HOST_API_VERSION,
  description:
    "Historical CLV: the customer's net revenue times its margin ratio (own margins, a default ratio, or revenue); "
    + 'and pcv, past contributions compounded to asOf.',
  configSchema: clvHistoricalConfigSchema,
  provides: [clvProvider, pcvProvider],
});

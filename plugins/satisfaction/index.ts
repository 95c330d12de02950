import { definePlugin, type FreeMetricValue, HOST_API_VERSION, type MetricProvider, type ScoreOutcome } from '../../src/plugin-api';
import { type SatisfactionConfig, satisfactionConfigSchema } from './satisfaction.config';
import { satisfactionGaps, satisfactionMetrics } from './satisfaction.model';

/** Three free metrics from the customer's scored surveys. */
const provider: MetricProvider<SatisfactionConfig, 'metrics'> = {
  kind: 'metrics',
  metricKeys: ['satisfaction', 'satisfaction.share', 'satisfaction.surveys'],
  requires: ['interactions'],
  score: (subjects, _model, ctx) => subjects.map((s): ScoreOutcome<Record<string, FreeMetricValue>> => (
    s.interactions
      ? satisfactionMetrics(satisfactionGaps(s.interactions, ctx.config.recentSurveys))
      : { error: 'satisfaction: the host passed no interactions' }
  )),
};

/** Satisfaction as perception minus expectation (DOMAIN §2), its share of satisfied surveys and their count. */
export default definePlugin<SatisfactionConfig>({
  name: 'satisfaction',
  version: '1.0.0',
  apiVersion: HOST_API_VERSION,
  description:
    "Mean perception - expectation over each customer's scored surveys (satisfied or disappointed), "
    + 'the share of surveys with perception >= expectation, and their count.',
  configSchema: satisfactionConfigSchema,
  segments: { metricKey: 'satisfaction', description: 'Satisfied or disappointed, by the mean perception - expectation gap of the surveys.' },
  provides: [provider],
});

import { type ChurnValue, definePlugin, HOST_API_VERSION, type MetricProvider, type ScoreOutcome } from '../../src/plugin-api';
import { type ChurnPActiveConfig, churnPActiveConfigSchema } from './churn-p-active.config';
import { pActiveChurn } from './churn-p-active.model';

/** The core `churn` kind: 1 - T^n over the observation window. */
const provider: MetricProvider<ChurnPActiveConfig, 'churn'> = {
  kind: 'churn',
  requires: ['interactions'],
  // Contractual churn is observed when the contract ends; this heuristic infers a latent one.
  relationships: ['NON_CONTRACTUAL'],
  score: (subjects, _model, ctx) => subjects.map((s): ScoreOutcome<ChurnValue> => (
    s.interactions ? pActiveChurn(s.interactions, ctx.asOf, ctx.config.windowMonths) : { error: 'churn-p-active: the host passed no interactions' }
  )),
};

/** The textbook P(active) = T^n heuristic for non-contractual customers. */
export default definePlugin<ChurnPActiveConfig>({
  name: 'churn-p-active',
  version: '1.0.0',
  apiVersion: HOST_API_VERSION,
  description:
    'Churn probability 1 - T^n for non-contractual customers: n purchase days in the last windowMonths, '
    + 'T the position of the last one in the window.',
  configSchema: churnPActiveConfigSchema,
  provides: [provider],
});

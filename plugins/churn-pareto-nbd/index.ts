import { type BtydChurnConfig, btydChurnConfigSchema, btydChurnProvider, definePlugin, HOST_API_VERSION, PARETO_NBD } from '../../src/plugin-api';

/** Pareto/NBD churn: the probability that a non-contractual customer has dropped out. */
export default definePlugin<BtydChurnConfig>({
  name: 'churn-pareto-nbd',
  version: '1.0.0',
  apiVersion: HOST_API_VERSION,
  description:
    'Churn probability 1 - P(alive) of non-contractual customers under a Pareto/NBD model (Schmittlein, Morrison & Colombo 1987) fitted on the population.',
  configSchema: btydChurnConfigSchema,
  provides: [btydChurnProvider(PARETO_NBD, 'churn-pareto-nbd')],
});

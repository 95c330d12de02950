import { type BtydChurnConfig, btydChurnConfigSchema } from '../../src/plugin-kit/btyd/btyd-plugin.config';
import { btydChurnProvider } from '../../src/plugin-kit/btyd/btyd-providers';
import { PARETO_NBD } from '../../src/plugin-kit/btyd/pareto-nbd.transactions';
import { definePlugin, HOST_API_VERSION } from '../../src/plugin-api/plugin.contract';

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

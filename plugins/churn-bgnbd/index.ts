import { BG_NBD, type BtydChurnConfig, btydChurnConfigSchema, btydChurnProvider, definePlugin, HOST_API_VERSION } from '../../src/plugin-api';

/** BG/NBD churn: the probability that a non-contractual customer has dropped out. */
export default definePlugin<BtydChurnConfig>({
  name: 'churn-bgnbd',
  version: '1.0.0',
  apiVersion: HOST_API_VERSION,
  description: 'Churn probability 1 - P(alive) of non-contractual customers under a BG/NBD model (Fader, Hardie & Lee 2005) fitted on the population.',
  configSchema: btydChurnConfigSchema,
  provides: [btydChurnProvider(BG_NBD, 'churn-bgnbd')],
});

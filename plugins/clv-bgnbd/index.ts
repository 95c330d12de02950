import { BG_NBD, type BtydClvConfig, btydClvConfigSchema, btydClvProvider, definePlugin, HOST_API_VERSION } from '../../src/plugin-api';

/** BG/NBD + Gamma-Gamma customer lifetime value for non-contractual customers. */
export default definePlugin<BtydClvConfig>({
  name: 'clv-bgnbd',
  version: '1.0.0',
  apiVersion: HOST_API_VERSION,
  description:
    'Discounted CLV of non-contractual customers: BG/NBD expected purchases over the horizon × Gamma-Gamma expected spend '
    + '× margin ratio (Fader, Hardie & Lee 2005), with P(alive).',
  configSchema: btydClvConfigSchema,
  provides: [btydClvProvider(BG_NBD, 'clv-bgnbd')],
});

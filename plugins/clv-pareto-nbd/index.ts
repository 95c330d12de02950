import { type BtydClvConfig, btydClvConfigSchema, btydClvProvider, definePlugin, HOST_API_VERSION, PARETO_NBD } from '../../src/plugin-api';

/** Pareto/NBD + Gamma-Gamma customer lifetime value for non-contractual customers. */
export default definePlugin<BtydClvConfig>({
  name: 'clv-pareto-nbd',
  version: '1.0.0',
  apiVersion: HOST_API_VERSION,
  description:
    'Discounted CLV of non-contractual customers: Pareto/NBD expected purchases over the horizon × Gamma-Gamma expected spend '
    + '× margin ratio (Schmittlein, Morrison & Colombo 1987; Fader, Hardie & Lee 2005), with P(alive).',
  configSchema: btydClvConfigSchema,
  provides: [btydClvProvider(PARETO_NBD, 'clv-pareto-nbd')],
});

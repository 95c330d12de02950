import { definePlugin, HOST_API_VERSION, type MetricProvider, scoreEach } from '../../src/plugin-api';
import { type ShareOfWalletConfig, shareOfWalletConfigSchema } from './share-of-wallet.config';
import { readShareOfWalletModel } from './share-of-wallet-model.schema';
import { fitShareOfWallet, shareMetrics, shareOfWallet } from './share-of-wallet.model';

/** Two free metrics: the share of wallet and its distance to the firm's average. */
const provider: MetricProvider<ShareOfWalletConfig, 'metrics'> = {
  kind: 'metrics',
  metricKeys: ['share-of-wallet', 'share-of-wallet.vs-average'],
  requires: ['interactions'],

  async fit(population, ctx) {
    // A running sum and count, never the subjects.
    let sum = 0;
    let count = 0;
    let customers = 0;
    let overWallet = 0;
    for await (const batch of population) {
      for (const s of batch) {
        customers += 1;
        const share = shareOfWallet(s, ctx.asOf, ctx.config);
        if (share === null) continue;
        sum += share;
        count += 1;
        if (share > 1) overWallet += 1;
      }
    }
    if (count === 0) ctx.log(`share-of-wallet: no customer has a numeric "${ctx.config.walletTrait}" trait above 0; every share is null`);
    return { model: fitShareOfWallet(sum, count, ctx.config), diagnostics: { customers, withWallet: count, overWallet } };
  },

  score(subjects, model, ctx) {
    const stored = readShareOfWalletModel(model, ctx.config);
    return scoreEach(subjects, (s) => {
      const share = shareOfWallet(s, ctx.asOf, ctx.config);
      return share === null ? null : shareMetrics(share, stored);
    });
  },
};

/** Share of wallet (DOMAIN §7): the firm's sales to the customer over its category spend, and against the firm's average. */
export default definePlugin<ShareOfWalletConfig>({
  name: 'share-of-wallet',
  version: '1.0.0',
  apiVersion: HOST_API_VERSION,
  description:
    "The firm's net sales to the customer over the last windowMonths divided by the customer's category wallet (a trait), "
    + "and that share minus the firm's average share of wallet.",
  configSchema: shareOfWalletConfigSchema,
  provides: [provider],
});

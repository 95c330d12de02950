import { describe, expect, it } from 'vitest';
import { runPlugin, subjectFromInteractions, subjectFromPurchases } from '../../src/plugin-api';
import plugin from './index';
import { shareOfWalletConfigSchema } from './share-of-wallet.config';

const asOf = new Date('2026-01-01T00:00:00.000Z');

/*
 * Window: 12 mean months before asOf, from 2024-12-31T18:00Z. walletEstimate per customer:
 *   A 1000: 200 + 150 - 50 in the window (the 500 of 2024-06-01 is before) = 300 -> 0.3
 *   B 400:  500 in the window -> 1.25, over-wallet
 *   C 2000: only a purchase in 2023 -> 0
 *   G 100:  a refund of 80 in the window for a 2024 purchase: net -80, floored at 0 -> 0
 *   D "1200" (a string), E -5, F no traits: null.
 * Firm average (A, B, C, G) = (0.3 + 1.25 + 0 + 0) / 4 = 0.3875;
 * vs-average: A -0.0875, B 0.8625, C -0.3875, G -0.3875.
 * With walletTrait categorySpend and 24 months (from 2024-01-01T12:00Z): only A has one (4000),
 *   its sales 500 + 200 + 150 - 50 = 800 -> 0.2, average 0.2, vs-average 0.
 */
const customers = () => [
  subjectFromPurchases([
    { at: '2024-06-01', amount: 500 }, { at: '2025-02-01', amount: 200 }, { at: '2025-08-01', amount: 150 }, { at: '2025-09-01', amount: 50, type: 'REFUND' },
  ], asOf, { externalId: 'A', traits: { walletEstimate: 1000, categorySpend: 4000 } }),
  subjectFromPurchases([{ at: '2025-06-01', amount: 500 }], asOf, { externalId: 'B', traits: { walletEstimate: 400 } }),
  subjectFromPurchases([{ at: '2023-06-01', amount: 900 }], asOf, { externalId: 'C', traits: { walletEstimate: 2000 } }),
  subjectFromPurchases([{ at: '2025-06-01', amount: 100 }], asOf, { externalId: 'D', traits: { walletEstimate: '1200' } }),
  subjectFromPurchases([{ at: '2025-06-01', amount: 100 }], asOf, { externalId: 'E', traits: { walletEstimate: -5 } }),
  subjectFromInteractions([{ at: '2025-06-01', type: 'VISIT' }], asOf, { customer: { externalId: 'F' } }),
  subjectFromPurchases([{ at: '2024-10-01', amount: 80 }, { at: '2025-03-01', amount: 80, type: 'REFUND' }], asOf, { externalId: 'G', traits: { walletEstimate: 100 } }),
];

describe('share-of-wallet plugin', () => {
  it('declares two free metrics on the interactions', () => {
    expect(plugin.provides).toMatchObject([{ kind: 'metrics', metricKeys: ['share-of-wallet', 'share-of-wallet.vs-average'], requires: ['interactions'] }]);
  });

  it('fits the firm average and scores every customer as worked out by hand', async () => {
    const run = await runPlugin(plugin, customers(), { asOf });
    expect(run.models['metrics:share-of-wallet,share-of-wallet.vs-average']).toEqual({
      windowMonths: 12, walletTrait: 'walletEstimate', averageShare: 0.3875, customersWithWallet: 4,
    });
    expect(run.diagnostics['metrics:share-of-wallet,share-of-wallet.vs-average']).toEqual({ customers: 7, withWallet: 4, overWallet: 1 });
    expect(run.results.get('share-of-wallet')).toEqual([
      { value: 0.3, label: null }, { value: 1.25, label: 'over-wallet' }, { value: 0, label: null }, null, null, null, { value: 0, label: null },
    ]);
    const vs = run.results.get('share-of-wallet.vs-average')?.map((v) => (v && 'value' in v ? v.value : v));
    expect(vs).toEqual([expect.closeTo(-0.0875, 12), expect.closeTo(0.8625, 12), -0.3875, null, null, null, -0.3875]);
  });

  it('reads another trait over another window when told to', async () => {
    const run = await runPlugin(plugin, customers(), { asOf, options: { walletTrait: 'categorySpend', windowMonths: 24 } });
    expect(run.valueOf('share-of-wallet', 'A')).toEqual({ value: 0.2, label: null });
    expect(run.valueOf('share-of-wallet.vs-average', 'A')).toEqual({ value: 0, label: null });
    expect(run.valueOf('share-of-wallet', 'B')).toBeNull();
  });

  it('refuses a model fitted under other options, and logs a population without wallets', async () => {
    const run = await runPlugin(plugin, customers(), { asOf });
    const config = shareOfWalletConfigSchema.parse({ windowMonths: 6 });
    const model = run.models['metrics:share-of-wallet,share-of-wallet.vs-average'];
    expect(() => plugin.provides[0].score(customers(), model, { config, asOf, currency: 'USD', log: () => {} })).toThrow(
      /^share-of-wallet: the stored model was fitted with windowMonths=12 but the configuration now has windowMonths=6; refresh the share-of-wallet metrics$/,
    );
    const none = await runPlugin(plugin, [customers()[5]], { asOf });
    expect(none.logs).toEqual([{ message: expect.stringMatching(/no customer has a numeric "walletEstimate" trait/) }]);
  });

  it('fills its defaults and rejects bad options', async () => {
    expect((await runPlugin(plugin, [], { asOf })).config).toEqual({ windowMonths: 12, walletTrait: 'walletEstimate' });
    await expect(runPlugin(plugin, [], { options: { walletTrait: '', cap: 1 } })).rejects.toThrow(/walletTrait: .*\n.*Unrecognized key: "cap"/);
  });
});

import { describe, expect, it } from 'vitest';
import { subjectFromPurchases } from '../../src/plugin-api';
import { shareOfWalletConfigSchema } from './share-of-wallet.config';
import { fitShareOfWallet, shareMetrics, shareOfWallet, walletEstimate } from './share-of-wallet.model';

const asOf = new Date('2026-01-01T00:00:00Z');
const config = shareOfWalletConfigSchema.parse({});

describe('walletEstimate', () => {
  it('reads a finite number above 0 only', () => {
    expect(walletEstimate({ walletEstimate: 1200 }, 'walletEstimate')).toBe(1200);
    for (const v of ['1200', 0, -5, null, true, { amount: 3 }]) expect(walletEstimate({ walletEstimate: v }, 'walletEstimate')).toBeNull();
    expect(walletEstimate({ other: 5 }, 'walletEstimate')).toBeNull();
    expect(walletEstimate(null, 'walletEstimate')).toBeNull();
  });
});

describe('shareOfWallet', () => {
  it('divides the net sales of the window by the wallet', () => {
    // Window from 2024-12-31T18:00Z: 200 + 150 - 50 = 300 of a 1000 wallet; the 500 of 2024-06-01 is before it.
    const s = subjectFromPurchases([
      { at: '2024-06-01', amount: 500 }, { at: '2025-02-01', amount: 200 }, { at: '2025-08-01', amount: 150 },
      { at: '2025-09-01', amount: 50, type: 'REFUND' },
    ], asOf, { traits: { walletEstimate: 1000 } });
    expect(shareOfWallet(s, asOf, config)).toBe(0.3);
  });

  it('floors net sales at 0 and does not cap above 1', () => {
    const refundOnly = subjectFromPurchases([{ at: '2024-06-01', amount: 80 }, { at: '2025-06-01', amount: 80, type: 'REFUND' }], asOf, { traits: { walletEstimate: 100 } });
    expect(shareOfWallet(refundOnly, asOf, config)).toBe(0);
    const over = subjectFromPurchases([{ at: '2025-06-01', amount: 500 }], asOf, { traits: { walletEstimate: 400 } });
    expect(shareOfWallet(over, asOf, config)).toBe(1.25);
  });

  it('is null without a usable wallet or when the share would not be finite', () => {
    expect(shareOfWallet(subjectFromPurchases([{ at: '2025-06-01', amount: 5 }], asOf), asOf, config)).toBeNull();
    const tiny = subjectFromPurchases([{ at: '2025-06-01', amount: 1e10 }], asOf, { traits: { walletEstimate: 1e-300 } });
    expect(shareOfWallet(tiny, asOf, config)).toBeNull();
  });
});

describe('fit and metrics', () => {
  it('averages the shares, labels over-wallet and measures the distance to the average', () => {
    // (0.3 + 1.25 + 0 + 0) / 4 = 0.3875.
    const model = fitShareOfWallet(0.3 + 1.25, 4, config);
    expect(model).toEqual({ windowMonths: 12, walletTrait: 'walletEstimate', averageShare: 0.3875, customersWithWallet: 4 });
    expect(shareMetrics(1.25, model)).toEqual({
      'share-of-wallet': { value: 1.25, label: 'over-wallet' },
      'share-of-wallet.vs-average': { value: 0.8625, label: null },
    });
    expect(shareMetrics(1, model)['share-of-wallet']).toEqual({ value: 1, label: null });
    expect(shareMetrics(0.5, fitShareOfWallet(0, 0, config))['share-of-wallet.vs-average']).toEqual({ value: null, label: null });
  });
});

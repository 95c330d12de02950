import { type FreeMetricValue, lastMonths, type MetricSubject, netRevenueIn } from '../../src/plugin-api';
import type { ShareOfWalletConfig } from './share-of-wallet.config';
import type { ShareOfWalletModel } from './share-of-wallet-model.schema';

/** The customer's category wallet from its traits: a finite number > 0, else null (strings, even numeric ones, are not read). */
export function walletEstimate(traits: Record<string, unknown> | null, trait: string): number | null {
  const value = traits?.[trait];
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : null;
}

/**
 * The firm's share of the customer's wallet: its net revenue from the customer in the last
 * `windowMonths` (purchases - refunds, base currency; floored at 0, since a refund in the window
 * for a purchase before it is no negative sale) divided by the wallet estimate. Not capped at 1.
 * Null without a usable wallet estimate (or one so small the share is not finite). Throws
 * without interactions.
 */
export function shareOfWallet(subject: MetricSubject, asOf: Date, config: ShareOfWalletConfig): number | null {
  const wallet = walletEstimate(subject.customer.traits, config.walletTrait);
  if (wallet === null) return null;
  if (!subject.interactions) throw new Error('share-of-wallet: the host passed no interactions');
  const sales = Math.max(0, netRevenueIn(subject.interactions, lastMonths(asOf, config.windowMonths)));
  const share = sales / wallet;
  return Number.isFinite(share) ? share : null;
}

/** The firm's average share of wallet over the customers' shares (each customer weighs once). */
export function fitShareOfWallet(sum: number, count: number, config: ShareOfWalletConfig): ShareOfWalletModel {
  return { windowMonths: config.windowMonths, walletTrait: config.walletTrait, averageShare: count ? sum / count : null, customersWithWallet: count };
}

/** The two metrics of one share: labelled 'over-wallet' above 1 (the estimate is too low), and its distance to the firm's average. */
export function shareMetrics(share: number, model: ShareOfWalletModel): Record<'share-of-wallet' | 'share-of-wallet.vs-average', FreeMetricValue> {
  return {
    'share-of-wallet': { value: share, label: share > 1 ? 'over-wallet' : null },
    'share-of-wallet.vs-average': { value: model.averageShare === null ? null : share - model.averageShare, label: null },
  };
}

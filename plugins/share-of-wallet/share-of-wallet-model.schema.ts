import { z } from 'zod';
import { readStoredModel } from '../../src/plugin-api';
import type { ShareOfWalletConfig } from './share-of-wallet.config';

/** The fitted share-of-wallet model as stored with a run. */
export const shareOfWalletModelSchema = z.object({
  /** The options the average depends on. */
  windowMonths: z.number(),
  walletTrait: z.string(),
  /** The firm's share of wallet: the mean share over customers with a wallet estimate; null without any. */
  averageShare: z.number().nullable(),
  customersWithWallet: z.number().int().min(0),
});

/** A fitted share-of-wallet model (JSON). */
export type ShareOfWalletModel = z.infer<typeof shareOfWalletModelSchema>;

/** Reads a stored model back; throws, asking for a refresh, when it is invalid or was fitted under other options. */
export function readShareOfWalletModel(raw: unknown, config: ShareOfWalletConfig): ShareOfWalletModel {
  return readStoredModel('share-of-wallet', shareOfWalletModelSchema, raw, { options: ['windowMonths', 'walletTrait'], config });
}

import { z } from 'zod';

/**
 * The options of the share-of-wallet plugin (`options["share-of-wallet"]` in metrics.config.json).
 * Every option has a default, so `{}` is valid.
 */
export const shareOfWalletConfigSchema = z.object({
  /** The firm's sales count over the last windowMonths mean months (30.4375 days each) up to asOf. */
  windowMonths: z.number().int().min(1).max(120).default(12),
  /** The customer trait holding its category wallet: a number in the base currency per the same window. */
  walletTrait: z.string().trim().min(1).max(100).default('walletEstimate'),
}).strict();

/** The validated options, defaults applied. */
export type ShareOfWalletConfig = z.infer<typeof shareOfWalletConfigSchema>;

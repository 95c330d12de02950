import { createHash } from 'node:crypto';

/** Yearly spend in the category by income band: the centre of each demo customer's wallet estimate. */
const CATEGORY_SPEND: Record<string, number> = { '<25k': 400, '25-50k': 900, '50-100k': 1800, '100k+': 3500 };

/**
 * A demo customer's yearly category wallet (the `walletEstimate` trait share-of-wallet reads), for
 * people with an income band. Varied per customer by a hash of its id rather than by the shared
 * random stream, so that adding it left every other demo value as it was.
 */
export function demoWalletEstimate(externalId: string, incomeBand: string | undefined): number | undefined {
  const centre = incomeBand === undefined ? undefined : CATEGORY_SPEND[incomeBand];
  if (centre === undefined) return undefined;
  const spread = createHash('sha256').update(externalId).digest().readUInt32BE(0) / 0xffffffff;
  return Math.round(centre * (0.6 + 0.8 * spread));
}

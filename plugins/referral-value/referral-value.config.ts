import { z } from 'zod';

/**
 * The options of the referral-value plugin (`options["referral-value"]` in metrics.config.json).
 * Every option has a default, so `{}` is valid.
 */
export const referralValueConfigSchema = z.object({
  /** 1: the customers this one referred; 2: also the customers those referred. */
  depth: z.union([z.literal(1), z.literal(2)]).default(1),
  /** The weight (0..1) of a second-level referral's CLV; only used with depth 2. */
  secondLevelWeight: z.number().min(0).max(1).default(1),
}).strict();

/** The validated options, defaults applied. */
export type ReferralValueConfig = z.infer<typeof referralValueConfigSchema>;

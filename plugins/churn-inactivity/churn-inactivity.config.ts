import { z } from 'zod';

/**
 * The options of the churn-inactivity plugin (`options["churn-inactivity"]` in metrics.config.json).
 * Every option has a default, so `{}` is valid.
 */
export const churnInactivityConfigSchema = z.object({
  /** Churned after more than k usual inter-purchase gaps without a purchase. */
  k: z.number().gt(0).max(100).default(3),
  /** 'binary': probability 1 or 0 by the rule; 'ratio': min(1, days since the last purchase / (k x gap)). */
  mode: z.enum(['binary', 'ratio']).default('binary'),
}).strict();

/** The validated options, defaults applied. */
export type ChurnInactivityConfig = z.infer<typeof churnInactivityConfigSchema>;

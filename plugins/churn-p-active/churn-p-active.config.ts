import { z } from 'zod';

/**
 * The options of the churn-p-active plugin (`options["churn-p-active"]` in metrics.config.json).
 * Every option has a default, so `{}` is valid.
 */
export const churnPActiveConfigSchema = z.object({
  /** The observation window: the last windowMonths mean months (30.4375 days each) up to asOf. */
  windowMonths: z.number().int().min(1).max(120).default(12),
}).strict();

/** The validated options, defaults applied. */
export type ChurnPActiveConfig = z.infer<typeof churnPActiveConfigSchema>;

import { z } from 'zod';

/**
 * The options of the satisfaction plugin (`options["satisfaction"]` in metrics.config.json).
 * Every option has a default, so `{}` is valid.
 */
export const satisfactionConfigSchema = z.object({
  /** Only the customer's last N scored surveys up to asOf count; null: all of them. */
  recentSurveys: z.number().int().min(1).max(1000).nullable().default(null),
}).strict();

/** The validated options, defaults applied. */
export type SatisfactionConfig = z.infer<typeof satisfactionConfigSchema>;

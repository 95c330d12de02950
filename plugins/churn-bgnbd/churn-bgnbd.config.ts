import { z } from 'zod';

/** The options of churn-bgnbd (`options["churn-bgnbd"]`); `{}` is valid. */
export const churnBgNbdConfigSchema = z.object({
  /** The time unit of the model: t_x and T in weeks (default) or days. Predictions do not depend on it. */
  timeUnit: z.enum(['week', 'day']).default('week'),
  /** Fewer customers with a repeat purchase than this fails the fit: BG/NBD cannot identify dropout without them. */
  minRepeatBuyers: z.number().int().min(1).default(10),
}).strict();

/** The validated options, defaults applied. */
export type ChurnBgNbdConfig = z.infer<typeof churnBgNbdConfigSchema>;

import { z } from 'zod';

/** The options of clv-bgnbd (`options["clv-bgnbd"]`); `{}` is valid. */
export const clvBgNbdConfigSchema = z.object({
  /** Months of future purchases the value covers. */
  horizonMonths: z.number().int().min(1).max(600).default(12),
  /** Discount rate per month (0.01 = 1% a month); each month's purchases are discounted to its end. */
  discountRate: z.number().min(0).max(1).default(0.01),
  /** The time unit of the model: t_x and T in weeks (default) or days. Predictions do not depend on it. */
  timeUnit: z.enum(['week', 'day']).default('week'),
  /** Fewer repeat buyers than this (with a valued repeat purchase, for the spend model) fails the fit. */
  minRepeatBuyers: z.number().int().min(1).default(10),
}).strict();

/** The validated options, defaults applied. */
export type ClvBgNbdConfig = z.infer<typeof clvBgNbdConfigSchema>;

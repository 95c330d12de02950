import { z } from 'zod';

// The options shared by the BTYD churn and CLV plugins (whatever their transaction model).

const timeUnit = z.enum(['week', 'day']).default('week');
const minRepeatBuyers = z.number().int().min(1).default(10);

/** Options of a BTYD churn plugin; `{}` is valid. */
export const btydChurnConfigSchema = z.object({
  /** The time unit of the model: t_x and T in weeks (default) or days. Predictions do not depend on it. */
  timeUnit,
  /** Fewer customers with a repeat purchase than this fails the fit: dropout cannot be identified without them. */
  minRepeatBuyers,
}).strict();

export type BtydChurnConfig = z.infer<typeof btydChurnConfigSchema>;

/** Options of a BTYD CLV plugin; `{}` is valid. */
export const btydClvConfigSchema = z.object({
  /** Months of future purchases the value covers. */
  horizonMonths: z.number().int().min(1).max(600).default(12),
  /** Discount rate per month (0.01 = 1% a month); each month's purchases are discounted to its end. */
  discountRate: z.number().min(0).max(1).default(0.01),
  timeUnit,
  /** Fewer repeat buyers than this (with a valued repeat purchase, for the spend model) fails the fit. */
  minRepeatBuyers,
}).strict();

export type BtydClvConfig = z.infer<typeof btydClvConfigSchema>;

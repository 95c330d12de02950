import { z } from 'zod';

/**
 * The options of the clv-historical plugin (`options["clv-historical"]` in metrics.config.json).
 * Every option has a default, so `{}` is valid.
 */
export const clvHistoricalConfigSchema = z.object({
  /** Margin ratio for customers without recorded margins; null: their value stays on revenue (basis REVENUE). */
  defaultMarginRatio: z.number().gt(0).max(1).nullable().default(null),
  /** PCV: the rate each past contribution is compounded at, per `pcvPeriod` (0.01 = 1%). */
  pcvRate: z.number().min(0).max(1).default(0.01),
  /** PCV: the compounding period, a mean month (30.4375 days) or a mean year (365.25 days). */
  pcvPeriod: z.enum(['month', 'year']).default('month'),
}).strict();

/** The validated options, defaults applied. */
export type ClvHistoricalConfig = z.infer<typeof clvHistoricalConfigSchema>;

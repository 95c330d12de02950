import { z } from 'zod';

/**
 * The options of the clv-formula plugin (`options["clv-formula"]` in metrics.config.json).
 * Every option has a default, so `{}` is valid.
 */
export const clvFormulaConfigSchema = z.object({
  /** Purchases a customer needs for its own T, AOV and AGM; with fewer, the population's averages are used. */
  minPurchases: z.number().int().min(1).max(1000).default(3),
  /** Months from the first purchase to asOf a customer needs for its own T (a rate over a short span is noise). */
  minTenureMonths: z.number().min(0).max(1200).default(3),
  /** A customer with no purchase in the last lapseDays days is counted as lost when estimating the lifetime. */
  lapseDays: z.number().int().min(1).max(36_500).default(365),
  /** ALT in months, instead of the population's estimate; null: estimated at each refresh. */
  lifetimeMonths: z.number().positive().max(1200).nullable().default(null),
}).strict();

/** The validated options, defaults applied. */
export type ClvFormulaConfig = z.infer<typeof clvFormulaConfigSchema>;

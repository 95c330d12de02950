import { z } from 'zod';

/**
 * The options of the contract-sbg plugin (`options["contract-sbg"]` in metrics.config.json).
 * Every option has a default, so `{}` is valid: yearly contracts discounted at 10% a year.
 */
export const contractSbgConfigSchema = z.object({
  /** The length of one contract period (between renewal points), in calendar months. */
  periodMonths: z.number().int().min(1).max(120).default(12),
  /** The discount rate per period (0.1 = 10% per period) applied to future renewals in the CLV. */
  discountRate: z.number().gt(0).max(1).default(0.1),
  /** How acquisition cohorts are formed from `contractStartedAt` (UTC): by calendar year or quarter. */
  cohort: z.enum(['year', 'quarter']).default('year'),
  /** How many periods each cohort's projected curve runs past its last observed period. */
  projectPeriods: z.number().int().min(0).max(120).default(5),
  /** The fit refuses a population with fewer contractual customers (with a contract start) than this. */
  minCustomers: z.number().int().min(2).default(20),
}).strict();

/** The validated options, defaults applied. */
export type ContractSbgConfig = z.infer<typeof contractSbgConfigSchema>;

import { z } from 'zod';
import { InteractionType } from '../../src/plugin-api';

const share = z.number().min(0).max(1);

/**
 * The options of the value-tier plugin (`options["value-tier"]` in metrics.config.json).
 * Every option has a default, so `{}` is valid.
 */
export const valueTierConfigSchema = z.object({
  /** MVC: this share of the ranked customers (buyers not below zero) with the highest actual value. */
  mvcShare: share.default(0.1),
  /** MGC: this share of the ranked customers left after the MVCs, with the largest growth gap (their CLV). */
  mgcShare: share.default(0.1),
  /** The customer trait holding a fixed cost to serve, a number >= 0 in the base currency. */
  costTrait: z.string().trim().min(1).default('costToServe'),
  /** Cost per interaction of each type up to asOf, e.g. { "SUPPORT_CASE": 15, "CALL": 4 }. */
  interactionCosts: z.partialRecord(z.enum(InteractionType), z.number().min(0)).default({}),
  /** Margin ratio for customers without recorded margins; null: their actual value is their net revenue. */
  defaultMarginRatio: z.number().gt(0).max(1).nullable().default(null),
  /** Ranked customers kept to compute the cut points; larger populations are sampled down to this many. */
  sampleSize: z.number().int().min(100).max(10_000_000).default(100_000),
}).strict();

/** The validated options, defaults applied. */
export type ValueTierConfig = z.infer<typeof valueTierConfigSchema>;

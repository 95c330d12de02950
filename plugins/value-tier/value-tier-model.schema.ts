import { z } from 'zod';
import { readStoredModel } from '../../src/plugin-api';
import type { ValueTierConfig } from './value-tier.config';

/**
 * The fitted model as stored with a run (plain JSON) and read back to re-score single customers:
 * the two cut points, the options they depend on, and how many customers they came from.
 */
export const valueTierModelSchema = z.object({
  /** The options the cut points were computed under; other values would need other cut points. */
  mvcShare: z.number(),
  mgcShare: z.number(),
  defaultMarginRatio: z.number().nullable(),
  mvcCut: z.number().nullable(),
  mgcCut: z.number().nullable(),
  /** Ranked customers (buyers not below zero) seen by the fit. */
  ranked: z.number().int().min(0),
  /** How many of them the cut points were computed from (fewer than ranked when sampled). */
  sampled: z.number().int().min(0),
});

/** A fitted value-tier model (JSON-serialisable). */
export type ValueTierModel = z.infer<typeof valueTierModelSchema>;

const FITTED_WITH = ['mvcShare', 'mgcShare', 'defaultMarginRatio'] as const;

/**
 * Reads a stored model back and checks it matches the configuration; throws asking for a refresh
 * when it does not (e.g. mvcShare changed since the last fit), since that concerns every customer.
 */
export function readValueTierModel(raw: unknown, config: ValueTierConfig): ValueTierModel {
  return readStoredModel('value-tier', valueTierModelSchema, raw, { options: FITTED_WITH, config });
}

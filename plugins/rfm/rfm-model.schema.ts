import { z } from 'zod';
import { readStoredModel } from '../../src/plugin-api';
import type { RfmConfig } from './rfm.config';

const ascending = (points: number[]): boolean => points.every((p, i) => i === 0 || p >= points[i - 1]);

const cutPointsSchema = z.object({
  recency: z.array(z.number()),
  frequency: z.array(z.number()),
  monetary: z.array(z.number()),
});

/**
 * The fitted RFM model as it is stored with a run (plain JSON) and read back to re-score single
 * customers: the cut points per dimension plus the options they depend on.
 */
export const rfmModelSchema = z.object({
  bins: z.number().int().min(2).max(10),
  /** Where the cut points came from: population quantiles or the configured thresholds. */
  source: z.enum(['quantiles', 'thresholds']),
  /** The options the cut points were computed under; scoring with other values would mix units. */
  monetary: z.enum(['total', 'average']),
  windowDays: z.number().positive().nullable(),
  /** Customers with purchases seen by the fit. */
  population: z.number().int().min(0),
  /** bins - 1 ascending cut points per dimension; null when quantiles were asked of a population without purchases. */
  cutPoints: cutPointsSchema.nullable(),
}).superRefine((model, ctx) => {
  if (!model.cutPoints) return;
  for (const [dimension, points] of Object.entries(model.cutPoints)) {
    if (points.length !== model.bins - 1 || !ascending(points)) {
      ctx.addIssue({ code: 'custom', path: ['cutPoints', dimension], message: `must be ${model.bins - 1} ascending numbers` });
    }
  }
});

/** A fitted RFM model (JSON-serialisable). */
export type RfmModel = z.infer<typeof rfmModelSchema>;

/** Cut points per dimension, bins - 1 each, ascending. */
export type RfmCutPoints = z.infer<typeof cutPointsSchema>;

/**
 * Reads a stored model back and checks it still matches the configuration; throws with a
 * message asking for a refresh when it does not (e.g. `bins` changed since the last fit).
 */
export function readRfmModel(raw: unknown, config: RfmConfig): RfmModel {
  return readStoredModel('rfm', rfmModelSchema, raw, { options: ['bins', 'monetary', 'windowDays'], config });
}

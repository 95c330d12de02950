import { z } from 'zod';
import { readStoredModel } from '../../src/plugin-api';

/** The fitted churn-inactivity model as stored with a run. */
export const churnInactivityModelSchema = z.object({
  /** The median over customers with at least 2 purchase days of their own median gap, in days; null without any. */
  populationMedianGapDays: z.number().positive().nullable(),
  /** Customers with at least 2 purchase days (an own gap). */
  customersWithGap: z.number().int().min(0),
});

/** A fitted churn-inactivity model (JSON). */
export type ChurnInactivityModel = z.infer<typeof churnInactivityModelSchema>;

/** Reads a stored model back; throws, asking for a refresh, when its shape is wrong. */
export function readChurnInactivityModel(raw: unknown): ChurnInactivityModel {
  return readStoredModel('churn-inactivity', churnInactivityModelSchema, raw);
}

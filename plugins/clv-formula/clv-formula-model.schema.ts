import { z } from 'zod';
import { readStoredModel } from '../../src/plugin-api';
import type { ClvFormulaConfig } from './clv-formula.config';

const average = z.number().nullable();

/**
 * The fitted clv-formula model as stored with a run: the population's four averages and the
 * options they were computed under.
 */
export const clvFormulaModelSchema = z.object({
  minPurchases: z.number(),
  minTenureMonths: z.number(),
  lapseDays: z.number(),
  /** Mean purchases per month over the customers with their own rate; null when none has. */
  transactionsPerMonth: average,
  /** Mean net order value over the customers with their own; null when none has. */
  averageOrderValue: average,
  /** Mean margin ratio over the customers with their own; null when nobody has margins recorded. */
  grossMargin: average,
  /** Months observed / customers lost (see lifetimeEstimate); null when nobody was lost. */
  lifetimeMonths: average,
});

/** A fitted clv-formula model (JSON). */
export type ClvFormulaModel = z.infer<typeof clvFormulaModelSchema>;

const FITTED_OPTIONS = ['minPurchases', 'minTenureMonths', 'lapseDays'] as const;

/** Reads a stored model back; throws, asking for a refresh, when it is invalid or was fitted under other options. */
export function readClvFormulaModel(raw: unknown, config: ClvFormulaConfig): ClvFormulaModel {
  return readStoredModel('clv-formula', clvFormulaModelSchema, raw, { options: FITTED_OPTIONS, config });
}

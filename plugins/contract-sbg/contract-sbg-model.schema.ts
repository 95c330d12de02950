import { z } from 'zod';
import { readStoredModel } from '../../src/plugin-api';
import type { ContractSbgConfig } from './contract-sbg.config';
import type { CohortCurve } from './cohort-curves';

/** The population's money per period, the fallback for customers without their own. */
export type PopulationMoney = {
  /** Mean over customers with margins of their net margin per period paid; null when none has margins. */
  marginPerPeriod: number | null;
  /** Mean over customers with purchases of their net revenue per period paid; null when none has purchases. */
  revenuePerPeriod: number | null;
  withMargins: number;
  withRevenue: number;
};

/** The fitted model as stored with the run (plain JSON) and handed back to every score call. */
export type ContractSbgModel = {
  model: 'sBG';
  /** The period length the renewals were counted in; scoring with another would mix units. */
  periodMonths: number;
  alpha: number;
  beta: number;
  standardErrors: { alpha: number; beta: number } | null;
  logLikelihood: number;
  iterations: number;
  converged: boolean;
  /** Contractual customers fitted, and how many of them had churned by asOf. */
  customers: number;
  churned: number;
  population: PopulationMoney;
  cohortBy: ContractSbgConfig['cohort'];
  cohorts: CohortCurve[];
};

const finite = z.number().refine(Number.isFinite, 'must be finite');
const positive = finite.refine((x) => x > 0, 'must be > 0');

// Only what scoring reads is checked; the curves are for people, not for scoring.
const storedSchema = z.object({
  model: z.literal('sBG'),
  periodMonths: z.number().int().min(1),
  alpha: positive,
  beta: positive,
  population: z.object({ marginPerPeriod: finite.nullable(), revenuePerPeriod: finite.nullable() }),
});

/** The parts of a stored model that scoring uses. */
export type StoredContractSbgModel = z.infer<typeof storedSchema>;

/**
 * Reads a stored model back; throws, asking for a refresh, when it is not a valid contract-sbg
 * model or was fitted with another `periodMonths` than the configuration now has.
 */
export function readContractSbgModel(raw: unknown, config: ContractSbgConfig): StoredContractSbgModel {
  return readStoredModel('contract-sbg', storedSchema, raw, { options: ['periodMonths'], config });
}

import type { MetricCustomer, SbgObservation } from '../../src/plugin-api';
import { periodOfEnd, wholePeriods } from './contract-periods';

/** What the sBG model needs to know about one contractual customer at `asOf`. */
export interface ContractHistory {
  /** The contract ended at or before asOf. */
  churned: boolean;
  /** Renewals made: whole periods to asOf while active; the period of the end minus one once churned. */
  renewals: number;
  /** Periods begun, each paid for: renewals + 1. */
  periodsPaid: number;
  /** Renewal points reached by asOf, whatever happened: whole periods from the start to asOf. */
  age: number;
  /** The sBG observation: P(T = periodsPaid) once churned, S(renewals) while active. */
  observation: Omit<SbgObservation, 'weight'>;
  start: Date;
}

/**
 * The customer's contract history at asOf in periods of `periodMonths` calendar months; null
 * when it is not scorable: no `contractStartedAt`, or a contract starting after asOf. Throws on a
 * contract that ends before it starts.
 */
export function contractHistory(customer: MetricCustomer, asOf: Date, periodMonths: number): ContractHistory | null {
  const start = customer.contractStartedAt;
  if (!start || start.getTime() > asOf.getTime()) return null;
  const end = customer.contractEndedAt;
  if (end && end.getTime() < start.getTime()) {
    throw new Error(`the contract ends (${end.toISOString()}) before it starts (${start.toISOString()})`);
  }
  const age = wholePeriods(start, asOf, periodMonths);
  if (end && end.getTime() <= asOf.getTime()) {
    const lifetime = periodOfEnd(start, end, periodMonths);
    return { churned: true, renewals: lifetime - 1, periodsPaid: lifetime, age, observation: { periodsSurvived: lifetime, churned: true }, start };
  }
  // A contract that ends after asOf is still running at asOf.
  return { churned: false, renewals: age, periodsPaid: age + 1, age, observation: { periodsSurvived: age, churned: false }, start };
}

/** The acquisition cohort of a contract start: its UTC calendar year ("2024") or quarter ("2024-Q3"). */
export function cohortOf(start: Date, by: 'year' | 'quarter'): string {
  const year = String(start.getUTCFullYear());
  return by === 'year' ? year : `${year}-Q${Math.floor(start.getUTCMonth() / 3) + 1}`;
}

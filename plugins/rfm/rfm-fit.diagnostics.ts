import type { RfmConfig } from './rfm.config';
import type { RfmModel } from './rfm-model.schema';
import { type RfmColumns, scoreRfm } from './rfm.model';

/** What a fit reports besides its model: population counts, and how the scores and segments spread. */
export interface RfmFitDiagnostics extends Record<string, unknown> {
  customers: number;
  withPurchases: number;
  withoutPurchases: number;
  source: RfmModel['source'];
  /** Customers per score 1..bins (index 0 = score 1); empty bins show where ties swallowed a cut point. */
  scoreCounts: { r: number[]; f: number[]; m: number[] } | null;
  /** Customers per segment name. */
  segmentCounts: Record<string, number> | null;
}

/** Summarises a fit over `customers` subjects, of which `inputs` had purchases. */
export function rfmFitDiagnostics(customers: number, inputs: RfmColumns, model: RfmModel, config: RfmConfig): RfmFitDiagnostics {
  const base = { customers, withPurchases: inputs.length, withoutPurchases: customers - inputs.length, source: model.source };
  if (model.cutPoints === null) return { ...base, scoreCounts: null, segmentCounts: null };
  const zeros = (): number[] => new Array<number>(model.bins).fill(0);
  const scoreCounts = { r: zeros(), f: zeros(), m: zeros() };
  const segmentCounts: Record<string, number> = {};
  for (let i = 0; i < inputs.length; i++) {
    const value = scoreRfm(inputs.at(i), model, config);
    scoreCounts.r[value.r - 1]++;
    scoreCounts.f[value.f - 1]++;
    scoreCounts.m[value.m - 1]++;
    segmentCounts[value.segment] = (segmentCounts[value.segment] ?? 0) + 1;
  }
  return { ...base, scoreCounts, segmentCounts };
}

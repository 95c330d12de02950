import type { MetricSubject } from '../../src/plugin-api';
import { type ValueParts, valueParts } from './value-parts.model';
import { ValueReservoir } from './value-reservoir.sketch';
import type { ValueTierConfig } from './value-tier.config';
import type { ValueTierModel } from './value-tier-model.schema';
import { tierCuts } from './value-tier.model';

/** What the fit saw, stored as the run's diagnostics. */
export interface ValueTierDiagnostics extends Record<string, unknown> {
  customers: number;
  buyers: number;
  belowZero: number;
  ranked: number;
  rankedWithClv: number;
  sampled: number;
  /** Customers whose cost trait is not a number >= 0: left out here, an error when scored. */
  invalidCost: number;
}

/**
 * Fits the cut points in one pass: each ranked customer (a buyer not below zero) offers its actual
 * value and growth gap to a bounded reservoir, never the subject itself.
 */
export async function fitValueTiers(
  population: AsyncIterable<MetricSubject[]>,
  config: ValueTierConfig,
): Promise<{ model: ValueTierModel; diagnostics: ValueTierDiagnostics }> {
  const reservoir = new ValueReservoir(config.sampleSize);
  const d: ValueTierDiagnostics = { customers: 0, buyers: 0, belowZero: 0, ranked: 0, rankedWithClv: 0, sampled: 0, invalidCost: 0 };
  for await (const batch of population) {
    for (const s of batch) {
      d.customers++;
      let parts: ValueParts;
      try {
        parts = valueParts(s, config);
      } catch {
        d.invalidCost++;
        continue;
      }
      if (parts.buyer) d.buyers++;
      if (parts.net < 0) d.belowZero++;
      else if (parts.buyer) {
        d.ranked++;
        if (parts.clv !== null) d.rankedWithClv++;
        reservoir.add(parts.actual, parts.clv);
      }
    }
  }
  const cuts = tierCuts(reservoir.actuals(), reservoir.gaps(), config);
  d.sampled = reservoir.actuals().length;
  const model: ValueTierModel = {
    mvcShare: config.mvcShare, mgcShare: config.mgcShare, defaultMarginRatio: config.defaultMarginRatio,
    ...cuts, ranked: d.ranked, sampled: d.sampled,
  };
  return { model, diagnostics: d };
}

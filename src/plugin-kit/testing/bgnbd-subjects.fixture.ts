import { SeededRandom } from '../../seed/seeded-random';
import { type FixturePurchase, subjectFromPurchases } from '../../plugin-api/testing/plugin-harness';
import type { MetricSubject } from '../../plugin-api/plugin.contract';
import type { BgNbdParams } from '../btyd/bgnbd.model';
import { gammaVariate, simulateBgNbdRepeatTimes } from '../btyd/bgnbd-simulation';

// Test-only: a population of subjects drawn from a BG/NBD process (weeks), with Gamma-Gamma spend.

const DAY_MS = 86_400_000;

/** The process the fixture draws from: CDNOW-like (FHL 2005). */
export const FIXTURE_BGNBD: BgNbdParams = { r: 0.25, alpha: 4, a: 0.8, b: 2.5 };

export interface SimulatedPopulationOptions {
  customers: number;
  seed: number;
  /** Observation end; first purchases fall in the 84 days after `asOf - observationDays`. */
  asOf: Date;
  observationDays?: number;
  /** Margin per purchase as a share of its amount; omitted: no margins. */
  marginRatio?: number;
}

/** Subjects named `S-1`, `S-2`, ... with purchases on whole UTC days at noon. */
export function simulatedSubjects(o: SimulatedPopulationOptions): MetricSubject[] {
  const random = new SeededRandom(o.seed);
  const uniform = () => random.next();
  const observationDays = o.observationDays ?? 364;
  const start = o.asOf.getTime() - observationDays * DAY_MS;
  return Array.from({ length: o.customers }, (_, i) => {
    const firstDay = Math.floor(uniform() * 84);
    const repeats = simulateBgNbdRepeatTimes(FIXTURE_BGNBD, uniform, (observationDays - firstDay - 1) / 7);
    // Each customer's spend: Gamma(p = 6, ν) with ν ~ Gamma(q = 4, γ = 15), i.e. mean about 30.
    const nu = gammaVariate(uniform, 4) / 15;
    const days = [firstDay, ...repeats.map((t) => firstDay + Math.floor(t * 7))];
    const purchases = days.map((day): FixturePurchase => {
      const amount = Math.round((gammaVariate(uniform, 6) / nu) * 100) / 100;
      return { at: new Date(start + day * DAY_MS + DAY_MS / 2), amount, ...(o.marginRatio === undefined ? {} : { margin: Math.round(amount * o.marginRatio * 100) / 100 }) };
    });
    return subjectFromPurchases(purchases, o.asOf, { id: i + 1, externalId: `S-${i + 1}` });
  });
}

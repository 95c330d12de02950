import { SeededRandom } from '../../seed/seeded-random';
import { type FixturePurchase, subjectFromPurchases } from '../../plugin-api/testing/plugin-harness';
import type { MetricSubject } from '../../plugin-api/plugin.contract';
import { gammaVariate } from '../btyd/bgnbd-simulation';
import type { ParetoNbdParams } from '../btyd/pareto-nbd.model';
import { simulateParetoNbdRepeatTimes } from '../btyd/pareto-nbd-simulation';

// Test-only: a population of subjects drawn from a Pareto/NBD process (weeks), with Gamma-Gamma spend.

const DAY_MS = 86_400_000;

/** The process drawn from: CDNOW's published fit (weeks). */
export const FIXTURE_PARETO_NBD: ParetoNbdParams = { r: 0.55, alpha: 10.6, s: 0.6, beta: 11.7 };

/**
 * Subjects `P-1`, `P-2`, ... first buying in the 84 days after `asOf - 364 days`, purchases at noon
 * on whole UTC days. Each draws λ ~ Gamma(r, α) and μ ~ Gamma(s, β), lives an Exp(μ) time after
 * the first purchase and buys as a Poisson process of rate λ until death or `asOf`; each purchase
 * is worth Gamma(6, ν) with ν ~ Gamma(4, 15) (mean about 30), margin `marginRatio` of it if given.
 */
export function simulatedParetoNbdSubjects(o: { customers: number; seed: number; asOf: Date; marginRatio?: number }): MetricSubject[] {
  const random = new SeededRandom(o.seed);
  const uniform = () => random.next();
  const start = o.asOf.getTime() - 364 * DAY_MS;
  return Array.from({ length: o.customers }, (_, i) => {
    const firstDay = Math.floor(uniform() * 84);
    const times = simulateParetoNbdRepeatTimes(FIXTURE_PARETO_NBD, uniform, (364 - firstDay - 1) / 7);
    const days = [firstDay, ...times.map((t) => firstDay + Math.floor(t * 7))];
    const nu = gammaVariate(uniform, 4) / 15;
    const purchases = days.map((day): FixturePurchase => {
      const amount = Math.round((gammaVariate(uniform, 6) / nu) * 100) / 100;
      return { at: new Date(start + day * DAY_MS + DAY_MS / 2), amount, ...(o.marginRatio === undefined ? {} : { margin: Math.round(amount * o.marginRatio * 100) / 100 }) };
    });
    return subjectFromPurchases(purchases, o.asOf, { id: i + 1, externalId: `P-${i + 1}` });
  });
}

import { describe, expect, it } from 'vitest';
import { churnInactivityConfigSchema } from './churn-inactivity.config';
import { fitChurnInactivity, inactivityChurn, ownGapDays } from './churn-inactivity.model';

const asOf = new Date('2026-01-01T00:00:00Z');
// utcDay(2026-01-01) = 20454; purchase days are given as days before it.
const daysAgo = (...ago: number[]) => ago.map((d) => 20454 - d);
const config = (o: Record<string, unknown> = {}) => churnInactivityConfigSchema.parse(o);
const model = (populationMedianGapDays: number | null) => ({ populationMedianGapDays, customersWithGap: populationMedianGapDays === null ? 0 : 1 });

describe('ownGapDays', () => {
  it('is the median gap between purchase days, null with fewer than two', () => {
    // Gaps 20, 30, 10 -> median 20; gaps 30, 10 -> 20; one day -> null.
    expect(ownGapDays(daysAgo(100, 80, 50, 40))).toBe(20);
    expect(ownGapDays(daysAgo(50, 20, 10))).toBe(20);
    expect(ownGapDays(daysAgo(10))).toBeNull();
  });
});

describe('fitChurnInactivity', () => {
  it('takes the median of the customers’ own gaps', () => {
    expect(fitChurnInactivity([30, 20, 10])).toEqual({ populationMedianGapDays: 20, customersWithGap: 3 });
    expect(fitChurnInactivity([30, 20])).toEqual({ populationMedianGapDays: 25, customersWithGap: 2 });
    expect(fitChurnInactivity([])).toEqual({ populationMedianGapDays: null, customersWithGap: 0 });
  });
});

describe('inactivityChurn', () => {
  it('churns after more than k usual gaps, and says how many', () => {
    // Gaps 34, 34 (days 208, 174, 140 ago): 140 days since > 3 x 34 = 102; 140 / 34 = 4.12 gaps.
    expect(inactivityChurn(daysAgo(208, 174, 140), asOf, model(null), config())).toEqual({
      probability: 1, pAlive: null, reason: 'no purchase for 140 days, 4.1 usual gaps (34 days)',
    });
  });

  it('is not churned at exactly k gaps, nor before', () => {
    // Gap 20, 60 days since = 3 x 20: not more than k gaps.
    expect(inactivityChurn(daysAgo(80, 60), asOf, model(null), config())).toEqual({
      probability: 0, pAlive: null, reason: 'no purchase for 60 days, 3 usual gaps (20 days)',
    });
    expect(inactivityChurn(daysAgo(81, 61), asOf, model(null), config())).toMatchObject({ probability: 1 });
  });

  it('grades the probability in ratio mode', () => {
    // Gap 20, 40 days since: 40 / (3 x 20) = 2/3; 100 days since: capped at 1.
    expect(inactivityChurn(daysAgo(60, 40), asOf, model(null), config({ mode: 'ratio' })).probability).toBeCloseTo(2 / 3, 12);
    expect(inactivityChurn(daysAgo(120, 100), asOf, model(null), config({ mode: 'ratio' })).probability).toBe(1);
  });

  it('uses the population gap with a single purchase day, and says so', () => {
    // Population gap 32.5, one purchase 1 day ago: 1 / 32.5 = 0.03 gaps.
    expect(inactivityChurn(daysAgo(1), asOf, model(32.5), config())).toEqual({
      probability: 0, pAlive: null, reason: 'no purchase for 1 day, 0 usual gaps (32.5 days, the population median: fewer than 2 purchase days)',
    });
    expect(() => inactivityChurn(daysAgo(1), asOf, model(null), config())).toThrow(/no usual gap/);
  });
});

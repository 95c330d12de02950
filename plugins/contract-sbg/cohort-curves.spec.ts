import { describe, expect, it } from 'vitest';
import { RelationshipKind, subject } from '../../src/plugin-api';
import { CohortTally } from './cohort-curves';
import { cohortOf, contractHistory } from './contract-history';

const asOf = new Date('2025-06-01T00:00:00Z');

function tally(contracts: [string, string | null][]): CohortTally {
  const t = new CohortTally();
  for (const [start, end] of contracts) {
    const c = subject({
      customer: { relationship: RelationshipKind.CONTRACTUAL, contractStartedAt: new Date(start), contractEndedAt: end ? new Date(end) : null },
    }).customer;
    const h = contractHistory(c, asOf, 12);
    if (h) t.add(cohortOf(h.start, 'year'), h);
  }
  return t;
}

const times = <T>(n: number, x: T): T[] => Array.from({ length: n }, () => x);

/*
 * Yearly contracts, asOf 2025-06-01.
 * Cohort 2023 (started 2023-01-01, so 2 renewal points reached by everyone):
 *   3 ended in period 1 (2023-06-15 twice, 2024-01-01 exactly at the first renewal point),
 *   2 ended in period 2 (2024-08-01, and 2025-01-01 exactly at the second point),
 *   1 ended in period 3 (2025-03-01, before its third point), 4 still active after 2 renewals.
 *   Still there at point 1: 4 active + 3 (T > 1) = 7 of 10; at point 2: 4 + 1 (T > 2) = 5 of 10.
 *   Retention at point 2: of the 7 there at point 1, the 2 who ended in period 2 are old enough
 *   to have reached point 2: 5 / (5 + 2) = 0.714286.
 * Cohort 2024: 10 started 2024-01-01 (1 point reached): 3 ended in period 1, 1 ended in period 2
 *   (2025-03-01), 6 active; plus 2 started 2024-09-01 (no point reached, active) and 1 started
 *   2024-10-01 that ended 2025-02-01, before its first point.
 *   At risk: 13 at point 0, 10 at point 1. Still there at point 1: 6 + 1 = 7 of 10. The churner
 *   without a reached point stays out of the point-1 retention: 7 / (7 + 3) = 0.7.
 */
const contracts: [string, string | null][] = [
  ['2023-01-01T00:00:00Z', '2023-06-15T00:00:00Z'], ['2023-01-01T00:00:00Z', '2023-06-15T00:00:00Z'], ['2023-01-01T00:00:00Z', '2024-01-01T00:00:00Z'],
  ['2023-01-01T00:00:00Z', '2024-08-01T00:00:00Z'], ['2023-01-01T00:00:00Z', '2025-01-01T00:00:00Z'], ['2023-01-01T00:00:00Z', '2025-03-01T00:00:00Z'],
  ...times(4, ['2023-01-01T00:00:00Z', null] as [string, null]),
  ...times(3, ['2024-01-01T00:00:00Z', '2024-05-01T00:00:00Z'] as [string, string]),
  ['2024-01-01T00:00:00Z', '2025-03-01T00:00:00Z'],
  ...times(6, ['2024-01-01T00:00:00Z', null] as [string, null]),
  ...times(2, ['2024-09-01T00:00:00Z', null] as [string, null]),
  ['2024-10-01T00:00:00Z', '2025-02-01T00:00:00Z'],
];

describe('CohortTally', () => {
  const params = { alpha: 2, beta: 3 };

  it('gives each cohort its observed survival and retention among those old enough', () => {
    const [c2023, c2024] = tally(contracts).curves(params, 2);
    expect(c2023).toMatchObject({
      cohort: '2023', customers: 10, churned: 6, atRisk: [10, 10, 10],
      observedSurvival: [1, 0.7, 0.5], observedRetention: [null, 0.7, 0.714286],
    });
    expect(c2024).toMatchObject({
      cohort: '2024', customers: 13, churned: 5, atRisk: [13, 10],
      observedSurvival: [1, 0.7], observedRetention: [null, 0.7],
    });
  });

  it('projects the model\'s curve past the last observed point', () => {
    // α = 2, β = 3: r_k = (k + 2) / (k + 4): 3/5, 4/6, 5/7, 6/8; S = 1, 3/5, 2/5, 2/7, 3/14.
    const [c2023, c2024] = tally(contracts).curves(params, 2);
    expect(c2023.projectedSurvival).toEqual([1, 0.6, 0.4, 0.285714, 0.214286]);
    expect(c2023.projectedRetention).toEqual([null, 0.6, 0.666667, 0.714286, 0.75]);
    expect(c2024.projectedSurvival).toEqual([1, 0.6, 0.4, 0.285714]);
  });

  it('orders cohorts by key and is empty without customers', () => {
    expect(tally(contracts).curves(params, 0).map((c) => c.cohort)).toEqual(['2023', '2024']);
    expect(new CohortTally().curves(params, 3)).toEqual([]);
  });
});

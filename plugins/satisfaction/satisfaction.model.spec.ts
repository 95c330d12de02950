import { describe, expect, it } from 'vitest';
import { subjectFromInteractions } from '../../src/plugin-api';
import { satisfactionGaps, satisfactionMetrics } from './satisfaction.model';

const asOf = '2026-01-01T00:00:00Z';

describe('satisfactionGaps', () => {
  // Scored: survey 8 -> 6 (-2), call 5 -> 5 (0), survey 7 -> 10 (+3). A survey with one score only and a purchase do not count.
  const { interactions = [] } = subjectFromInteractions([
    { at: '2025-03-01', type: 'SURVEY', expectationScore: 8, perceptionScore: 6 },
    { at: '2025-04-01', type: 'SURVEY', expectationScore: 9 },
    { at: '2025-05-01', type: 'CALL', expectationScore: 5, perceptionScore: 5 },
    { at: '2025-06-01', type: 'PURCHASE', amount: 10 },
    { at: '2025-07-01', type: 'SURVEY', expectationScore: 7, perceptionScore: 10 },
  ], asOf);

  it('lists P - E of every interaction scored on both, oldest first', () => {
    expect(satisfactionGaps(interactions, null)).toEqual([-2, 0, 3]);
  });

  it('keeps the last N when asked', () => {
    expect(satisfactionGaps(interactions, 2)).toEqual([0, 3]);
    expect(satisfactionGaps(interactions, 10)).toEqual([-2, 0, 3]);
  });
});

describe('satisfactionMetrics', () => {
  it('gives the mean gap, the share with P >= E and the count', () => {
    // (-2 + 0 + 3) / 3 = 1/3 satisfied; P >= E for 0 and 3: 2/3.
    expect(satisfactionMetrics([-2, 0, 3])).toEqual({
      satisfaction: { value: 1 / 3, label: 'satisfied' },
      'satisfaction.share': { value: 2 / 3, label: null },
      'satisfaction.surveys': { value: 3, label: null },
    });
  });

  it('calls a mean of exactly 0 satisfied and a negative one disappointed', () => {
    expect(satisfactionMetrics([-1, 1])?.satisfaction).toEqual({ value: 0, label: 'satisfied' });
    // (-3 + 1) / 2 = -1; one of two has P >= E.
    expect(satisfactionMetrics([-3, 1])).toMatchObject({ satisfaction: { value: -1, label: 'disappointed' }, 'satisfaction.share': { value: 0.5 } });
  });

  it('is null without scored surveys', () => {
    expect(satisfactionMetrics([])).toBeNull();
  });
});

import type { FreeMetricValue, MetricInteraction } from '../../src/plugin-api';

/** The three metric keys, each customer's record of them. */
export type SatisfactionMetrics = Record<'satisfaction' | 'satisfaction.share' | 'satisfaction.surveys', FreeMetricValue>;

/**
 * The perception - expectation gaps of the interactions scored on both (any type, as the summary
 * counts them), oldest first; only the last `recent` when it is set.
 */
export function satisfactionGaps(interactions: readonly MetricInteraction[], recent: number | null): number[] {
  const gaps = interactions.flatMap((i) => (i.expectationScore !== null && i.perceptionScore !== null ? [i.perceptionScore - i.expectationScore] : []));
  return recent === null ? gaps : gaps.slice(-recent);
}

/**
 * The customer's satisfaction from its gaps (DOMAIN §2: E <= P satisfied, E > P disappointed):
 * the mean gap, labelled 'satisfied' when >= 0 and 'disappointed' below; the share of surveys
 * with P >= E; and their count. Null without any scored survey.
 */
export function satisfactionMetrics(gaps: readonly number[]): SatisfactionMetrics | null {
  if (gaps.length === 0) return null;
  const mean = gaps.reduce((sum, g) => sum + g, 0) / gaps.length;
  const satisfied = gaps.filter((g) => g >= 0).length;
  return {
    satisfaction: { value: mean, label: mean >= 0 ? 'satisfied' : 'disappointed' },
    'satisfaction.share': { value: satisfied / gaps.length, label: null },
    'satisfaction.surveys': { value: gaps.length, label: null },
  };
}

import { type ChurnValue, dayGaps, median, utcDay } from '../../src/plugin-api';
import type { ChurnInactivityConfig } from './churn-inactivity.config';
import type { ChurnInactivityModel } from './churn-inactivity-model.schema';

/** A customer's usual inter-purchase gap in days: the median gap between its distinct purchase days; null with fewer than 2. */
export function ownGapDays(days: readonly number[]): number | null {
  return median(dayGaps(days));
}

/** The model: the median of the customers' own usual gaps (each customer weighs once, however often it buys). */
export function fitChurnInactivity(ownGaps: readonly number[]): ChurnInactivityModel {
  return { populationMedianGapDays: median(ownGaps), customersWithGap: ownGaps.length };
}

// One decimal, without a trailing ".0": 4.1, 34, 32.5.
const oneDecimal = (x: number): string => String(Math.round(x * 10) / 10);
const plural = (text: string, word: string): string => `${text} ${word}${text === '1' ? '' : 's'}`;

/**
 * The inactivity rule for a customer with purchases (`days`: its distinct UTC purchase days,
 * ascending, non-empty): churned when the days from its last purchase day to asOf's day exceed
 * k x its usual gap (its own, or the population's with fewer than 2 purchase days). 'binary'
 * gives probability 1 or 0; 'ratio' min(1, days since / (k x gap)). Throws when the population
 * gap is needed and there is none.
 */
export function inactivityChurn(days: readonly number[], asOf: Date, model: ChurnInactivityModel, config: ChurnInactivityConfig): ChurnValue {
  const own = ownGapDays(days);
  const gap = own ?? model.populationMedianGapDays;
  if (gap === null) {
    throw new Error('churn-inactivity: the customer has one purchase day and nobody had two at the last refresh, so there is no usual gap to compare with');
  }
  const since = Math.max(0, utcDay(asOf) - days[days.length - 1]);
  const limit = config.k * gap;
  const probability = config.mode === 'binary' ? (since > limit ? 1 : 0) : Math.min(1, since / limit);
  const gapText = own === null ? `${oneDecimal(gap)} days, the population median: fewer than 2 purchase days` : `${oneDecimal(gap)} days`;
  return { probability, pAlive: null, reason: `no purchase for ${plural(String(since), 'day')}, ${plural(oneDecimal(since / gap), 'usual gap')} (${gapText})` };
}

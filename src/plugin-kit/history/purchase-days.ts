import { InteractionType } from '../../common/enums';
import type { MetricInteraction } from '../../plugin-api/plugin.contract';
import { inWindow, type ObservationWindow } from './observation-window';
import { utcDay } from './time-units';

/**
 * The distinct UTC calendar days with at least one PURCHASE, ascending, as day numbers (see
 * `utcDay`); only purchases in `window` when one is given. Several purchases on one day are one
 * purchase occasion (a basket split into lines, an order and its add-on), so they count once.
 * A purchase without an amount (another currency) still marks its day.
 */
export function purchaseDays(interactions: readonly MetricInteraction[], window?: ObservationWindow): number[] {
  const days = new Set<number>();
  for (const i of interactions) {
    if (i.type !== InteractionType.PURCHASE) continue;
    if (window && !inWindow(i.occurredAt, window)) continue;
    days.add(utcDay(i.occurredAt));
  }
  return [...days].sort((a, b) => a - b);
}

/** The gaps in days between consecutive ascending day numbers (one fewer than the days; each >= 1 for distinct days). */
export function dayGaps(days: readonly number[]): number[] {
  return days.slice(1).map((d, i) => d - days[i]);
}

/** The latest PURCHASE interaction's time (in `window` when given), or null without any. */
export function lastPurchaseAt(interactions: readonly MetricInteraction[], window?: ObservationWindow): Date | null {
  let last: Date | null = null;
  for (const i of interactions) {
    if (i.type !== InteractionType.PURCHASE) continue;
    if (window && !inWindow(i.occurredAt, window)) continue;
    if (last === null || i.occurredAt.getTime() > last.getTime()) last = i.occurredAt;
  }
  return last;
}

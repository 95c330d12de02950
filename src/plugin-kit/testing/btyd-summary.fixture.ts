import type { MetricInteraction } from '../../plugin-api/plugin.contract';
import { deriveSummary } from '../../summaries/derive-summary';
import { SummaryAccumulator } from '../../summaries/summary-accumulator';
import { btydSummary, type BtydSummary, type TimeUnit } from '../btyd/btyd-summary';

/** For specs: the BTYD summary of interactions through the host's path (visible interactions -> stored summary -> BTYD inputs). */
export function btydOfInteractions(interactions: readonly MetricInteraction[], asOf: Date, unit: TimeUnit, currency = 'USD'): BtydSummary | null {
  const acc = new SummaryAccumulator(1, currency);
  for (const i of interactions) if (i.occurredAt.getTime() <= asOf.getTime()) acc.add(i);
  return btydSummary(deriveSummary(acc.record(), currency, asOf), asOf, unit);
}

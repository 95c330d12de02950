import type { Interaction } from '../../interactions/interaction.entity';
import type { MetricInteraction } from '../../plugin-api/plugin.contract';

/** The stored fields of an interaction that plugins may see. */
export type StoredInteraction = Pick<
  Interaction,
  'occurredAt' | 'type' | 'channel' | 'contactLevel' | 'amount' | 'currency' | 'margin' | 'expectationScore' | 'perceptionScore'
>;

/** How a plugin sees a stored interaction: money in another currency is not comparable, so it is hidden. */
export function toMetricInteraction(i: StoredInteraction, baseCurrency: string): MetricInteraction {
  const base = i.currency === baseCurrency;
  return {
    occurredAt: i.occurredAt, type: i.type, channel: i.channel, contactLevel: i.contactLevel,
    amount: base ? i.amount : null, currency: i.currency, margin: base ? i.margin : null,
    expectationScore: i.expectationScore, perceptionScore: i.perceptionScore,
  };
}

import { z } from 'zod';
import { Channel, ContactLevel, InteractionType } from '../common/enums';
import { boundedJsonObject, boundedText, currencyCode, externalId, finiteNumber, MONEY_MAX, pastTimestamp } from '../common/input-rules';
import type { IngestOptions } from '../common/ingest-options';

const MONEY_TYPES = new Set<InteractionType>([InteractionType.PURCHASE, InteractionType.REFUND]);
const score = finiteNumber(0, 100).nullish();

/** Rules for one InteractionInput; money-bearing types must carry an amount. */
export function interactionInputSchema(o: IngestOptions) {
  return z.object({
    externalId,
    customerExternalId: externalId,
    occurredAt: pastTimestamp(o.now, o.clockSkewMs),
    type: z.enum(InteractionType),
    channel: z.enum(Channel).nullish(),
    contactLevel: z.enum(ContactLevel).nullish(),
    amount: finiteNumber(0, MONEY_MAX).nullish(),
    currency: currencyCode.nullish(),
    margin: finiteNumber(-MONEY_MAX, MONEY_MAX).nullish(),
    expectationScore: score,
    perceptionScore: score,
    note: boundedText(2000).nullish(),
    metadata: boundedJsonObject(16_384).nullish(),
  }).superRefine((i, ctx) => {
    if (MONEY_TYPES.has(i.type) && i.amount == null) {
      ctx.addIssue({ code: 'custom', path: ['amount'], message: `is required for a ${i.type}` });
    }
    if (i.currency != null && i.amount == null && i.margin == null) {
      ctx.addIssue({ code: 'custom', path: ['currency'], message: 'is given without an amount or margin' });
    }
  });
}

export type ValidInteractionInput = z.output<ReturnType<typeof interactionInputSchema>>;

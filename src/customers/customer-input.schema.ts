import { z } from 'zod';
import { ChannelRole, Gender, Origin, Party, RelationshipKind } from '../common/enums';
import { boundedJsonObject, boundedText, externalId, finiteNumber, MONEY_MAX, pastCalendarDate, pastTimestamp } from '../common/input-rules';
import type { IngestOptions } from '../common/ingest-options';

/** Rules for one CustomerInput. `undefined` (omitted) is kept apart from `null` (clear). */
export function customerInputSchema(o: IngestOptions) {
  const ts = pastTimestamp(o.now, o.clockSkewMs).nullish();
  const text = (max: number) => boundedText(max).nullish();
  return z.object({
    externalId: externalId.refine((id) => !id.startsWith('erased:'), 'must not start with "erased:" (reserved for erased customers)'),
    name: text(200),
    email: z.string().trim().max(254, 'must be at most 254 characters').pipe(z.email('must be a well-formed email address')).nullish(),
    phone: z.string().trim().regex(/^\+?[0-9 ()./-]{3,30}(\s*(x|ext\.?)\s*\d{1,6})?$/i, 'must be a phone number (digits, spaces, + ( ) . / -)').nullish(),
    party: z.enum(Party).nullish(),
    relationship: z.enum(RelationshipKind).nullish(),
    channelRole: z.enum(ChannelRole).nullish(),
    origin: z.enum(Origin).nullish(),
    birthDate: pastCalendarDate(o.now).nullish(),
    gender: z.enum(Gender).nullish(),
    incomeBand: text(50),
    country: z.string().trim().toUpperCase().regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code such as VN').nullish(),
    region: text(100),
    city: text(100),
    acquisitionSource: text(100),
    acquisitionCost: finiteNumber(0, MONEY_MAX).nullish(),
    acquiredAt: ts,
    contractStartedAt: ts,
    contractEndedAt: ts,
    churnReason: text(500),
    consent: z.object({
      email: z.boolean().nullish(), sms: z.boolean().nullish(), phone: z.boolean().nullish(), profiling: z.boolean().nullish(),
    }).nullish(),
    traits: boundedJsonObject(16_384).nullish(),
  }).superRefine((c, ctx) => {
    if (c.contractStartedAt && c.contractEndedAt && c.contractEndedAt < c.contractStartedAt) {
      ctx.addIssue({ code: 'custom', path: ['contractEndedAt'], message: 'must not be before contractStartedAt' });
    }
  });
}

export type ValidCustomerInput = z.output<ReturnType<typeof customerInputSchema>>;

import { z } from 'zod';
import { LinkType } from '../common/enums';
import { externalId } from '../common/input-rules';

/** Rules for one LinkInput that need no database: well-formed ids and no self-link. */
export const linkInputSchema = z.object({
  type: z.enum(LinkType),
  fromExternalId: externalId,
  toExternalId: externalId,
}).superRefine((l, ctx) => {
  if (l.fromExternalId === l.toExternalId) {
    ctx.addIssue({ code: 'custom', path: ['toExternalId'], message: 'must differ from fromExternalId (a customer cannot be linked to itself)' });
  }
});

export type ValidLinkInput = z.output<typeof linkInputSchema>;

import { z } from 'zod';
import { boundedText } from '../common/input-rules';

export const segmentKey = z.string().regex(/^[a-z0-9][a-z0-9-]{0,99}$/, 'must be 1 to 100 lower-case letters, digits and dashes, not starting with a dash');

/** Rules for SegmentInput. An omitted description keeps the stored one; null clears it. */
export const segmentInputSchema = z.object({
  key: segmentKey,
  name: boundedText(200).pipe(z.string().min(1, 'must not be empty')),
  description: boundedText(2000).nullish(),
});

export type ValidSegmentInput = z.output<typeof segmentInputSchema>;

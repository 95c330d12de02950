import { GraphQLError } from 'graphql';
import type { AppConfig } from '../config/config';
import { ErrorCode } from '../graphql/errors';

/** The most entity representations one request may resolve, over all its `_entities` fields. */
export const REPRESENTATIONS_MAX = 1000;

/** The limit in force: REPRESENTATIONS_MAX, or BATCH_SIZE_MAX where that is lower (every list argument keeps to it). */
export function representationLimit(config: Pick<AppConfig, 'batchSizeMax'>): number {
  return Math.min(REPRESENTATIONS_MAX, config.batchSizeMax);
}

/** BAD_USER_INPUT (HTTP 400) naming the count and the limit, so a router can split its fetch. */
export function tooManyRepresentations(count: number, limit: number): GraphQLError {
  return new GraphQLError(`_entities: ${count} representations in one request; the limit is ${limit}. Split the fetch into batches of at most ${limit}.`, {
    extensions: { code: ErrorCode.BAD_USER_INPUT, field: 'representations', limit, http: { status: 400 } },
  });
}

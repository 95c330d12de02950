import { isUniqueViolation } from '../db/unique-violation';
import { ErrorCode } from '../graphql/errors';
import { batchError } from './validate-batch';

/**
 * A unique-key violation inside an ingest transaction means another request wrote the same
 * records first; the client gets a CONFLICT telling it to retry (nothing of this batch was
 * written). Any other error passes through unchanged.
 */
export function concurrentWriteError(err: unknown, what: string): unknown {
  return isUniqueViolation(err)
    ? batchError([{ message: `another request wrote one of these ${what} at the same time; retry the batch` }], 'input', ErrorCode.CONFLICT)
    : err;
}

import type { GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import type { Logger } from 'pino';
import { isDatabaseUnavailable } from '../db/database-unavailable';
import { ErrorCode, publicCodes } from './errors';

/**
 * Keeps user-facing errors as they are and masks everything else: clients see a stable code and
 * the request id, the log gets the real error with its stack (and SQL, for database errors).
 */
export function formatError(log: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const code = formatted.extensions?.code;
    if (typeof code === 'string' && publicCodes.has(code)) {
      const { stacktrace: _drop, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, extensions };
    }
    const cause = unwrapResolverError(error);
    if (isDatabaseUnavailable(cause)) {
      log.warn({ err: cause, path: formatted.path }, 'database unavailable');
      return {
        message: 'The database is unavailable right now; retry shortly (every write is idempotent, so a retry is safe).',
        path: formatted.path,
        locations: formatted.locations,
        extensions: { code: ErrorCode.SERVICE_UNAVAILABLE },
      };
    }
    log.error({ err: cause, path: formatted.path }, 'internal error');
    return {
      message: 'Internal server error; the server log has the details.',
      path: formatted.path,
      locations: formatted.locations,
      extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
    };
  };
}

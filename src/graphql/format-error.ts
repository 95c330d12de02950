import type { GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import type { Logger } from 'pino';
import { DATABASE_UNAVAILABLE_MESSAGE, isDatabaseUnavailable } from '../db/database-unavailable';
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
    // Apollo's own refusals of a request (a persisted query whose hash does not match, an unknown
    // version) carry an HTTP 4xx but no code: the caller's mistake, said as it is.
    const status = (cause as { extensions?: { http?: { status?: unknown } } })?.extensions?.http?.status;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      return { message: formatted.message, locations: formatted.locations, extensions: { code: 'BAD_REQUEST' } };
    }
    const replaced = (code: ErrorCode, message: string): GraphQLFormattedError => ({ message, path: formatted.path, locations: formatted.locations, extensions: { code } });
    if (isDatabaseUnavailable(cause)) {
      log.warn({ err: cause, path: formatted.path }, 'database unavailable');
      return replaced(ErrorCode.SERVICE_UNAVAILABLE, DATABASE_UNAVAILABLE_MESSAGE);
    }
    log.error({ err: cause, path: formatted.path }, 'internal error');
    return replaced(ErrorCode.INTERNAL_SERVER_ERROR, 'Internal server error; the server log has the details.');
  };
}

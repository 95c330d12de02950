import type { ErrorRequestHandler, Response } from 'express';
import type { Logger } from 'pino';
import { DATABASE_UNAVAILABLE_MESSAGE, isDatabaseUnavailable, RETRY_AFTER_SECONDS } from '../db/database-unavailable';
import { ErrorCode } from '../graphql/errors';

/** An answer outside GraphQL (before it runs) in the GraphQL error shape, so clients parse one shape. */
export function sendGraphqlError(res: Response, status: number, code: string, message: string): void {
  res.status(status).json({ errors: [{ message, extensions: { code } }] });
}

/**
 * Errors raised before GraphQL runs (malformed JSON, a body over the size limit) answer in the
 * GraphQL error shape instead of Express's default HTML page, which would include a stack trace.
 */
export function httpErrorHandler(log: Logger): ErrorRequestHandler {
  return (err: { status?: number; type?: string; message?: string }, _req, res, _next) => {
    // The key lookup before GraphQL meets a database that is away like any resolver would.
    if (isDatabaseUnavailable(err)) {
      log.warn({ err }, 'database unavailable');
      res.setHeader('retry-after', RETRY_AFTER_SECONDS);
      sendGraphqlError(res, 503, ErrorCode.SERVICE_UNAVAILABLE, DATABASE_UNAVAILABLE_MESSAGE);
      return;
    }
    const status = typeof err.status === 'number' && err.status >= 400 && err.status < 500 ? err.status : 500;
    if (status === 500) log.error({ err }, 'unhandled HTTP error');
    const message =
      err.type === 'entity.too.large' ? 'Request body is too large; send smaller batches.'
        : err.type === 'entity.parse.failed' ? 'Request body is not valid JSON.'
          : status === 500 ? 'Internal server error; the server log has the details.' : 'Bad request.';
    sendGraphqlError(res, status, status === 500 ? ErrorCode.INTERNAL_SERVER_ERROR : 'BAD_REQUEST', message);
  };
}

import type { ErrorRequestHandler } from 'express';
import type { Logger } from 'pino';
import { isDatabaseUnavailable } from '../db/database-unavailable';

/**
 * Errors raised before GraphQL runs (malformed JSON, a body over the size limit) answer in the
 * GraphQL error shape instead of Express's default HTML page, which would include a stack trace.
 */
export function httpErrorHandler(log: Logger): ErrorRequestHandler {
  return (err: { status?: number; type?: string; message?: string }, _req, res, _next) => {
    // The key lookup before GraphQL meets a database that is away like any resolver would.
    if (isDatabaseUnavailable(err)) {
      log.warn({ err }, 'database unavailable');
      res.status(503).setHeader('retry-after', '2');
      res.json({ errors: [{ message: 'The database is unavailable right now; retry shortly.', extensions: { code: 'SERVICE_UNAVAILABLE' } }] });
      return;
    }
    const status = typeof err.status === 'number' && err.status >= 400 && err.status < 500 ? err.status : 500;
    if (status === 500) log.error({ err }, 'unhandled HTTP error');
    const message =
      err.type === 'entity.too.large' ? 'Request body is too large; send smaller batches.'
        : err.type === 'entity.parse.failed' ? 'Request body is not valid JSON.'
          : status === 500 ? 'Internal server error; the server log has the details.' : 'Bad request.';
    res.status(status).json({ errors: [{ message, extensions: { code: status === 500 ? 'INTERNAL_SERVER_ERROR' : 'BAD_REQUEST' } }] });
  };
}

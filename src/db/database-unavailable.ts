/** What a caller is told when the database is away, and how soon to retry (seconds). */
export const DATABASE_UNAVAILABLE_MESSAGE = 'The database is unavailable right now; retry shortly (every write is idempotent, so a retry is safe).';
export const RETRY_AFTER_SECONDS = '2';

/** Codes of a database that cannot be reached right now (as opposed to a query it refused). */
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENOTFOUND',
  'PROTOCOL_CONNECTION_LOST', 'PROTOCOL_SEQUENCE_TIMEOUT', 'ER_SERVER_SHUTDOWN', 'ER_CON_COUNT_ERROR', 'ER_CONNECTION_KILLED',
  'SQLITE_BUSY',
]);

/**
 * Whether an error means the database is away or saturated: worth a retry, answered 503 with a
 * stable code instead of an internal error. Looks through TypeORM's wrapping (`driverError`) and causes.
 */
export function isDatabaseUnavailable(err: unknown, depth = 0): boolean {
  if (!err || typeof err !== 'object' || depth > 4) return false;
  const e = err as { code?: unknown; message?: unknown; driverError?: unknown; cause?: unknown; originalError?: unknown };
  if (typeof e.code === 'string' && UNAVAILABLE_CODES.has(e.code)) return true;
  if (typeof e.message === 'string' && /Pool is closed|Connection lost|connect ECONNREFUSED|Can't add new command when connection is in closed state/i.test(e.message)) return true;
  return [e.driverError, e.cause, e.originalError].some((inner) => isDatabaseUnavailable(inner, depth + 1));
}

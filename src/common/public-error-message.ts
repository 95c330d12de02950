/**
 * The one rule for error text that is stored or returned in an API field (`modelRuns.error`, a
 * metric's `error`, a backtest's `error`): an error of the database or its driver never gets
 * there, because its message shows SQL, table, column and index names, the database's name and
 * the driver's codes. It is replaced by a coded, human message; the caller logs the full error.
 * Any other error (a plugin's own, such as a model that did not converge) keeps its message.
 */

/** What failed, for the coded message that replaces a database error. */
export interface FailureDescription {
  /** Stable code the message starts with, e.g. `REFRESH_FAILED`. */
  code: string;
  /** What failed, in words: `the refresh of plugin rfm failed while publishing`. */
  what: string;
  /** What finds the logged error, e.g. `run id 12` or `request id 5f...`. */
  ref?: string;
}

/** Driver error codes: MySQL/MariaDB (`ER_*`), SQLite (`SQLITE_*`), mysql2's protocol and pool, and socket errors. */
const DRIVER_CODE = /^(?:ER_|SQLITE_|PROTOCOL_|POOL_|ECONN|ETIMEDOUT|EPIPE|ENOTFOUND|EHOSTUNREACH|ENETUNREACH)/;

/** What database messages look like, for errors that reached us as text or wrapped in another error. */
const DRIVER_TEXT = new RegExp([
  String.raw`\b(?:ER_[A-Z0-9_]+|SQLITE_[A-Z0-9_]+|SqliteError|QueryFailedError|SQLSTATE)\b`,
  'constraint failed', 'Duplicate entry', String.raw`no such (?:table|column|index)`, String.raw`Table '[^']*' doesn't exist`,
  'SQL syntax', 'Deadlock found', 'Lock wait timeout', 'Unknown column', 'Data too long', 'Out of range value',
  String.raw`Incorrect (?:integer|decimal|double|date|datetime|string) value`,
].join('|'), 'i');

/** Properties only database errors carry: mysql2's, and TypeORM's QueryFailedError. */
const DRIVER_PROPERTIES = ['sql', 'sqlMessage', 'sqlState', 'errno', 'driverError'];

/** True when the prototype chain has a class of this name (TypeORM's errors all extend TypeORMError). */
function extendsClassNamed(err: object, name: string): boolean {
  for (let p = Object.getPrototypeOf(err) as object | null; p; p = Object.getPrototypeOf(p) as object | null) {
    if ((p as { constructor?: { name?: string } }).constructor?.name === name) return true;
  }
  return false;
}

/**
 * True for an error raised by the database, its driver or TypeORM, including one wrapped (as
 * `cause`, or in an AggregateError) by another error, and for text that reads like one.
 */
export function isDriverError(err: unknown, depth = 0): boolean {
  if (err === null || err === undefined || depth > 5) return false;
  if (typeof err === 'string') return DRIVER_TEXT.test(err);
  if (typeof err !== 'object') return false;
  const e = err as { name?: unknown; code?: unknown; message?: unknown; cause?: unknown; errors?: unknown; syscall?: unknown };
  if (e.name === 'SqliteError' || e.name === 'QueryFailedError' || extendsClassNamed(err, 'TypeORMError')) return true;
  if (DRIVER_PROPERTIES.some((p) => p in err) || typeof e.syscall === 'string') return true;
  if (typeof e.code === 'string' && DRIVER_CODE.test(e.code)) return true;
  if (typeof e.message === 'string' && DRIVER_TEXT.test(e.message)) return true;
  if (Array.isArray(e.errors) && e.errors.some((x) => isDriverError(x, depth + 1))) return true;
  return isDriverError(e.cause, depth + 1);
}

/** The coded message that stands for a database error: `CODE: what; the server log has the details (ref)`. */
export function maskedMessage(failure: FailureDescription): string {
  return `${failure.code}: ${failure.what}; the server log has the details${failure.ref ? ` (${failure.ref})` : ''}`;
}

/**
 * The text to store or return for `err` (an error, or an error message as text): its own
 * message, or for a database error the coded message of `failure`. At most `maxLength` characters.
 * The caller logs `err` itself when it matters: this never logs.
 */
export function publicErrorMessage(err: unknown, failure: FailureDescription, maxLength = 2000): string {
  if (isDriverError(err)) return maskedMessage(failure).slice(0, maxLength);
  const own = typeof err === 'string' ? err : err instanceof Error ? err.message : String((err as { message?: unknown })?.message ?? err);
  return own.slice(0, maxLength);
}

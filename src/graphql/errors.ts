import { GraphQLError } from 'graphql';

/**
 * Stable `extensions.code` values. Clients branch on these, so they never change meaning.
 * BAD_USER_INPUT: the request is wrong (names `index` and `field` where it can);
 * CONFLICT: it contradicts what is stored; NOT_FOUND: a named record does not exist;
 * METRIC_FAILED: a metric plugin failed for this customer (only that field is null);
 * UNAUTHENTICATED: no credential, or one that is unknown, revoked or expired (HTTP 401);
 * FORBIDDEN: the caller's roles lack the permission the error names; nothing ran (HTTP 403);
 * AUTH_UNAVAILABLE: the identity provider could not be reached to check a token (HTTP 503);
 * QUERY_TOO_COMPLEX: the operation's worst-case cost is over QUERY_COST_MAX (HTTP 400);
 * RATE_LIMITED: the caller's cost budget for the window is spent; retry after `retryAfterSeconds` (HTTP 429);
 * TIME_LIMIT: a long operation (a backtest) ran past its configured limit and was stopped;
 * SERVICE_UNAVAILABLE: the database cannot be reached right now; retry (HTTP 503).
 */
export const ErrorCode = {
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  CONFLICT: 'CONFLICT',
  NOT_FOUND: 'NOT_FOUND',
  QUERY_TOO_COMPLEX: 'QUERY_TOO_COMPLEX',
  METRIC_FAILED: 'METRIC_FAILED',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  AUTH_UNAVAILABLE: 'AUTH_UNAVAILABLE',
  RATE_LIMITED: 'RATE_LIMITED',
  TIME_LIMIT: 'TIME_LIMIT',
  SERVICE_UNAVAILABLE: 'SERVICE_UNAVAILABLE',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** Where in a batch input the problem is: `input[3].email`. */
export interface InputLocation {
  index?: number;
  field?: string;
}

function describe(at: InputLocation, arg: string): string {
  const item = at.index === undefined ? arg : `${arg}[${at.index}]`;
  return at.field ? `${item}.${at.field}` : item;
}

export function userError(code: ErrorCode, message: string, at: InputLocation = {}, arg = 'input'): GraphQLError {
  const where = at.index !== undefined || at.field ? `${describe(at, arg)}: ` : '';
  return new GraphQLError(`${where}${message}`, { extensions: { code, ...at } });
}

export const badInput = (message: string, at?: InputLocation, arg?: string) => userError(ErrorCode.BAD_USER_INPUT, message, at, arg);
export const conflict = (message: string, at?: InputLocation, arg?: string) => userError(ErrorCode.CONFLICT, message, at, arg);
export const notFound = (message: string, at?: InputLocation, arg?: string) => userError(ErrorCode.NOT_FOUND, message, at, arg);

/**
 * Codes whose message is safe to show as it is: every code of ours but INTERNAL_SERVER_ERROR, and
 * Apollo's for requests it refuses itself. Anything else is masked.
 */
export const publicCodes: ReadonlySet<string> = new Set([
  ...Object.values(ErrorCode).filter((c) => c !== ErrorCode.INTERNAL_SERVER_ERROR),
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'BAD_REQUEST',
]);

import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import { ErrorCode } from '../graphql/errors';
import { sendGraphqlError } from '../server/http-errors';
import type { Authenticator } from './authenticator';
import { IdentityProviderUnavailable } from './jwt.verifier';
import type { Principal } from './principal';

function refuse(res: Response, status: number, code: string, message: string): void {
  if (status === 401) res.setHeader('www-authenticate', 'Bearer realm="customer-graph"');
  sendGraphqlError(res, status, code, message);
}

/**
 * Every request to a data route names its caller with `Authorization: Bearer <API key or token>`,
 * or gets 401 UNAUTHENTICATED before any GraphQL is parsed. The caller lands in `res.locals.caller`.
 */
export function authenticateRequests(authenticate: Authenticator | Principal, log: Logger) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    if (typeof authenticate !== 'function') {
      // Authentication off: callers are told apart by address, for their budgets and the audit log.
      res.locals.caller = { ...authenticate, id: `${authenticate.id}:${req.ip ?? 'unknown'}` } satisfies Principal;
      return next();
    }
    const match = /^Bearer\s+(\S+)\s*$/i.exec(req.header('authorization') ?? '');
    if (!match) {
      return refuse(res, 401, ErrorCode.UNAUTHENTICATED, 'No credential: send "Authorization: Bearer <API key>" (see the README, Security).');
    }
    try {
      const caller = await authenticate(match[1]!);
      if (!caller) return refuse(res, 401, ErrorCode.UNAUTHENTICATED, 'The credential is unknown, revoked, expired or malformed.');
      res.locals.caller = caller;
      next();
    } catch (err) {
      if (err instanceof IdentityProviderUnavailable) {
        log.error({ err: err.cause }, 'identity provider unavailable');
        return refuse(res, 503, ErrorCode.AUTH_UNAVAILABLE, 'Tokens cannot be checked right now: the identity provider is unreachable. API keys still work.');
      }
      next(err);
    }
  };
}

import type { DataSource } from 'typeorm';
import type { Logger } from 'pino';
import { toSqlDate } from '../db/sql-date';
import { findActiveKey } from './api-key.service';
import { looksLikeApiKey } from './api-key.secret';
import { jwtVerifier, looksLikeJwt, type JwtSettings } from './jwt.verifier';
import { type Principal, principal } from './principal';
import { Role, parseRoles } from './roles';

/** Resolves a bearer credential to a caller, or null when it is unknown, revoked, expired or malformed. */
export type Authenticator = (credential: string) => Promise<Principal | null>;

const TOUCH_EVERY_MS = 60_000;

export const authDisabledCaller = principal('disabled', 'auth-disabled', 'AUTH_DISABLED=true', [Role.ADMIN]);

/** API keys from the database, then tokens of the configured identity provider. */
export function createAuthenticator(ds: DataSource, jwt: JwtSettings | null, log: Logger): Authenticator {
  const verifyJwt = jwt ? jwtVerifier(jwt) : null;
  const touched = new Map<number, number>();
  return async (credential) => {
    if (looksLikeApiKey(credential)) {
      const key = await findActiveKey(ds, credential);
      if (!key) return null;
      // lastUsedAt is for people auditing keys: a write a minute per key and process is plenty.
      const now = Date.now();
      if (now - (touched.get(key.id) ?? key.lastUsedAt?.getTime() ?? 0) >= TOUCH_EVERY_MS) {
        touched.set(key.id, now);
        // In a transaction of its own, for the reason given in api-key.service.ts.
        ds.transaction((m) => m.query('UPDATE api_key SET last_used_at = ? WHERE id = ?', [toSqlDate(new Date(now)), key.id]))
          .catch((err: unknown) => log.warn({ err, key: key.prefix }, 'could not record the key\'s last use'));
      }
      return principal('api-key', key.prefix, key.label, parseRoles(key.roles).roles);
    }
    if (verifyJwt && looksLikeJwt(credential)) return verifyJwt(credential);
    return null;
  };
}

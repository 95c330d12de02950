import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload } from 'jose';
import { type Principal, principal } from './principal';
import { parseRoles } from './roles';

/** Where tokens come from and where their roles are; set together from AUTH_JWT_* (see the README). */
export interface JwtSettings {
  issuer: string;
  audience: string;
  jwksUrl: string;
  /** A claim name (`roles`, `https://example.com/roles`) or a dotted path (`realm_access.roles`). */
  rolesClaim: string;
}

export class IdentityProviderUnavailable extends Error {
  constructor(override readonly cause: unknown) {
    super('the identity provider\'s signing keys could not be fetched');
  }
}

/** jose's codes for a key set it could not get: a timeout, an answer other than 200, or one that is no key set. */
const unreachable = new Set(['ERR_JWKS_TIMEOUT', 'ERR_JOSE_GENERIC', 'ERR_JWKS_INVALID']);

export type JwtVerifier = (token: string) => Promise<Principal | null>;

function claimAt(payload: JWTPayload, name: string): unknown {
  if (name in payload) return payload[name];
  let at: unknown = payload;
  for (const part of name.split('.')) at = at && typeof at === 'object' ? (at as Record<string, unknown>)[part] : undefined;
  return at;
}

/**
 * Verifies bearer tokens of the company's identity provider: signature against its JWKS (fetched
 * and cached by `jose`, refetched when an unknown key id appears), issuer, audience and expiry.
 * A valid token without any known role is refused like a bad one.
 */
export function jwtVerifier(settings: JwtSettings): JwtVerifier {
  const keys = createRemoteJWKSet(new URL(settings.jwksUrl));
  return async (token) => {
    try {
      // Without `exp` a token would never expire: required, like the subject.
      const { payload } = await jwtVerify(token, keys, { issuer: settings.issuer, audience: settings.audience, clockTolerance: 30, requiredClaims: ['exp', 'sub'] });
      const { roles } = parseRoles(claimAt(payload, settings.rolesClaim));
      if (!roles.length || !payload.sub) return null;
      return principal('jwt', `jwt:${settings.issuer}#${payload.sub}`.slice(0, 200), payload.sub.slice(0, 200), roles);
    } catch (err) {
      // A bad token is the caller's problem (401); an identity provider we cannot reach is ours (503).
      if (err instanceof errors.JOSEError && !unreachable.has(err.code)) return null;
      throw new IdentityProviderUnavailable(err);
    }
  };
}

export function looksLikeJwt(credential: string): boolean {
  return /^[\w-]+\.[\w-]+\.[\w-]+$/.test(credential) && credential.length < 16_384;
}

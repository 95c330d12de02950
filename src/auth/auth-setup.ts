import type { DataSource } from 'typeorm';
import type { Logger } from 'pino';
import type { AppConfig } from '../config/config';
import { countActiveApiKeys, createApiKey } from './api-key.service';
import { type Authenticator, authDisabledCaller, createAuthenticator } from './authenticator';
import type { Principal } from './principal';
import { loadPseudonymizer, type Pseudonymizer } from './pseudonym';
import { Role } from './roles';

/** What the server needs to know callers: how to check a credential, and the pseudonym key. */
export interface AuthSetup {
  /** A function checking bearer credentials, or the one caller everybody is when AUTH_DISABLED=true. */
  authenticate: Authenticator | Principal;
  pseudonym: Pseudonymizer;
}

/** The server would be open to anyone: refused at startup (exit 78), like a configuration error. */
export class AuthSetupError extends Error {}

/**
 * Decides how callers are authenticated, before the server listens:
 * - AUTH_DISABLED=true: everyone is admin, with a warning at every start;
 * - the embedded demo database without any key: an admin key is created and printed once;
 * - any other database needs at least one active key or a JWT issuer, or the server refuses to start.
 */
export async function prepareAuth(config: AppConfig, ds: DataSource, log: Logger, print: (text: string) => void): Promise<AuthSetup> {
  const pseudonym = await loadPseudonymizer(ds);
  if (config.auth.disabled) {
    log.warn('AUTH_DISABLED=true: authentication is off and every caller is an admin; never do this where the API is reachable by others');
    return { authenticate: authDisabledCaller, pseudonym };
  }
  const keys = await countActiveApiKeys(ds);
  if (keys === 0 && config.database.kind === 'sqlite' && config.database.embedded) {
    const { key, record } = await createApiKey(ds, { roles: [Role.ADMIN], label: 'first start of the embedded database', createdBy: 'first-start' });
    log.info({ key: record.prefix }, 'created the first admin API key');
    print([
      '',
      'First start: an admin API key was created. It is shown this once; only its hash is stored.',
      '',
      `    ${key}`,
      '',
      'Send it as a header with every request, e.g. in the explorer\'s "Headers" tab:',
      `    Authorization: Bearer ${key}`,
      'Create keys for apps and tools with `npm run keys -- create --role reader --label "my app"`.',
      '',
    ].join('\n'));
  } else if (keys === 0 && !config.auth.jwt) {
    throw new AuthSetupError([
      'Refusing to start: no API key exists on this database and no JWT issuer is configured, so nobody could call the API.',
      '  - create an admin key: DATABASE_URL=... npm run keys -- create --role admin --label "ops"',
      '  - or configure AUTH_JWT_ISSUER, AUTH_JWT_AUDIENCE and AUTH_JWT_JWKS_URL',
      '  - or, for a private test only, set AUTH_DISABLED=true',
    ].join('\n'));
  }
  return { authenticate: createAuthenticator(ds, config.auth.jwt, log), pseudonym };
}

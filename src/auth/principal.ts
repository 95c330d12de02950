import { permissionsOf, type Permission, type Role } from './roles';

/** Who is calling: resolved once per request from its credential, before any GraphQL runs. */
export interface Principal {
  /** How the caller proved who it is. `disabled`: AUTH_DISABLED=true, everyone is admin. */
  via: 'api-key' | 'jwt' | 'disabled' | 'cli';
  /** Stable and safe to log and audit: the key's prefix, or the token's issuer and subject. Never a secret. */
  id: string;
  /** The key's label or the token's subject, for people reading the audit log. */
  label: string;
  roles: readonly Role[];
  can(permission: Permission): boolean;
}

export function principal(via: Principal['via'], id: string, label: string, roles: readonly Role[]): Principal {
  const granted = permissionsOf(roles);
  return { via, id, label, roles, can: (p) => granted.has(p) };
}

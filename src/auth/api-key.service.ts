import { type DataSource, IsNull } from 'typeorm';
import { fromSqlDate } from '../db/sql-date';
import { ApiKey } from './api-key.entity';
import { hashApiKey, newApiKey } from './api-key.secret';
import { type Role, allRoles, parseRoles } from './roles';

export interface NewKeyInput {
  roles: readonly string[];
  label: string;
  createdBy: string;
}

/** Thrown for a bad role or label; the CLI prints it, GraphQL turns it into BAD_USER_INPUT. */
export class ApiKeyInputError extends Error {
  constructor(readonly field: 'roles' | 'label', message: string) {
    super(message);
  }
}

export function checkNewKey(input: NewKeyInput): { roles: Role[]; label: string } {
  const { roles, unknown } = parseRoles(input.roles);
  if (unknown.length) throw new ApiKeyInputError('roles', `unknown role ${unknown.map((u) => `"${u}"`).join(', ')}; roles are ${allRoles.join(', ')}`);
  if (!roles.length) throw new ApiKeyInputError('roles', `at least one role is needed: ${allRoles.join(', ')}`);
  const label = input.label.trim();
  if (!label || label.length > 200) throw new ApiKeyInputError('label', 'a label of 1 to 200 characters is needed, e.g. "Metabase"');
  return { roles, label };
}

/** Creates a key and returns it with its record: the only time the key itself exists outside the caller. */
export async function createApiKey(ds: DataSource, input: NewKeyInput): Promise<{ key: string; record: ApiKey }> {
  const { roles, label } = checkNewKey(input);
  const { key, prefix, secretHash } = newApiKey();
  const record = ds.getRepository(ApiKey).create({
    prefix, secretHash, roles: roles.join(','), label, createdBy: input.createdBy.slice(0, 200),
    createdAt: new Date(), lastUsedAt: null, revokedAt: null,
  });
  // Key writes in transactions of their own: on SQLite's one connection, a bare write made while
  // another request's transaction is open would join it, and vanish if that one rolled back.
  await ds.transaction((m) => m.getRepository(ApiKey).insert(record));
  return { key, record };
}

export function listApiKeys(ds: DataSource, includeRevoked: boolean): Promise<ApiKey[]> {
  return ds.getRepository(ApiKey).find({ where: includeRevoked ? {} : { revokedAt: IsNull() }, order: { id: 'ASC' } });
}

/** Revokes the key with this prefix; null when there is none. Revoking twice keeps the first time. */
export async function revokeApiKey(ds: DataSource, prefix: string): Promise<ApiKey | null> {
  const repo = ds.getRepository(ApiKey);
  const key = await repo.findOneBy({ prefix });
  if (!key) return null;
  if (!key.revokedAt) {
    key.revokedAt = new Date();
    await ds.transaction((m) => m.getRepository(ApiKey).update({ id: key.id }, { revokedAt: key.revokedAt }));
  }
  return key;
}

export function countActiveApiKeys(ds: DataSource): Promise<number> {
  return ds.getRepository(ApiKey).countBy({ revokedAt: IsNull() });
}

/** What a request needs of its key. */
export interface ActiveKey {
  id: number;
  prefix: string;
  label: string;
  roles: string;
  lastUsedAt: Date | null;
}

/**
 * The active key whose hash matches, read on every request so that a revocation holds on every
 * replica at once: one statement on the unique hash index, without an entity's overhead.
 */
export async function findActiveKey(ds: DataSource, key: string): Promise<ActiveKey | null> {
  const rows = await ds.query('SELECT id, prefix, label, roles, last_used_at FROM api_key WHERE secret_hash = ? AND revoked_at IS NULL', [hashApiKey(key)]) as
    { id: number; prefix: string; label: string; roles: string; last_used_at: unknown }[];
  const row = rows[0];
  return row ? { id: Number(row.id), prefix: row.prefix, label: row.label, roles: row.roles, lastUsedAt: fromSqlDate(row.last_used_at) } : null;
}

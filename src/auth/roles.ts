/**
 * What a caller may do. Each permission names one capability; the schema's descriptions name the
 * permission a field or mutation needs, and FORBIDDEN errors name the one that was missing.
 */
export const Permission = {
  /** Read the customer graph, metrics, segments, model runs (personal fields masked without `pii:read`). */
  GRAPH_READ: 'graph:read',
  /** See personal fields unmasked, and filter or sort by them. */
  PII_READ: 'pii:read',
  /** Upsert customers, record interactions, link and unlink customers. */
  DATA_WRITE: 'data:write',
  /** Run backtests of CLV and churn models. */
  BACKTEST_RUN: 'backtest:run',
  /** Erase customers' personal data. */
  CUSTOMER_ERASE: 'customer:erase',
  /** Create, edit and delete STATIC and RULE segments, and STATIC segments' members. */
  SEGMENT_MANAGE: 'segment:manage',
  /** Queue metric refreshes. */
  METRICS_REFRESH: 'metrics:refresh',
  /** Scrape `GET /metrics` (Prometheus): request rates and latencies by operation name, refresh outcomes; no customer data. */
  MONITORING_READ: 'monitoring:read',
  /** Create, list and revoke API keys; read the audit log. */
  ADMIN: 'admin',
} as const;
export type Permission = (typeof Permission)[keyof typeof Permission];

/** The roles a key or a token carries; a caller with several roles has the union of their permissions. */
export const Role = { READER: 'reader', ANALYST: 'analyst', WRITER: 'writer', MONITOR: 'monitor', ADMIN: 'admin' } as const;
export type Role = (typeof Role)[keyof typeof Role];
export const allRoles: readonly Role[] = Object.values(Role);

const P = Permission;
const grants: Record<Role, readonly Permission[]> = {
  // Client apps: the graph, personal data included.
  reader: [P.GRAPH_READ, P.PII_READ],
  // BI tools and data teams: everything but personal data; backtests and segments.
  analyst: [P.GRAPH_READ, P.BACKTEST_RUN, P.SEGMENT_MANAGE],
  // Ingest services: writes, and reading back what they wrote without personal data.
  writer: [P.GRAPH_READ, P.DATA_WRITE],
  // Prometheus: /metrics only, no GraphQL field.
  monitor: [P.MONITORING_READ],
  admin: Object.values(P),
};

/** Which roles hold a permission, for the schema's descriptions ("reader, admin"). */
export function rolesGranting(permission: Permission): Role[] {
  return allRoles.filter((r) => grants[r].includes(permission));
}

export function permissionsOf(roles: readonly Role[]): ReadonlySet<Permission> {
  return new Set(roles.flatMap((r) => grants[r]));
}

/** Parses "writer,reader" (as given to the CLI, stored on a key or carried in a token claim). */
export function parseRoles(value: unknown): { roles: Role[]; unknown: string[] } {
  const items = Array.isArray(value) ? value.map(String) : typeof value === 'string' ? value.split(/[\s,]+/) : [];
  const names = items.map((s) => s.trim().toLowerCase()).filter(Boolean);
  const roles = [...new Set(names.filter((n): n is Role => (allRoles as readonly string[]).includes(n)))];
  return { roles, unknown: names.filter((n) => !(allRoles as readonly string[]).includes(n)) };
}

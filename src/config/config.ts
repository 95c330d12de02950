import path from 'node:path';
import { configSchema } from './config.schema';
import type { JwtSettings } from '../auth/jwt.verifier';
import { parseDatabaseUrl, type DatabaseTarget, type MysqlTarget } from './database-url';

/** Validated server configuration, read once at startup. */
export interface AppConfig {
  port: number;
  host: string;
  database: DatabaseTarget;
  /**
   * DATABASE_READ_URL: a replica of `database` that GraphQL query operations and exports read from
   * while it is usable (mutations and background work always use `database`); null: none.
   */
  readDatabase: MysqlTarget | null;
  logLevel: string;
  pageSizeDefault: number;
  pageSizeMax: number;
  batchSizeMax: number;
  queryDepthMax: number;
  queryCostMax: number;
  queryAliasesMax: number;
  /** Introspection and the explorer (which needs it); schema details left out of errors when off. */
  introspection: boolean;
  /** Browser origins allowed to call the API (CORS); empty: none. */
  corsOrigins: string[];
  /** A backtest through the API stops after this long (the CLI has no limit). */
  backtestTimeLimitSeconds: number;
  /** customerStats, interactionStats, cohortRetention: MySQL/MariaDB stop their statement after this long. */
  aggregateTimeLimitSeconds: number;
  /** Refreshes one caller may have queued or running at once. */
  refreshesQueuedPerCaller: number;
  /** How replicas share refresh work: lease time, polling, and the wait for identical requests to join. */
  refreshCoordination: { leaseMs: number; pollMs: number; gatherMs: number };
  /** Worker threads that run model fits off the request thread. */
  computeThreads: number;
  /** Each caller's budget of cost points per window; shared through Redis when REDIS_URL is set. */
  rateLimit: { points: number; windowSeconds: number; redisUrl: string | undefined };
  clockSkewMs: number;
  baseCurrency: string;
  shutdownTimeoutMs: number;
  /** Size and seed of the demo data written on the first start of the embedded database. */
  demo: { customers: number; seed: number };
  /** When rule segments are fully re-evaluated between refreshes, and how long segment entries and exits are kept. */
  segmentRules: { intervalMinutes: number; changesRetentionDays: number; concurrency: number };
  /** `GET /metrics` (Prometheus): `anonymous` answers without a credential; otherwise it needs `monitoring:read`. */
  monitoring: { anonymous: boolean };
  /** The metrics configuration file and the METRICS_SELECT override. */
  metrics: { configFile: string; explicit: boolean; select: string | undefined };
  auth: {
    /** AUTH_DISABLED=true: every caller is an admin (logged as a warning at every start). */
    disabled: boolean;
    /** Bearer tokens of the company's identity provider, when configured. */
    jwt: JwtSettings | null;
    /** Trait and interaction-metadata keys holding personal data, masked like the personal fields. */
    piiKeys: ReadonlySet<string>;
  };
}

/** Thrown at startup with every configuration problem at once, never just the first. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  // Empty variables count as unset, so `PORT= npm start` means "use the default".
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = configSchema.safeParse(present);
  const problems = parsed.success
    ? []
    : parsed.error.issues.map((i) => `${i.path.join('.') || 'config'}: ${i.message}`);
  let database: DatabaseTarget | undefined;
  let readDatabase: MysqlTarget | null = null;
  if (parsed.success) {
    const c = parsed.data;
    try {
      database = c.DATABASE_URL
        ? parseDatabaseUrl(c.DATABASE_URL, c.DB_POOL_SIZE)
        : { kind: 'sqlite', file: path.resolve(c.DATA_DIR, 'customer-graph.sqlite'), embedded: true };
    } catch (e) {
      problems.push(`DATABASE_URL: ${(e as Error).message}`);
    }
    try {
      const replica = c.DATABASE_READ_URL ? parseDatabaseUrl(c.DATABASE_READ_URL, c.DB_POOL_SIZE, 'DATABASE_READ_URL') : null;
      // Always MySQL: the schema allows only mysql:// and mariadb:// here.
      if (replica?.kind === 'mysql') readDatabase = replica;
    } catch (e) {
      problems.push(`DATABASE_READ_URL: ${(e as Error).message}`);
    }
  }
  if (!parsed.success || !database || problems.length > 0) throw new ConfigError(problems);
  const c = parsed.data;
  return {
    port: c.PORT,
    host: c.HOST ?? (database.kind === 'sqlite' && database.embedded ? '127.0.0.1' : '0.0.0.0'),
    database,
    readDatabase,
    logLevel: c.LOG_LEVEL,
    pageSizeDefault: c.PAGE_SIZE_DEFAULT,
    pageSizeMax: c.PAGE_SIZE_MAX,
    batchSizeMax: c.BATCH_SIZE_MAX,
    queryDepthMax: c.QUERY_DEPTH_MAX,
    queryCostMax: c.QUERY_COST_MAX,
    queryAliasesMax: c.QUERY_ALIASES_MAX,
    introspection: c.GRAPHQL_INTROSPECTION ? c.GRAPHQL_INTROSPECTION === 'true' : database.kind === 'sqlite' && database.embedded,
    corsOrigins: (c.CORS_ORIGINS ?? '').split(',').map((o) => o.trim()).filter(Boolean),
    backtestTimeLimitSeconds: c.BACKTEST_TIME_LIMIT_SECONDS,
    aggregateTimeLimitSeconds: c.AGGREGATE_TIME_LIMIT_SECONDS,
    refreshesQueuedPerCaller: c.REFRESHES_QUEUED_PER_CALLER,
    refreshCoordination: { leaseMs: c.REFRESH_LEASE_SECONDS * 1000, pollMs: c.REFRESH_POLL_MS, gatherMs: c.REFRESH_GATHER_MS },
    computeThreads: c.COMPUTE_THREADS,
    rateLimit: { points: c.RATE_LIMIT_POINTS, windowSeconds: c.RATE_LIMIT_WINDOW_SECONDS, redisUrl: c.REDIS_URL },
    clockSkewMs: c.CLOCK_SKEW_SECONDS * 1000,
    baseCurrency: c.BASE_CURRENCY,
    shutdownTimeoutMs: c.SHUTDOWN_TIMEOUT_MS,
    demo: { customers: c.DEMO_CUSTOMERS, seed: c.DEMO_SEED },
    segmentRules: { intervalMinutes: c.SEGMENT_RULES_INTERVAL_MINUTES, changesRetentionDays: c.SEGMENT_CHANGES_RETENTION_DAYS, concurrency: c.SEGMENT_RULES_CONCURRENCY },
    monitoring: { anonymous: c.MONITORING_ANONYMOUS === 'true' },
    metrics: {
      // Relative to the working directory, like every other path the server is given.
      configFile: path.resolve(c.METRICS_CONFIG ?? 'metrics.config.json'),
      explicit: c.METRICS_CONFIG !== undefined,
      select: c.METRICS_SELECT,
    },
    auth: {
      disabled: c.AUTH_DISABLED === 'true',
      jwt: c.AUTH_JWT_ISSUER && c.AUTH_JWT_AUDIENCE && c.AUTH_JWT_JWKS_URL
        ? { issuer: c.AUTH_JWT_ISSUER, audience: c.AUTH_JWT_AUDIENCE, jwksUrl: c.AUTH_JWT_JWKS_URL, rolesClaim: c.AUTH_JWT_ROLES_CLAIM }
        : null,
      piiKeys: new Set((c.PII_KEYS ?? '').split(',').map((k) => k.trim()).filter(Boolean)),
    },
  };
}

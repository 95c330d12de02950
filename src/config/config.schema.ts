import { z } from 'zod';
import { DEFAULT_COMPUTE_THREADS } from '../compute/off-thread';

const int = (min: number, max: number, fallback: number) =>
  z.coerce.number().int().min(min).max(max).default(fallback);

/**
 * Every environment variable the server reads, with its default.
 * The README's configuration table documents the same list.
 */
export const configSchema = z
  .object({
    PORT: int(0, 65535, 4000),
    // Default: 127.0.0.1 on the embedded database (a demo), 0.0.0.0 with DATABASE_URL (a deployment).
    HOST: z.string().min(1).optional(),
    DATABASE_URL: z
      .string()
      .regex(/^(mysql|mariadb|sqlite):/, 'must start with mysql://, mariadb:// or sqlite:')
      .optional(),
    // A replica of DATABASE_URL's database that GraphQL queries and exports read from (see src/server/read-routing.ts).
    DATABASE_READ_URL: z
      .string()
      .regex(/^(mysql|mariadb):/, 'must start with mysql:// or mariadb://')
      .optional(),
    DATA_DIR: z.string().min(1).default('data'),
    DB_POOL_SIZE: int(1, 200, 10),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    PAGE_SIZE_DEFAULT: int(1, 10_000, 50),
    PAGE_SIZE_MAX: int(1, 10_000, 500),
    // At most 10,000: lists of a request stay far below the databases' limits on bound parameters.
    BATCH_SIZE_MAX: int(1, 10_000, 1000),
    QUERY_DEPTH_MAX: int(2, 50, 10),
    QUERY_COST_MAX: int(100, 10_000_000, 100_000),
    QUERY_ALIASES_MAX: int(1, 1000, 50),
    RATE_LIMIT_POINTS: int(0, 1_000_000_000, 2_000_000),
    RATE_LIMIT_WINDOW_SECONDS: int(1, 86_400, 60),
    BACKTEST_TIME_LIMIT_SECONDS: int(1, 86_400, 120),
    AGGREGATE_TIME_LIMIT_SECONDS: int(1, 3600, 30),
    REFRESHES_QUEUED_PER_CALLER: int(1, 100, 3),
    // A dead refresh leader's lease passes to another replica after this long.
    REFRESH_LEASE_SECONDS: int(2, 3600, 30),
    // How often replicas try to take the refresh lease and the holder looks for queued refreshes.
    REFRESH_POLL_MS: int(50, 60_000, 1000),
    // How long a queued refresh waits for identical requests from other replicas to join it.
    REFRESH_GATHER_MS: int(0, 60_000, 500),
    // Worker threads for model fits; default: every core but one.
    COMPUTE_THREADS: int(1, 256, DEFAULT_COMPUTE_THREADS),
    // Default: on for the embedded demo database, off with DATABASE_URL (a deployment).
    GRAPHQL_INTROSPECTION: z.enum(['true', 'false']).optional(),
    CORS_ORIGINS: z.string().optional(),
    REDIS_URL: z.string().regex(/^rediss?:\/\//, 'must start with redis:// or rediss://').optional(),
    CLOCK_SKEW_SECONDS: int(0, 86_400, 300),
    BASE_CURRENCY: z
      .string()
      .regex(/^[A-Z]{3}$/, 'must be a 3-letter ISO 4217 code such as USD')
      .default('USD'),
    SHUTDOWN_TIMEOUT_MS: int(0, 600_000, 10_000),
    DEMO_CUSTOMERS: int(0, 1_000_000, 3000),
    DEMO_SEED: int(0, 2_147_483_647, 42),
    METRICS_CONFIG: z.string().min(1).optional(),
    METRICS_SELECT: z.string().optional(),
    AUTH_DISABLED: z.enum(['true', 'false']).default('false'),
    // GET /metrics without a credential: for a port only Prometheus reaches, or scrapes that must not need the database.
    MONITORING_ANONYMOUS: z.enum(['true', 'false']).default('false'),
    AUTH_JWT_ISSUER: z.string().min(1).optional(),
    AUTH_JWT_AUDIENCE: z.string().min(1).optional(),
    AUTH_JWT_JWKS_URL: z.url({ protocol: /^https?$/ }).optional(),
    AUTH_JWT_ROLES_CLAIM: z.string().min(1).default('roles'),
    PII_KEYS: z.string().optional(),
    // Full re-evaluations of rule segments between refreshes, for rules that read the clock; 0: only after refreshes.
    SEGMENT_RULES_INTERVAL_MINUTES: int(0, 10_080, 60),
    SEGMENT_CHANGES_RETENTION_DAYS: int(1, 3650, 90),
    // Customer ranges of one rule segment evaluated at once (MySQL/MariaDB), each on its own connection.
    SEGMENT_RULES_CONCURRENCY: int(1, 16, 2),
  })
  .refine((c) => [c.AUTH_JWT_ISSUER, c.AUTH_JWT_AUDIENCE, c.AUTH_JWT_JWKS_URL].every((v) => v === undefined) || [c.AUTH_JWT_ISSUER, c.AUTH_JWT_AUDIENCE, c.AUTH_JWT_JWKS_URL].every((v) => v !== undefined), {
    message: 'set AUTH_JWT_ISSUER, AUTH_JWT_AUDIENCE and AUTH_JWT_JWKS_URL together, or none of them',
    path: ['AUTH_JWT_ISSUER'],
  })
  .refine((c) => c.DATABASE_READ_URL === undefined || /^(mysql|mariadb):/.test(c.DATABASE_URL ?? ''), {
    message: 'DATABASE_READ_URL needs a MySQL/MariaDB DATABASE_URL: it names a replica of that database (SQLite has none)',
    path: ['DATABASE_READ_URL'],
    // Also when other settings are wrong, so that this problem is listed with theirs.
    when: (p) => !p.issues.some((i) => i.path?.[0] === 'DATABASE_URL' || i.path?.[0] === 'DATABASE_READ_URL'),
  })
  .refine((c) => c.PAGE_SIZE_DEFAULT <= c.PAGE_SIZE_MAX, {
    message: 'PAGE_SIZE_DEFAULT must not exceed PAGE_SIZE_MAX',
    path: ['PAGE_SIZE_DEFAULT'],
  })
  // A rule segment evaluation holds one connection for its lock and one per range it evaluates.
  .refine((c) => c.SEGMENT_RULES_CONCURRENCY < c.DB_POOL_SIZE, {
    message: 'SEGMENT_RULES_CONCURRENCY must be less than DB_POOL_SIZE',
    path: ['SEGMENT_RULES_CONCURRENCY'],
  });

export type RawConfig = z.infer<typeof configSchema>;

import 'reflect-metadata';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print, type GraphQLFormattedError } from 'graphql';
import type { DataSource } from 'typeorm';
import type { DatabaseTarget } from '../../src/config/database-url';
import { createApiKey } from '../../src/auth/api-key.service';
import { prepareAuth } from '../../src/auth/auth-setup';
import { Role } from '../../src/auth/roles';
import { type AppConfig, loadConfig } from '../../src/config/config';
import { createLogger } from '../../src/common/logger';
import { openDatabase } from '../../src/db/open-database';
import { createMetricsRuntime, loadMetricsSetup } from '../../src/metrics/host/create-metrics-runtime';
import type { MetricsRuntime } from '../../src/metrics/host/metrics-runtime';
import type { ServerMonitoring } from '../../src/monitoring/server-monitoring.types';
import { sqlCounter } from '../../src/db/sql-counter';
import { type RunningServer, startServer } from '../../src/server/app';
import { databaseUrlOf } from './database-url';
import { createTestDatabase, type TestDatabase } from './test-database';

export interface GqlResult<T> {
  status: number;
  data: T | null | undefined;
  errors: GraphQLFormattedError[] | undefined;
  headers: Headers;
}

export interface TestApp {
  url: string;
  baseUrl: string;
  ds: DataSource;
  config: AppConfig;
  metrics: MetricsRuntime;
  /** The server's Prometheus metrics, as main.ts reaches them (RunningServer.monitoring). */
  monitoring: ServerMonitoring;
  /** The admin key every request carries unless `headers` name another credential. */
  adminKey: string;
  /** Creates an API key with these roles and returns it. */
  createKey(roles: Role[]): Promise<string>;
  /** POSTs an operation to the running server over real HTTP. */
  gql<T, V>(doc: TypedDocumentNode<T, V>, variables?: V, headers?: Record<string, string>): Promise<GqlResult<T>>;
  /** Like gql, but fails the test on any GraphQL error and returns the data. */
  ok<T, V>(doc: TypedDocumentNode<T, V>, variables?: V): Promise<T>;
  /** Runs fn and returns how many SQL statements the server ran meanwhile. */
  countStatements(fn: () => Promise<unknown>): Promise<number>;
  close(): Promise<void>;
}

/**
 * Starts the real server on a free port over a fresh database with migrations applied. `settings`:
 * environment variables, or a function of the fresh database returning them (a DATABASE_READ_URL naming it).
 */
export async function startTestApp(settings: Record<string, string> | ((db: DatabaseTarget) => Record<string, string>) = {}): Promise<TestApp> {
  const db: TestDatabase = await createTestDatabase();
  const env = typeof settings === 'function' ? settings(db.target) : settings;
  const config = { ...loadConfig({
    PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent', DATABASE_URL: databaseUrlOf(db.target), GRAPHQL_INTROSPECTION: 'true',
    // A test's refreshes run at once: no other replica's identical request to wait for.
    REFRESH_GATHER_MS: '0', ...env,
  }), database: db.target };
  const log = createLogger(config.logLevel);
  const ds = await openDatabase(db.target, log);
  const metrics = await createMetricsRuntime(await loadMetricsSetup(config), config, ds, log);
  const createKey = async (roles: Role[]) => (await createApiKey(ds, { roles, label: `test ${roles.join('+')}`, createdBy: 'test' })).key;
  const adminKey = await createKey([Role.ADMIN]);
  const auth = await prepareAuth(config, ds, log, () => {});
  const server: RunningServer = await startServer({ config, ds, log, metrics, auth });

  const gql = async <T, V>(doc: TypedDocumentNode<T, V>, variables?: V, headers: Record<string, string> = {}) => {
    const res = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${adminKey}`, ...headers },
      body: JSON.stringify({ query: print(doc), variables }),
    });
    const body = (await res.json()) as { data?: T | null; errors?: GraphQLFormattedError[] };
    return { status: res.status, data: body.data, errors: body.errors, headers: res.headers };
  };
  return {
    url: server.url,
    baseUrl: server.url.replace(/\/graphql$/, ''),
    ds,
    config,
    metrics,
    monitoring: server.monitoring,
    adminKey,
    createKey,
    gql,
    async ok(doc, variables) {
      const r = await gql(doc, variables);
      if (r.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(r.errors, null, 2)}`);
      return r.data as NonNullable<typeof r.data>;
    },
    async countStatements(fn) {
      const before = sqlCounter.total();
      await fn();
      return sqlCounter.total() - before;
    },
    async close() {
      await server.stop();
      await metrics.stop();
      await ds.destroy();
      await db.drop();
    },
  };
}

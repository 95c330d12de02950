import type { DataSource } from 'typeorm';
import type { Logger } from 'pino';
import { createApiKey } from '../auth/api-key.service';
import { prepareAuth } from '../auth/auth-setup';
import { Role } from '../auth/roles';
import type { AppConfig } from '../config/config';
import type { MetricsRuntime } from '../metrics/host/metrics-runtime';
import { type RunningServer, startServer } from '../server/app';
import type { GraphqlEndpoint } from './graphql.client';

/**
 * The real server with authentication on, as deployed: the benchmarks call it with a reader and
 * writer key (not admin, which skips the permission check), so every figure includes the key check.
 */
export async function startBenchServer(config: AppConfig, ds: DataSource, log: Logger, metrics: MetricsRuntime): Promise<{ server: RunningServer; endpoint: GraphqlEndpoint }> {
  const { key } = await createApiKey(ds, { roles: [Role.READER, Role.WRITER, Role.ANALYST], label: 'benchmark', createdBy: 'bench' });
  const auth = await prepareAuth(config, ds, log, () => {});
  const server = await startServer({ config, ds, log, metrics, auth });
  return { server, endpoint: { url: server.url, headers: { authorization: `Bearer ${key}` } } };
}

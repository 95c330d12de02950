import http from 'node:http';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginInlineTraceDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import cors from 'cors';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import { accessControlPlugin } from '../auth/access-control.plugin';
import { auditPlugin } from '../auth/audit.plugin';
import { authenticateRequests } from '../auth/authenticate.middleware';
import type { Principal } from '../auth/principal';
import { sqlCounter, type SqlTally } from '../db/sql-counter';
import { createContext, type GraphContext, type ServerDeps } from '../graphql/context';
import { RuleSegments } from '../segments/rules/rule-segments';
import { customerExportRoutes } from '../analytics/customer-export.routes';
import { createCostBudget } from '../graphql/cost-budget';
import { costLimitPlugin } from '../graphql/cost-limit.plugin';
import { inputBoundsPlugin } from '../graphql/input-bounds.plugin';
import { queryShapeRules } from '../graphql/query-shape.rules';
import { unavailableStatusPlugin } from '../graphql/unavailable-status.plugin';
import { SegmentCountCache } from '../segments/segment-count.cache';
import { formatError } from '../graphql/format-error';
import { requestLogPlugin } from '../graphql/request-log.plugin';
import { readRoutingPlugin } from '../graphql/read-routing.plugin';
import { buildAppSchema } from '../graphql/schema';
import { representationLimitPlugin } from '../federation/representation-limit.plugin';
import { serviceSdlRules } from '../federation/service-sdl.rules';
import { monitoringRoutes } from '../monitoring/monitoring.routes';
import { operationMetricsPlugin } from '../monitoring/operation-metrics.plugin';
import { PrometheusMonitoring } from '../monitoring/prometheus.registry';
import type { ServerMonitoring } from '../monitoring/server-monitoring.types';
import { dashboardRoutes } from './dashboard.routes';
import { explorerRoutes } from './explorer.routes';
import { healthRoutes } from './health.routes';
import { httpErrorHandler } from './http-errors';
import { ReadRouting } from './read-routing';

export interface RunningServer {
  url: string;
  port: number;
  /** This server's Prometheus metrics (`GET /metrics`): report refresh runs and the leader probe here. */
  monitoring: ServerMonitoring;
  /** Stops accepting requests, lets in-flight ones finish, then returns. Does not close the database. */
  stop(): Promise<void>;
}

/** Starts the HTTP server: `/graphql`, `/metrics`, `/healthz`, `/readyz`. */
export async function startServer(deps: ServerDeps): Promise<RunningServer> {
  const { config, ds, log } = deps;
  const schema = await buildAppSchema();
  // Rule segments follow the server's writes and the metrics runtime's refreshes.
  const segments = new RuleSegments(ds, deps.metrics, log, config.segmentRules);
  segments.start();
  const contextDeps = { ...deps, segments };
  // Query operations and exports read from DATABASE_READ_URL's replica while it is usable; everything else uses `ds`.
  const reads = new ReadRouting(ds, () => deps.metrics.currentRuns.get(), config.readDatabase, log);
  await reads.start();
  const monitoring = new PrometheusMonitoring({ ds, log });
  // Counted by the process that ran them: with several replicas, the one holding the refresh lease.
  deps.metrics.onRefreshed(async (runs) => runs.forEach((run) => monitoring.observeRefreshRun(run)));
  monitoring.setLeaderProbe(() => deps.metrics.coordinator.isLeader);
  const app = express();
  const httpServer = http.createServer(app);
  const budget = createCostBudget(config.rateLimit, log);
  const apollo = new ApolloServer<GraphContext>({
    schema,
    validationRules: [...queryShapeRules(config), ...serviceSdlRules(config)],
    formatError: formatError(log),
    includeStacktraceInErrorResponses: false,
    introspection: config.introspection,
    // Without introspection, "Did you mean ...?" hints would leak the schema one field at a time.
    hideSchemaDetailsFromClientErrors: !config.introspection,
    // main.ts owns SIGINT/SIGTERM (drain, stop the metrics runtime, close the database); Apollo's
    // own handlers, installed outside NODE_ENV=test, raced it and held every shutdown until its timeout.
    stopOnTerminationSignals: false,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      // No cache hints are used; Apollo's default cache-control plugin wraps every field resolver.
      ApolloServerPluginCacheControlDisabled(),
      // The schema is a federation subgraph, for which Apollo would record per-field traces (ftv1) for
      // any caller that asks; there is no Apollo Studio here to read them.
      ApolloServerPluginInlineTraceDisabled(),
      // The explorer is ours (explorer.routes.ts): served locally, no CDN.
      ApolloServerPluginLandingPageDisabled(),
      readRoutingPlugin(reads),
      accessControlPlugin(),
      // Before inputBoundsPlugin, so that too many representations get their own message.
      representationLimitPlugin(config),
      inputBoundsPlugin(config),
      costLimitPlugin(schema, config, budget, new SegmentCountCache(ds)),
      auditPlugin(),
      unavailableStatusPlugin(),
      requestLogPlugin(),
      operationMetricsPlugin(monitoring),
    ],
  });
  await apollo.start();

  app.disable('x-powered-by');
  app.use(healthRoutes(ds, log, () => reads.status()));
  // Before authentication, so that browsers' preflight requests (which carry no credential) get their answer.
  app.use('/graphql', cors({ origin: config.corsOrigins, allowedHeaders: ['content-type', 'authorization', 'x-request-id', 'apollo-require-preflight'], exposedHeaders: ['x-request-id', 'x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-reset', 'retry-after'], maxAge: 600 }));
  if (config.introspection) app.use(explorerRoutes());
  app.use('/graphql', authenticateRequests(deps.auth.authenticate, log));
  app.use('/export', authenticateRequests(deps.auth.authenticate, log));
  if (config.monitoring.anonymous) log.info('MONITORING_ANONYMOUS=true: GET /metrics answers without a credential');
  else app.use('/metrics', authenticateRequests(deps.auth.authenticate, log));
  app.use(monitoringRoutes(monitoring, config.monitoring));
  app.use(customerExportRoutes({ ds, reads, config, metrics: deps.metrics, log, schema }));
  app.use('/graphql', (req, res, next) => {
    // Every operation gets an id: the caller's X-Request-Id, or a new one, echoed back.
    const requestId = req.header('x-request-id')?.slice(0, 100) || randomUUID();
    res.setHeader('x-request-id', requestId);
    res.locals.requestId = requestId;
    res.locals.sql = { statements: 0 } satisfies SqlTally;
    sqlCounter.run(res.locals.sql as SqlTally, next);
  });
  app.use(
    '/graphql',
    // A full batch of 1,000 items with 16 KiB of JSON each must fit.
    express.json({ limit: '32mb' }),
    expressMiddleware(apollo, {
      context: async ({ res }) => createContext(contextDeps, res.locals.caller as Principal, res.locals.requestId as string, res.locals.sql as SqlTally),
    }),
  );

  app.use(dashboardRoutes());
  app.use(httpErrorHandler(log));

  await new Promise<void>((resolve) => httpServer.listen(config.port, config.host, resolve));
  const port = (httpServer.address() as AddressInfo).port;
  const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  return {
    url: `http://${host}:${port}/graphql`,
    port,
    monitoring,
    stop: async () => {
      await apollo.stop();
      await segments.stop();
      await reads.stop();
      await budget.close();
    },
  };
}

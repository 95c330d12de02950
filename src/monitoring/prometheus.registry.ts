import type { GraphQLFormattedError, OperationTypeNode } from 'graphql';
import type { Logger } from 'pino';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';
import type { DataSource } from 'typeorm';
import { ErrorCode, publicCodes } from '../graphql/errors';
import { RunStatus } from '../metrics/store/model-run.entity';
import { OperationNameCap } from './operation-names.cap';
import { ReadAtScrapeGauge } from './read-at-scrape.gauge';
import type { LeaderProbe, RefreshRunObservation, ServerMonitoring } from './server-monitoring.types';

/** Every metric this server exports starts with it, the process and Node.js defaults included. */
export const METRIC_PREFIX = 'customer_graph_';

/** A scrape gives up reading a gauge after this long, so that a database that hangs cannot hold it. */
const GAUGE_READ_DEADLINE_MS = 2000;

/** From a lookup by id (milliseconds) to a backtest at its default limit (120 s). */
const OPERATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 120];
/** From a SKIPPED run (milliseconds) to a refresh of millions of customers (an hour and more). */
const REFRESH_BUCKETS = [0.1, 1, 5, 15, 30, 60, 120, 300, 600, 1200, 1800, 3600, 7200];

const FINISHED: ReadonlySet<string> = new Set([RunStatus.SUCCEEDED, RunStatus.FAILED, RunStatus.SKIPPED]);

/** One GraphQL operation as answered. */
export interface ObservedOperation {
  /** Whether an operation of the document was resolved (it parsed and validated). */
  resolved: boolean;
  /** The resolved operation's name; null when it has none. */
  name: string | null | undefined;
  type: OperationTypeNode | undefined;
  /** The errors as the client got them (after formatError). */
  errors: readonly GraphQLFormattedError[] | undefined;
  seconds: number;
}

/**
 * `ok`, or the code of the first error the client got. The codes are a closed set (those
 * formatError lets through, and INTERNAL_SERVER_ERROR for everything it masks), so the label
 * stays bounded and reads like the responses and the logs.
 */
export function outcomeOf(errors: readonly GraphQLFormattedError[] | undefined): string {
  if (!errors?.length) return 'ok';
  const code = errors[0]!.extensions?.code;
  return typeof code === 'string' && publicCodes.has(code) ? code : ErrorCode.INTERNAL_SERVER_ERROR;
}

/** Counts waiting refresh runs: one statement, whatever replica queued them. */
async function countQueuedRuns(ds: DataSource): Promise<number> {
  const rows = (await ds.query('SELECT COUNT(*) AS n FROM model_run WHERE status = ?', [RunStatus.QUEUED])) as { n: number | string }[];
  return Number(rows[0]?.n ?? 0);
}

/** The server's metrics on a Prometheus registry of its own. */
export class PrometheusMonitoring implements ServerMonitoring {
  private readonly registry = new Registry();
  private readonly operationNames: OperationNameCap;
  private readonly requests: Counter<'operation_name' | 'operation_type' | 'outcome'>;
  private readonly latency: Histogram<'operation_name' | 'operation_type' | 'outcome'>;
  private readonly refreshRuns: Counter<'plugin' | 'outcome'>;
  private readonly refreshDuration: Histogram<'plugin' | 'outcome'>;
  private leaderProbe: LeaderProbe = () => false;

  constructor(deps: { ds: DataSource; log: Logger; operationNamesMax?: number }) {
    const registers = [this.registry];
    this.operationNames = new OperationNameCap(deps.operationNamesMax);
    collectDefaultMetrics({ register: this.registry, prefix: METRIC_PREFIX });
    const operationLabels = ['operation_name', 'operation_type', 'outcome'] as const;
    this.requests = new Counter({
      name: `${METRIC_PREFIX}graphql_requests_total`,
      help: 'GraphQL operations answered, by operation name (capped), type, and outcome (ok or the first error code).',
      labelNames: operationLabels, registers,
    });
    this.latency = new Histogram({
      name: `${METRIC_PREFIX}graphql_request_duration_seconds`,
      help: 'Time from receiving a GraphQL operation to sending its answer, by operation name (capped), type and outcome.',
      labelNames: operationLabels, buckets: OPERATION_BUCKETS, registers,
    });
    this.refreshRuns = new Counter({
      name: `${METRIC_PREFIX}refresh_runs_total`,
      help: 'Metric refresh runs finished by this process, by plugin and outcome (SUCCEEDED, FAILED, SKIPPED).',
      labelNames: ['plugin', 'outcome'], registers,
    });
    this.refreshDuration = new Histogram({
      name: `${METRIC_PREFIX}refresh_run_duration_seconds`,
      help: 'Duration of the metric refresh runs finished by this process, by plugin and outcome.',
      labelNames: ['plugin', 'outcome'], buckets: REFRESH_BUCKETS, registers,
    });
    // The gauges register themselves and are read at scrape time.
    new ReadAtScrapeGauge({
      name: `${METRIC_PREFIX}refresh_queue_length`,
      help: 'Model runs waiting (status QUEUED) in the database, whichever replica queued them; left out when the database does not answer.',
      registry: this.registry, read: () => countQueuedRuns(deps.ds), deadlineMs: GAUGE_READ_DEADLINE_MS, log: deps.log,
    });
    new ReadAtScrapeGauge({
      name: `${METRIC_PREFIX}refresh_leader`,
      help: '1 while this process holds the refresh lease (it runs the refreshes any replica queues), else 0.',
      registry: this.registry, read: () => (this.leaderProbe() ? 1 : 0), deadlineMs: GAUGE_READ_DEADLINE_MS, log: deps.log,
    });
  }

  observeRefreshRun(run: RefreshRunObservation): void {
    if (!FINISHED.has(run.status)) return;
    const labels = { plugin: run.plugin, outcome: run.status };
    this.refreshRuns.inc(labels);
    if (run.durationMs !== null && Number.isFinite(run.durationMs)) this.refreshDuration.observe(labels, run.durationMs / 1000);
  }

  setLeaderProbe(probe: LeaderProbe): void {
    this.leaderProbe = probe;
  }

  /** Records one answered GraphQL operation (see operationMetricsPlugin). */
  observeOperation(op: ObservedOperation): void {
    const labels = {
      operation_name: this.operationNames.label(op.resolved, op.name),
      operation_type: op.resolved && op.type ? op.type : 'unknown',
      outcome: outcomeOf(op.errors),
    };
    this.requests.inc(labels);
    this.latency.observe(labels, op.seconds);
  }

  /** The Prometheus text exposition and its content type. */
  async scrape(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}

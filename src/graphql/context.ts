import type { DataSource } from 'typeorm';
import type { Logger } from 'pino';
import type { AppConfig } from '../config/config';
import type { SqlTally } from '../db/sql-counter';
import type { MetricsRuntime } from '../metrics/host/metrics-runtime';
import { createLoaders, type Loaders } from './loaders';

/** What every resolver gets: the database, the config, this request's loaders and logger. */
export interface GraphContext {
  ds: DataSource;
  config: AppConfig;
  loaders: Loaders;
  log: Logger;
  requestId: string;
  /** One clock reading per request, so "days since" fields agree within a response. */
  now: Date;
  /** SQL statements this request has run so far. */
  sql: SqlTally;
  metrics: MetricsRuntime;
}

export interface ServerDeps {
  ds: DataSource;
  config: AppConfig;
  log: Logger;
  metrics: MetricsRuntime;
}

export function createContext(deps: ServerDeps, requestId: string, sql: SqlTally): GraphContext {
  const now = new Date();
  const log = deps.log.child({ requestId });
  return { ...deps, log, requestId, now, sql, loaders: createLoaders(deps.ds, deps.config, () => deps.metrics.currentRuns.get(), now) };
}

import type { DataSource } from 'typeorm';
import type { Logger } from 'pino';
import type { AuthSetup } from '../auth/auth-setup';
import type { Principal } from '../auth/principal';
import type { Pseudonymizer } from '../auth/pseudonym';
import type { AppConfig } from '../config/config';
import type { SqlTally } from '../db/sql-counter';
import type { MetricsRuntime } from '../metrics/host/metrics-runtime';
import type { RuleSegments } from '../segments/rules/rule-segments';
import type { ReadSource, ReadSourceName } from '../server/read-routing';
import { createLoaders, type Loaders } from './loaders';

/** What every resolver gets: the database, the config, this request's loaders and logger. */
export interface GraphContext {
  /**
   * Where this operation reads (and a mutation writes): the primary, or for a query operation the
   * read replica while it is usable (see readFrom), whose connections refuse writes.
   */
  ds: DataSource;
  /** The primary database, for what a request writes whatever its operation (the audit log). */
  primary: DataSource;
  /** Which database `ds` and `loaders` read from. */
  readsFrom: ReadSourceName;
  config: AppConfig;
  loaders: Loaders;
  log: Logger;
  requestId: string;
  /** One clock reading per request, so "days since" fields agree within a response. */
  now: Date;
  /** SQL statements this request has run so far. */
  sql: SqlTally;
  metrics: MetricsRuntime;
  /** Keeps RULE segments current. */
  segments: RuleSegments;
  /** Who is calling; authenticated before the operation was parsed. */
  caller: Principal;
  /** Masks personal values that serve as join keys (see src/auth/access-rules.ts). */
  pseudonym: Pseudonymizer;
}

export interface ServerDeps {
  ds: DataSource;
  config: AppConfig;
  log: Logger;
  metrics: MetricsRuntime;
  auth: AuthSetup;
}

/** What a request's context is built from: the server's dependencies and what it started itself. */
export interface ContextDeps extends ServerDeps {
  segments: RuleSegments;
}

export function createContext(deps: ContextDeps, caller: Principal, requestId: string, sql: SqlTally): GraphContext {
  const { ds, config, metrics, segments } = deps;
  const now = new Date();
  const log = deps.log.child({ requestId, caller: caller.id });
  return {
    ds, primary: ds, readsFrom: 'primary', config, metrics, segments, log, requestId, now, sql, caller, pseudonym: deps.auth.pseudonym,
    loaders: createLoaders(ds, config, () => metrics.currentRuns.get(), now),
  };
}

/**
 * Points the operation's reads (`ds` and fresh loaders) at `source`. Only before any resolver has
 * run: the context is made before the operation is parsed, so whether it is a query is known later.
 */
export function readFrom(ctx: GraphContext, source: ReadSource): void {
  if (ctx.readsFrom === source.name) return;
  ctx.ds = source.ds;
  ctx.readsFrom = source.name;
  ctx.loaders = createLoaders(source.ds, ctx.config, source.currentRuns, ctx.now);
}

import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { daysBetween } from '../../models/history/time-units';
import type { ServedSource } from '../metric-sources';
import type { LoadedPlugin, MetricsSetup } from '../metrics-setup';
import { mergeNeeds, needsOf, type PluginNeeds } from '../plugin-needs';
import type { ChurnValue, ClvValue, FittedModel, MetricContext, MetricProvider, ScoreOutcome } from '../plugin.contract';
import { population, restrictTo } from '../population';
import { streamFor, subjectsFor } from '../provider-subjects';
import { metricContext, readSources, streamOptions } from '../refresh-plugin';
import { scoreBatch } from '../score-batch';
import type { BacktestRequest } from './backtest-input';
import type { BacktestReport, PluginBacktest } from './backtest-report';
import { ChurnComparison } from './churn-comparison';
import { ClvComparison } from './clv-comparison';
import { type CustomerActuals, queryHoldoutActuals } from './holdout-actuals.query';

const NO_PURCHASES: CustomerActuals = { calibrationDays: 0, holdoutTransactions: 0, holdoutSpend: 0 };

/** Where the backtest runs and what it reports as it goes. */
export interface BacktestEnvironment {
  ds: DataSource;
  /** The loaded plugins, to find who serves the keys a plugin reads. */
  setup: MetricsSetup;
  currency: string;
  log: Logger;
  includeInternal: boolean;
  batchSize?: number;
  onProgress?: (event: { phase: 'fit'; plugin: string } | { phase: 'score'; customers: number }) => void;
}

/** One plugin under test: its provider of the kind, its context, and what it produced so far. */
interface Candidate {
  lp: LoadedPlugin;
  provider: MetricProvider<unknown>;
  needs: PluginNeeds;
  /** The served runs of the keys it reads. */
  reads: Map<string, ServedSource[]>;
  ctx: MetricContext<unknown>;
  model: FittedModel | null;
  error: string | null;
  fitMs: number;
  scoreMs: number;
  scored: number;
  comparison: ClvComparison | ChurnComparison;
}

function candidate(r: BacktestRequest, lp: LoadedPlugin, env: BacktestEnvironment, horizonDays: number): Candidate {
  const provider = lp.plugin.provides.find((p) => p.kind === r.kind) as MetricProvider<unknown>;
  return {
    lp, provider, needs: needsOf(lp), reads: new Map(),
    ctx: { ...metricContext(lp, r.calibrationEnd, env.currency, env.log), horizonDays },
    model: null, error: null, fitMs: 0, scoreMs: 0, scored: 0,
    comparison: r.kind === 'clv' ? new ClvComparison() : new ChurnComparison(),
  };
}

/** Fits like a refresh (the same stream, the same JSON round trip of the model), writing nothing. */
async function fit(c: Candidate, r: BacktestRequest, env: BacktestEnvironment): Promise<void> {
  const started = performance.now();
  try {
    c.reads = await readSources(env.ds, env.setup, c.needs);
    const stream = population(env.ds, { asOf: r.calibrationEnd, currency: env.currency, ...streamOptions(c.needs, c.reads), batchSize: env.batchSize, includeInternal: env.includeInternal });
    const fitted = c.provider.fit ? await c.provider.fit(streamFor(c.provider, stream), c.ctx) : { model: {} };
    c.model = JSON.parse(JSON.stringify(fitted.model)) as FittedModel;
  } catch (err) {
    c.error = String((err as Error)?.message ?? err).slice(0, 2000);
    env.log.warn({ plugin: c.lp.plugin.name, err }, 'backtest: fit failed');
  }
  c.fitMs = Math.round(performance.now() - started);
}

function pluginResult(c: Candidate): PluginBacktest {
  const base = { plugin: c.lp.plugin.name, version: c.lp.plugin.version, error: c.error, fitMs: c.fitMs, scoreMs: Math.round(c.scoreMs), customersScored: c.scored };
  const cov = c.comparison.coverage;
  const counts = { customersCompared: cov.compared, customersWithoutPrediction: cov.withoutPrediction, customersFailed: cov.failed, firstError: cov.firstError };
  if (c.error) return { ...base, ...counts, notes: ['fit failed: nothing was scored'], clv: null, churn: null };
  // Only the served values exist: a backtest cannot replay what they were at calibrationEnd.
  const reads = c.needs.reads.length
    ? [`reads ${c.needs.reads.join(', ')} as served now, not as of calibrationEnd: those values may know the holdout`]
    : [];
  if (c.comparison instanceof ClvComparison) {
    const { clv, notes } = c.comparison.result();
    return { ...base, ...counts, notes: [...reads, ...notes], clv, churn: null };
  }
  const { churn, notes } = c.comparison.result();
  return { ...base, ...counts, notes: [...reads, ...notes], clv: null, churn };
}

/**
 * Backtests plugins of one kind: each fits on the population as of calibrationEnd (as a refresh
 * would, but nothing is written: no run, no values), scores every customer of its relationships
 * with `ctx.horizonDays` = the holdout length, and is compared with what its customers with a
 * purchase up to calibrationEnd did in (calibrationEnd, holdoutEnd]. Scoring is one pass over the
 * population for all plugins, with one grouped actuals statement per batch; only per-customer
 * numbers are kept. A plugin whose fit throws reports its error; the others go on.
 */
export async function runBacktest(r: BacktestRequest, env: BacktestEnvironment): Promise<BacktestReport> {
  const started = performance.now();
  const holdoutDays = daysBetween(r.calibrationEnd, r.holdoutEnd);
  const candidates = r.plugins.map((lp) => candidate(r, lp, env, holdoutDays));
  for (const c of candidates) {
    env.onProgress?.({ phase: 'fit', plugin: c.lp.plugin.name });
    await fit(c, r, env);
  }

  const fitted = candidates.filter((c) => c.model !== null);
  if (fitted.length) {
    const needs = mergeNeeds(fitted.map((c) => c.needs));
    const reads = new Map(fitted.flatMap((c) => [...c.reads]));
    const window = { calibrationEnd: r.calibrationEnd, holdoutEnd: r.holdoutEnd, currency: env.currency };
    let seen = 0;
    const stream = population(env.ds, { asOf: r.calibrationEnd, currency: env.currency, ...streamOptions(needs, reads), batchSize: env.batchSize, includeInternal: env.includeInternal });
    for await (const batch of stream) {
      // The summary is as of calibrationEnd, so purchaseCount > 0 is "a purchase at or before it".
      const purchasers = batch.filter((s) => s.summary.purchaseCount > 0);
      const actuals = await queryHoldoutActuals(env.ds, purchasers.map((s) => s.customer.id), window);
      for (const c of fitted) {
        const mine = subjectsFor(c.provider, restrictTo(batch, c.needs));
        if (!mine.length) continue;
        const t0 = performance.now();
        const outcomes = scoreBatch(c.provider, mine, c.model as FittedModel, c.ctx);
        c.scoreMs += performance.now() - t0;
        c.scored += mine.length;
        mine.forEach((s, i) => {
          if (s.summary.purchaseCount === 0) return;
          const a = actuals.get(s.customer.id) ?? NO_PURCHASES;
          if (c.comparison instanceof ClvComparison) c.comparison.add(outcomes[i] as ScoreOutcome<ClvValue>, a);
          else c.comparison.add(outcomes[i] as ScoreOutcome<ChurnValue>, a);
        });
      }
      seen += batch.length;
      env.onProgress?.({ phase: 'score', customers: seen });
    }
  }

  return {
    kind: r.kind, calibrationEnd: r.calibrationEnd, holdoutEnd: r.holdoutEnd, holdoutDays,
    durationMs: Math.round(performance.now() - started),
    plugins: candidates.map(pluginResult),
  };
}

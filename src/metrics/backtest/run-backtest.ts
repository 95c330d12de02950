import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { StreamDeadline } from '../../common/stream-deadline';
import { publicErrorMessage } from '../../common/public-error-message';
import { daysBetween } from '../../plugin-kit/history/time-units';
import { fitTargets } from '../engine/fit-pass';
import { type ScoringTarget, scoreTargets } from '../engine/score-pass';
import type { LoadedPlugin, MetricsSetup } from '../host/metrics-setup';
import { mergeNeeds, needsOf, type PluginNeeds } from '../host/plugin-needs';
import type { ChurnValue, ClvValue, MetricProvider, MetricSubject, ScoreOutcome } from '../../plugin-api/plugin.contract';
import { population } from '../store/population';
import { metricContext, readSources, streamOptions } from '../store/population-reads';
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
  /** The request that asked, named in a failure's coded message so that its log lines can be found. */
  requestId?: string;
  includeInternal: boolean;
  batchSize?: number;
  onProgress?: (event: { phase: 'fit'; plugin: string } | { phase: 'score'; customers: number }) => void;
  /** Past this many milliseconds the backtest stops (within one batch, or its fits on their threads) and throws DeadlineExceeded. */
  timeLimitMs?: number;
}

/** One plugin under test: its provider of the kind, its context, and what it produced so far. */
interface Candidate extends ScoringTarget {
  lp: LoadedPlugin;
  provider: MetricProvider<unknown>;
  needs: PluginNeeds;
  error: string | null;
  fitMs: number;
  scoreMs: number;
  scored: number;
  comparison: ClvComparison | ChurnComparison;
}

/** `curveDays`: the cumulative curve's checkpoints (none when it is not asked for). */
function candidate(r: BacktestRequest, lp: LoadedPlugin, env: BacktestEnvironment, horizonDays: number, curveDays: number[], signal?: AbortSignal): Candidate {
  const provider = lp.plugin.provides.find((p) => p.kind === r.kind) as MetricProvider<unknown>;
  return {
    lp, provider, plugin: lp.plugin, providers: [provider], needs: needsOf(lp), models: new Map(),
    ctx: { ...metricContext(lp, r.calibrationEnd, env.currency, env.log, signal), horizonDays },
    error: null, fitMs: 0, scoreMs: 0, scored: 0,
    comparison: r.kind === 'clv' ? new ClvComparison(curveDays) : new ChurnComparison(),
  };
}

/** The cumulative curve's checkpoints: every two weeks (at most 13, evenly spread), the last at the holdout's end. */
function checkpointsOf(holdoutDays: number): number[] {
  const n = Math.min(13, Math.max(1, Math.round(holdoutDays / 14)));
  return Array.from({ length: n }, (_, j) => (holdoutDays * (j + 1)) / n);
}

/** A candidate scored again over checkpoint `j`'s shorter horizon, with the same model. */
interface Shadow extends ScoringTarget {
  owner: Candidate;
  j: number;
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
 * purchase up to calibrationEnd did in (calibrationEnd, holdoutEnd]. A CLV model is also scored
 * over the shorter horizons of the cumulative curve's checkpoints (every two weeks), in the same
 * pass with the same model. Scoring is one pass over the
 * population for all plugins, with one grouped actuals statement per batch; only per-customer
 * numbers are kept. A plugin whose fit throws reports its error; the others go on.
 */
export async function runBacktest(r: BacktestRequest, env: BacktestEnvironment): Promise<BacktestReport> {
  const started = performance.now();
  const holdoutDays = daysBetween(r.calibrationEnd, r.holdoutEnd);
  const deadline = env.timeLimitMs === undefined ? undefined : new StreamDeadline(env.timeLimitMs);
  // Only CLV predicts transactions over a horizon: churn is compared at the holdout's end alone.
  const curveDays = r.kind === 'clv' && r.cumulative !== false ? checkpointsOf(holdoutDays) : [];
  const candidates = r.plugins.map((lp) => candidate(r, lp, env, holdoutDays, curveDays, deadline?.signal));
  const needs = mergeNeeds(candidates.map((c) => c.needs));
  const reads = await readSources(env.ds, env.setup, needs);
  const read = () => population(env.ds, { asOf: r.calibrationEnd, currency: env.currency, ...streamOptions(needs, reads), batchSize: env.batchSize, includeInternal: env.includeInternal });
  const stream = deadline ? () => deadline.wrap(read()) : read;

  // One pass fits every candidate, as a refresh would (the same stream, the same JSON round trip of the model), writing nothing.
  for (const c of candidates) env.onProgress?.({ phase: 'fit', plugin: c.lp.plugin.name });
  const fits = await fitTargets(candidates, stream);
  // The fits catch their stream's errors as their own; a deadline ends the whole backtest.
  deadline?.check();
  for (const c of candidates) {
    const fit = fits.get(c)!;
    c.fitMs = fit.ms;
    if (fit.error !== undefined) {
      const name = c.lp.plugin.name;
      c.error = publicErrorMessage(fit.cause, { code: 'BACKTEST_FAILED', what: `the backtest of plugin ${name} failed while fitting`, ref: env.requestId && `request id ${env.requestId}` });
      env.log.warn({ plugin: name, err: fit.cause }, 'backtest: fit failed');
    } else c.models.set(c.provider, fit.models.get(c.provider)!.model);
  }

  // One pass scores them all, with one grouped actuals statement per batch.
  const fitted = candidates.filter((c) => c.error === null);
  // Every fitted candidate once more per earlier checkpoint, scored in the same pass.
  const shadows: Shadow[] = fitted.flatMap((c) => curveDays.slice(0, -1).map((days, j) => ({
    owner: c, j, plugin: c.plugin, providers: c.providers, needs: c.needs, models: c.models, ctx: { ...c.ctx, horizonDays: days },
  })));
  const at = (days: number) => new Date(r.calibrationEnd.getTime() + days * 86_400_000);
  const window = { calibrationEnd: r.calibrationEnd, holdoutEnd: r.holdoutEnd, currency: env.currency, checkpoints: curveDays.map(at) };
  let actuals = new Map<number, CustomerActuals>();
  async function* withActuals(): AsyncGenerator<MetricSubject[]> {
    for await (const batch of stream()) {
      // The summary is as of calibrationEnd, so purchaseCount > 0 is "a purchase at or before it".
      actuals = await queryHoldoutActuals(env.ds, batch.filter((s) => s.summary.purchaseCount > 0).map((s) => s.customer.id), window);
      yield batch;
    }
  }
  let seen = 0;
  await scoreTargets<Candidate | Shadow>([...fitted, ...shadows], withActuals, {
    scored(target, _p, subjects, outcomes, ms) {
      if ('owner' in target) {
        target.owner.scoreMs += ms;
        const curve = target.owner.comparison as ClvComparison;
        subjects.forEach((s, i) => { if (s.summary.purchaseCount > 0) curve.addAt(target.j, outcomes[i] as ScoreOutcome<ClvValue>); });
        return;
      }
      const c = target;
      c.scoreMs += ms;
      c.scored += subjects.length;
      subjects.forEach((s, i) => {
        if (s.summary.purchaseCount === 0) return;
        const a = actuals.get(s.customer.id) ?? NO_PURCHASES;
        if (c.comparison instanceof ClvComparison) c.comparison.add(outcomes[i] as ScoreOutcome<ClvValue>, a);
        else c.comparison.add(outcomes[i] as ScoreOutcome<ChurnValue>, a);
      });
    },
    batchDone(batch) {
      seen += batch.length;
      env.onProgress?.({ phase: 'score', customers: seen });
    },
  });
  deadline?.check();

  return {
    kind: r.kind, calibrationEnd: r.calibrationEnd, holdoutEnd: r.holdoutEnd, holdoutDays,
    durationMs: Math.round(performance.now() - started),
    plugins: candidates.map(pluginResult),
  };
}

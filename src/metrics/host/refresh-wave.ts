import type { Logger } from 'pino';
import type { DataSource, EntityManager } from 'typeorm';
import { fitTargets } from '../engine/fit-pass';
import type { EngineTarget } from '../engine/engine-target';
import { type ScoringTarget, scoreTargets } from '../engine/score-pass';
import { MetricCurrent } from '../store/metric-current.entity';
import { MetricValue } from '../store/metric-value.entity';
import type { LoadedPlugin, MetricsSetup } from './metrics-setup';
import { mergeNeeds, needsOf, type PluginNeeds } from './plugin-needs';
import { ModelRun, RunStatus } from '../store/model-run.entity';
import { publicErrorMessage } from '../../common/public-error-message';
import { fileRunSegments } from '../store/plugin-segments';
import { customerRows } from '../store/customer-rows.query';
import { population, storedSummariesCover } from '../store/population';
import { detailsOnRead } from '../graphql/details-on-read';
import { metricContext, readSources, streamOptions } from '../store/population-reads';
import { providerKey, runParams } from './provider-key';
import { rescoreRuns } from './rescore-runs';
import { servedKeysOf } from './served-keys';
import { changedSince } from '../../summaries/summary-store';
import { valueCells, type ValueCells } from '../store/value-rows';
import { ValueWriter } from '../store/value-writer';
import { writeTransaction } from '../../common/concurrent-write';
import { StaleLeaderError } from '../../cluster/lease';

export interface RefreshOptions {
  asOf: Date;
  /** Asked for as of now (see isAsOfNow, decided when the refresh was asked for): it catches up with what is ingested while it runs. */
  asOfNow: boolean;
  currency: string;
  log: Logger;
  batchSize?: number;
  includeInternal?: boolean;
  onProgress?: (plugins: string[], scored: number) => void;
  /** Called as each run starts being served (the runtime forgets its cached served runs). */
  onPublish?: () => void;
  /** Aborted when the server stops or loses the refresh lease: fits in progress end (their runs fail). */
  signal?: AbortSignal;
  /** Called inside the transaction that serves a run: throws if the refresh lease has passed to another replica since. */
  fence?: (m: EntityManager) => Promise<void>;
}

/** What a refresh is doing, for the message of a run that fails: "... failed while fitting". */
type RefreshStage = 'reading its inputs' | 'fitting' | 'scoring' | 'publishing';

/** A plugin of the wave with its run and what it has scored so far. */
interface WaveTarget extends ScoringTarget {
  lp: LoadedPlugin;
  run: ModelRun;
  served: Set<string>;
  scored: number;
  failed: Set<number>;
}

/**
 * Refreshes a wave of plugins (none reads another's metrics) with one pass over the population to
 * fit them all and one to score them all. Values are written under each new run, which no reader
 * sees; when a plugin's customers are all scored, they are filed in its segments under the run (no
 * reader sees those either), and one transaction marks the run SUCCEEDED and points its
 * `metric_current` at it, which serves values and segments at once. A plugin whose fit fails gets
 * a FAILED run and keeps its previous values; the others go on.
 */
/** What a SKIPPED run's diagnostics say. */
export const NO_CUSTOMERS = 'no customers yet: nothing to fit';

export async function refreshWave(ds: DataSource, setup: MetricsSetup, items: { lp: LoadedPlugin; run: ModelRun }[], o: RefreshOptions): Promise<ModelRun[]> {
  const started = performance.now();
  const runs = ds.getRepository(ModelRun);
  for (const { run } of items) Object.assign(run, { status: RunStatus.RUNNING, startedAt: new Date() });
  await runs.save(items.map((i) => i.run));
  const targets: WaveTarget[] = items.map(({ lp, run }) => ({
    lp, run, plugin: lp.plugin, providers: lp.plugin.provides, ctx: metricContext(lp, o.asOf, o.currency, o.log, o.signal), needs: needsOf(lp),
    models: new Map(), served: servedKeysOf(setup, lp), scored: 0, failed: new Set(),
  }));
  let stage: RefreshStage = 'reading its inputs';
  // The run stores the plugin's own message, or a coded one for a database error; the log gets the error itself.
  const failRun = async (t: WaveTarget, err: unknown) => {
    // The lease has passed on: the run is left to the new leader, which fails and retries it.
    if (err instanceof StaleLeaderError || o.signal?.reason instanceof StaleLeaderError) {
      o.log.warn({ plugin: t.run.plugin, runId: t.run.id, stage }, 'refresh abandoned: this replica lost the refresh lease');
      return;
    }
    o.log.error({ plugin: t.run.plugin, runId: t.run.id, stage, err }, 'metrics refresh failed; previous values stay served');
    const error = publicErrorMessage(err, { code: 'REFRESH_FAILED', what: `the refresh of plugin ${t.run.plugin} failed while ${stage}`, ref: `run id ${t.run.id}` });
    Object.assign(t.run, { status: RunStatus.FAILED, error, durationMs: Math.round(performance.now() - started), finishedAt: new Date() });
    await runs.save(t.run);
    await ds.getRepository(MetricValue).delete({ runId: t.run.id });
  };
  try {
    // No customer yet (a new database) is a normal state, not a failure of every fit.
    if (!(await customerRows(ds, { includeInternal: o.includeInternal ?? false, limit: 1 })).length) {
      o.log.info({ plugins: targets.map((t) => t.run.plugin) }, 'no customers yet: nothing to fit, runs SKIPPED');
      for (const t of targets) {
        Object.assign(t.run, { status: RunStatus.SKIPPED, diagnostics: { note: NO_CUSTOMERS }, durationMs: Math.round(performance.now() - started), finishedAt: new Date() });
      }
      await runs.save(targets.map((t) => t.run));
      return items.map((i) => i.run);
    }
    const needs = mergeNeeds(targets.map((t) => t.needs!));
    const reads = await readSources(ds, setup, needs);
    const storedSummaries = await storedSummariesCover(ds, o.asOf, o.currency, o.asOfNow);
    // Each pass reads only what its plugins need: the fit pass, what the plugins that fit need.
    const sourceFor = (n: PluginNeeds) => () => population(ds, {
      asOf: o.asOf, currency: o.currency, ...streamOptions(n, reads), batchSize: o.batchSize, includeInternal: o.includeInternal, storedSummaries,
    });
    const source = sourceFor(needs);
    const fitting = targets.filter((t) => t.providers.some((p) => p.fit));
    stage = 'fitting';
    const fits = await fitTargets(targets as EngineTarget[], sourceFor(mergeNeeds(fitting.map((t) => t.needs!))));
    const fitEnd = performance.now();
    const fitRssMiB = Math.round(process.memoryUsage.rss() / 2 ** 20);
    const scoring: WaveTarget[] = [];
    for (const t of targets) {
      const fit = fits.get(t)!;
      if (fit.error !== undefined) await failRun(t, fit.cause);
      else {
        for (const [p, f] of fit.models) t.models.set(p, f.model);
        t.run.params = runParams(t.providers, new Map([...fit.models].map(([p, f]) => [providerKey(p), f.model])));
        const diagnostics = Object.fromEntries([...fit.models].flatMap(([p, f]) => (f.diagnostics ? [[providerKey(p), f.diagnostics]] : [])));
        t.run.diagnostics = t.providers.length === 1 ? (Object.values(diagnostics)[0] as Record<string, unknown> | undefined) ?? null : diagnostics;
        scoring.push(t);
      }
    }
    stage = 'scoring';
    let seen = 0;
    const scoreStart = Date.now();
    const writer = new ValueWriter(ds);
    let batchRows: ValueCells[] = [];
    await scoreTargets(scoring, source, {
      scored(t, p, subjects, outcomes) {
        const { rows, failed } = valueCells(p, subjects, outcomes, { runId: t.run.id, asOf: o.asOf, served: t.served, withDetails: !detailsOnRead(p, t.lp.config, storedSummaries) });
        for (const row of rows) batchRows.push(row);
        for (const id of failed) t.failed.add(id);
        if (p === t.providers[0]) t.scored += subjects.length;
      },
      async batchDone(batch) {
        seen += batch.length;
        o.onProgress?.(scoring.map((t) => t.lp.plugin.name), seen);
        const rows = batchRows;
        batchRows = [];
        await writer.add(rows);
      },
    });
    await writer.flush();
    const scoredAt = performance.now();
    stage = 'publishing';
    const finished = await catchUpAndPublish(ds, setup, scoring, o, { started, scoreStart }, failRun);
    o.log.info({
      plugins: targets.map((t) => t.run.plugin), fitMs: Math.round(fitEnd - started), scoreMs: Math.round(scoredAt - fitEnd),
      writeMs: Math.round(writer.writeMs), writeWaitMs: Math.round(writer.waitMs), publishMs: Math.round(performance.now() - scoredAt), rssMiBAfterFit: fitRssMiB, rssMiB: Math.round(process.memoryUsage.rss() / 2 ** 20),
    }, 'refresh wave timings');
    return items.map(({ run }) => finished.find((r) => r.id === run.id) ?? run);
  } catch (err) {
    for (const t of targets) if (t.run.status === RunStatus.RUNNING) await failRun(t, err);
    return items.map((i) => i.run);
  }
}

/**
 * The longest an ingest transaction may take. Customers whose summary changed from this long before
 * the score pass began may have been scored from their previous summary, so they are re-scored.
 */
const INGEST_MARGIN_MS = 5_000;

/**
 * Publishes the scored runs without losing what was ingested meanwhile. Ingest re-scores against
 * the served runs, which these new runs are about to replace: customers changed since the score
 * pass began are re-scored against the new runs before they are served, and those changed during
 * that catch-up against the served (now new) runs right after. Only for refreshes as of now:
 * a refresh as of a past date does not see later interactions anyway. Each run is published on
 * its own: one that cannot be (e.g. a user segment holds a key it publishes) is failed alone.
 */
async function catchUpAndPublish(
  ds: DataSource, setup: MetricsSetup, scoring: WaveTarget[], o: RefreshOptions, t: { started: number; scoreStart: number },
  fail: (target: WaveTarget, err: unknown) => Promise<void>,
): Promise<ModelRun[]> {
  const env = { ds, setup, currency: o.currency, log: o.log };
  const runs = scoring.map(({ lp, run }) => ({ lp, run }));
  const checkedAt = Date.now();
  if (o.asOfNow) await rescoreRuns(env, runs, await changedSince(ds.manager, new Date(t.scoreStart - INGEST_MARGIN_MS)), new Date());
  const finished: ModelRun[] = [];
  for (const target of scoring) {
    try {
      finished.push(await publish(ds, target, o, t.started));
    } catch (err) {
      await fail(target, err);
    }
  }
  const served = runs.filter(({ run }) => run.status === RunStatus.SUCCEEDED);
  if (o.asOfNow) await rescoreRuns(env, served, await changedSince(ds.manager, new Date(checkedAt - INGEST_MARGIN_MS)), new Date());
  return finished;
}

/**
 * Files the run's segment members, then marks the run SUCCEEDED and serves it in one short
 * transaction (the runtime drops older runs' values and memberships afterwards). If either fails,
 * the run is left RUNNING, for the caller to fail.
 */
async function publish(ds: DataSource, t: WaveTarget, o: RefreshOptions, started: number): Promise<ModelRun> {
  const run = t.run;
  const outcome = {
    customersScored: t.scored, customersFailed: t.failed.size, status: RunStatus.SUCCEEDED,
    durationMs: Math.round(performance.now() - started), finishedAt: new Date(),
  };
  await fileRunSegments(ds, t.lp, run.id);
  await writeTransaction(ds, { what: 'metric runs' }, async (m) => {
    await o.fence?.(m);
    await m.save(ModelRun, { ...run, ...outcome });
    await m.upsert(MetricCurrent, { plugin: run.plugin, runId: run.id, switchedAt: new Date() }, ['plugin']);
  });
  Object.assign(run, outcome);
  o.onPublish?.();
  o.log.info({ plugin: run.plugin, runId: run.id, customersScored: t.scored, customersFailed: t.failed.size, durationMs: run.durationMs }, 'metrics refreshed');
  return run;
}

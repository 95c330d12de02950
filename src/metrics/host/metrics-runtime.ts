import { setTimeout as delay } from 'node:timers/promises';
import type { Logger } from 'pino';
import { In, type DataSource } from 'typeorm';
import { toSqlDate } from '../../db/sql-date';
import { MetricCurrent } from '../store/metric-current.entity';
import { type LoadedPlugin, type MetricsSetup, pluginsNamed } from './metrics-setup';
import { ModelRun, RunStatus } from '../store/model-run.entity';
import { refreshWaves } from './plugin-needs';
import { queueRun, refreshWave } from './refresh-wave';
import { rescoreRuns } from './rescore-runs';
import { CURRENT_RUNS_TTL_MS, CurrentRunsCache } from './current-runs.cache';
import { RunParamsCache } from './run-params.cache';
import { dropOlderRunValues } from '../store/run-values.cleanup';
import { recordDistributions } from '../history/record-distributions';
import { isMysql } from '../../db/dialect';
import { dropOlderMemberships, recordRunSegmentChanges, segmentKeyOwner } from '../store/plugin-segments';
import { isAsOfNow } from '../store/population';
import { servedPlugins } from './served-keys';
import { type QueuedRefresh, RefreshQueueFull } from './refresh-queue';

/** The loaded plugins and everything that runs them: refreshes, re-scoring and the timer. */
export class MetricsRuntime {
  /** The models of finished runs, for details scored on read. */
  readonly runParams: RunParamsCache;
  /** The run each plugin serves, for reads. */
  readonly currentRuns: CurrentRunsCache;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> = Promise.resolve();
  /** Refreshes queued and not started, by what they would do: an identical request joins one of them. */
  private readonly waiting = new Map<string, Promise<QueuedRefresh>>();
  /** Refreshes queued or running per caller that asked for them. */
  private readonly pendingByCaller = new Map<string, number>();
  private cleaning: Promise<unknown> = Promise.resolve();
  private readonly stopping = new AbortController();
  private readonly refreshListeners: ((runs: ModelRun[]) => Promise<void>)[] = [];

  constructor(
    readonly setup: MetricsSetup,
    private readonly ds: DataSource,
    private readonly currency: string,
    private readonly log: Logger,
    private readonly limits: { refreshesPerCaller: number } = { refreshesPerCaller: 3 },
  ) {
    this.runParams = new RunParamsCache(ds);
    this.currentRuns = new CurrentRunsCache(ds);
  }

  plugin(name: string): LoadedPlugin | undefined {
    return this.setup.plugins.find((p) => p.plugin.name === name);
  }

  /**
   * Runs `listener` at the end of every refresh, before the next one starts (rule segments are
   * re-evaluated against the new values there). A failing listener is logged; the refresh stands.
   */
  onRefreshed(listener: (runs: ModelRun[]) => Promise<void>): void {
    this.refreshListeners.push(listener);
  }

  /** The loaded plugin that publishes segments under this key's prefix (`rfm` for `rfm-*`): the key is reserved to it. */
  segmentKeyOwner(key: string): string | undefined {
    return segmentKeyOwner(this.setup.plugins.map((lp) => lp.plugin), key);
  }


  /**
   * Refreshes the named plugins (by default every plugin whose values readers get; see
   * servedPlugins), observing up to `asOf`. Refreshes are serialised, so two triggers never
   * interleave their writes.
   */
  async refresh(names: string[] | undefined, asOf: Date, onProgress?: (plugins: string[], scored: number) => void): Promise<ModelRun[]> {
    return (await this.enqueue(names, asOf, onProgress)).done;
  }

  /**
   * Queues a refresh and returns its runs at once (status QUEUED), with a promise of the
   * finished runs: callers that do not want to wait poll `modelRuns` instead. The plugins run in
   * waves: those that read others' metrics go after them, so they read this refresh's values;
   * each wave reads the population once to fit and once to score, whatever its size.
   */
  enqueue(names: string[] | undefined, asOf: Date, onProgress?: (plugins: string[], scored: number) => void, caller?: string): Promise<QueuedRefresh> {
    const waves = refreshWaves(this.setup, names ? pluginsNamed(this.setup, names) : servedPlugins(this.setup));
    const asOfNow = isAsOfNow(asOf);
    // Twenty identical requests waiting behind a refresh are one refresh: "as of now" ones catch up
    // with whatever was recorded until they run, so joining an earlier one loses nothing. Registered
    // before anything is awaited, so that requests arriving together find each other.
    const signature = `${asOfNow ? 'now' : asOf.toISOString()}|${waves.flat().map((lp) => lp.plugin.name).sort().join(',')}`;
    const same = this.waiting.get(signature);
    if (same && !onProgress) return same;
    const pending = caller ? this.pendingByCaller.get(caller) ?? 0 : 0;
    if (caller && pending >= this.limits.refreshesPerCaller) return Promise.reject(new RefreshQueueFull(this.limits.refreshesPerCaller));
    if (caller) this.pendingByCaller.set(caller, pending + 1);
    const release = () => {
      if (!caller) return;
      const left = this.pendingByCaller.get(caller)! - 1;
      if (left > 0) this.pendingByCaller.set(caller, left);
      else this.pendingByCaller.delete(caller);
    };
    const refresh = this.queue(waves, asOf, asOfNow, () => this.waiting.delete(signature), onProgress);
    if (!onProgress) this.waiting.set(signature, refresh);
    refresh.then(({ done }) => done.catch(() => undefined), () => this.waiting.delete(signature)).finally(release);
    return refresh;
  }

  private async queue(waves: LoadedPlugin[][], asOf: Date, asOfNow: boolean, onStart: () => void, onProgress?: (plugins: string[], scored: number) => void): Promise<QueuedRefresh> {
    const queued = new Map<LoadedPlugin, ModelRun>();
    for (const lp of waves.flat()) queued.set(lp, await queueRun(this.ds, lp, asOf));
    const done = this.running.then(async () => {
      onStart();
      const finished: ModelRun[] = [];
      for (const wave of waves) {
        finished.push(...await refreshWave(this.ds, this.setup, wave.map((lp) => ({ lp, run: { ...queued.get(lp)! } })), {
          asOf, asOfNow, currency: this.currency, log: this.log, includeInternal: this.setup.includeInternal, onProgress, batchSize: this.batchSize(),
          onPublish: () => this.currentRuns.invalidate(), signal: this.stopping.signal,
        }));
      }
      for (const listener of this.refreshListeners) {
        await listener(finished).catch((err) => this.log.error({ err }, 'a step after the metrics refresh failed'));
      }
      return finished;
    });
    this.running = done.catch(() => undefined);
    // Older runs' values are dropped after the refresh is done (it does not wait for that), one
    // clean-up after another: short chunked deletes that readers and the next refresh never wait for.
    this.cleaning = Promise.all([this.cleaning, done]).then(async ([, runs]) => {
      await this.recordHistory(runs);
      await this.dropStaleValues(runs);
    }).catch((err) => this.log.error({ err }, 'dropping older metric values failed'));
    return { queued: [...queued.values()], done };
  }

  /**
   * Customers per batch of a refresh pass on MySQL/MariaDB: half the population's default, which
   * kept by-id p99 during a refresh at 47 ms instead of 136. SQLite keeps the population's own
   * default, already small (its statements hold the event loop).
   */
  private batchSize(): number | undefined {
    return isMysql(this.ds) ? 1000 : undefined;
  }

  /** Keeps the distribution of each key the published runs wrote (metricHistory). */
  private async recordHistory(runs: ModelRun[]): Promise<void> {
    for (const r of runs.filter((run) => run.status === RunStatus.SUCCEEDED)) {
      await recordDistributions(this.ds, r).catch((err) => this.log.error({ err, runId: r.id }, 'recording the distribution of a run failed'));
    }
  }

  private async dropStaleValues(runs: ModelRun[]): Promise<void> {
    const published = runs.filter((r) => r.status === RunStatus.SUCCEEDED);
    if (!published.length) return;
    // Other replicas may read the previous runs until their cache of the served runs expires. A
    // stopping server does not wait: the next refresh's clean-up drops whatever is left.
    try {
      await delay(2 * CURRENT_RUNS_TTL_MS, undefined, { signal: this.stopping.signal });
    } catch {
      return;
    }
    for (const r of published) {
      await dropOlderRunValues(this.ds, r.plugin, r.id);
      // Entries and exits between the replaced run and this one, before the replaced members go.
      await recordRunSegmentChanges(this.ds, r.plugin, r.id).catch((err) => this.log.error({ err, runId: r.id }, 'recording plugin segment changes failed'));
      await dropOlderMemberships(this.ds, r.plugin, r.id);
    }
  }

  /** Resolves when no refresh (nor the clean-up after one) is in progress. */
  async idle(): Promise<void> {
    await this.running;
    await this.cleaning;
  }

  /**
   * Runs a crashed process left QUEUED or RUNNING never finish. Only those unfinished for over a
   * day are marked FAILED: with several servers on one database, a younger run may be live elsewhere.
   */
  async failInterrupted(now = new Date()): Promise<number> {
    const result = await this.ds.createQueryBuilder().update(ModelRun)
      .set({ status: RunStatus.FAILED, error: 'interrupted: the server stopped before this run finished', finishedAt: now })
      .where('status IN (:...open) AND started_at < :cutoff', {
        open: [RunStatus.QUEUED, RunStatus.RUNNING], cutoff: toSqlDate(new Date(now.getTime() - 86_400_000)),
      })
      .execute();
    return result.affected ?? 0;
  }

  /** Plugins without a successful run, or whose served run came from another plugin version (refreshed on startup). */
  async needingRefresh(): Promise<string[]> {
    const current = await this.ds.getRepository(MetricCurrent).find();
    const runs = await this.ds.getRepository(ModelRun).findBy({ id: In(current.map((c) => c.runId).concat(-1)) });
    return servedPlugins(this.setup)
      .filter(({ plugin }) => {
        const served = current.find((c) => c.plugin === plugin.name);
        return !served || runs.find((r) => r.id === served.runId)?.version !== plugin.version;
      })
      .map((p) => p.plugin.name);
  }

  /**
   * Re-scores customers whose interactions changed against each plugin's current model, as of
   * now, replacing their values in the served run so they do not wait for the next refresh.
   */
  async rescore(customerIds: number[]): Promise<void> {
    if (!customerIds.length || !this.setup.plugins.length) return;
    const current = await this.ds.getRepository(MetricCurrent).find();
    const ids = current.map((c) => c.runId);
    // Runs without their JSON columns: the models come from the cache of finished runs' params.
    const runs = await this.ds.getRepository(ModelRun).find({ select: { id: true, plugin: true, version: true }, where: { id: In(ids.concat(-1)) } });
    const params = await this.runParams.get(ids);
    for (const run of runs) run.params = params.get(run.id) ?? null;
    // Only runs of the loaded plugin version: another version's model may not fit this code.
    const served = runs.flatMap((run) => {
      const lp = this.plugin(run.plugin);
      return lp && run.version === lp.plugin.version ? [{ lp, run }] : [];
    });
    await rescoreRuns({ ds: this.ds, setup: this.setup, currency: this.currency, log: this.log }, served, customerIds, new Date());
  }

  /** Refreshes plugins that need it now (if configured) and every plugin on the interval. */
  start(): void {
    const interrupted = this.failInterrupted().then(
      (n) => { if (n) this.log.warn({ runs: n }, 'marked runs left unfinished by a previous process as FAILED'); },
      (err) => this.log.error({ err }, 'could not mark interrupted metric runs'),
    );
    if (this.setup.refreshOnStart) {
      void interrupted.then(() => this.needingRefresh()).then((names) => (names.length ? this.refresh(names, new Date()) : undefined))
        .catch((err) => this.log.error({ err }, 'startup metrics refresh failed'));
    }
    const minutes = this.setup.refreshIntervalMinutes;
    if (minutes > 0) {
      this.timer = setInterval(() => {
        this.refresh(undefined, new Date()).catch((err) => this.log.error({ err }, 'scheduled metrics refresh failed'));
      }, minutes * 60_000);
      this.timer.unref();
    }
  }

  /** Stops the timer and waits for a refresh in progress and its clean-up. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.stopping.abort();
    await this.idle();
    for (const lp of this.setup.plugins) await lp.plugin.dispose?.();
  }
}

import { setTimeout as delay } from 'node:timers/promises';
import type { Logger } from 'pino';
import { In, type DataSource, type EntityManager } from 'typeorm';
import { toSqlDate } from '../../db/sql-date';
import { MetricCurrent } from '../store/metric-current.entity';
import { type LoadedPlugin, type MetricsSetup, pluginsNamed } from './metrics-setup';
import { ModelRun, RunStatus } from '../store/model-run.entity';
import { refreshWaves } from './plugin-needs';
import { refreshWave } from './refresh-wave';
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
import { type CoordinationOptions, RefreshCoordinator } from '../queue/refresh-coordinator';
import type { RefreshRequest } from '../queue/refresh-request.entity';
import {
  finishRequest, pluginsInFlight, queuedRuns, recoverInterrupted, requestOutcome, requestRefresh, scheduledRefreshDue,
} from '../queue/refresh-requests';

/** How many times a refresh interrupted by the loss of its leader is started in all, before it is marked FAILED. */
const MAX_REQUEST_ATTEMPTS = 2;

/** The loaded plugins and everything that runs them: refreshes, re-scoring and the schedule. */
export class MetricsRuntime {
  /** The models of finished runs, for details scored on read. */
  readonly runParams: RunParamsCache;
  /** The run each plugin serves, for reads. */
  readonly currentRuns: CurrentRunsCache;
  /** Which replica runs refreshes: the one holding the refresh lease. */
  readonly coordinator: RefreshCoordinator;
  /** Refreshes queued or running per caller that asked for them, on this replica. */
  private readonly pendingByCaller = new Map<string, number>();
  /** Each caller's request being written on this replica. */
  private readonly writing = new Map<string, Promise<QueuedRefresh>>();
  /** Progress reports asked for by callers on this replica, by request: reported if the request runs here. */
  private readonly progress = new Map<number, (plugins: string[], scored: number) => void>();
  private cleaning: Promise<unknown> = Promise.resolve();
  private readonly stopping = new AbortController();
  private readonly refreshListeners: ((runs: ModelRun[]) => Promise<void>)[] = [];
  private started = false;

  constructor(
    readonly setup: MetricsSetup,
    private readonly ds: DataSource,
    private readonly currency: string,
    private readonly log: Logger,
    private readonly limits: { refreshesPerCaller: number } = { refreshesPerCaller: 3 },
    coordination: CoordinationOptions = { leaseMs: 30_000, pollMs: 1_000, gatherMs: 0 },
  ) {
    this.runParams = new RunParamsCache(ds);
    this.currentRuns = new CurrentRunsCache(ds);
    this.coordinator = new RefreshCoordinator(ds, log, coordination, {
      execute: (request, lost) => this.execute(request, lost),
      tookLease: () => this.tookLease(),
      whileLeading: () => this.scheduleRefresh(),
    });
  }

  plugin(name: string): LoadedPlugin | undefined {
    return this.setup.plugins.find((p) => p.plugin.name === name);
  }

  /**
   * Runs `listener` at the end of every refresh, before the next one starts (rule segments are
   * re-evaluated against the new values there), on the replica that ran it. A failing listener is
   * logged; the refresh stands.
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
   * servedPlugins), observing up to `asOf`, and resolves with the finished runs. The refresh runs
   * here if this replica holds (or can take) the refresh lease, else on the replica that does.
   */
  async refresh(names: string[] | undefined, asOf: Date, onProgress?: (plugins: string[], scored: number) => void): Promise<ModelRun[]> {
    return (await this.enqueue(names, asOf, onProgress)).done;
  }

  /**
   * Queues a refresh in the database and returns its runs at once (status QUEUED), with a promise
   * of the finished runs: callers that do not want to wait poll `modelRuns` instead. Whichever
   * replica holds the refresh lease runs it, once; an identical request that has not started yet
   * is joined instead. The plugins run in waves: those that read others' metrics go after them, so
   * they read this refresh's values; each wave reads the population once to fit and once to score.
   */
  async enqueue(names: string[] | undefined, asOf: Date, onProgress?: (plugins: string[], scored: number) => void, caller?: string): Promise<QueuedRefresh> {
    const plugins = refreshWaves(this.setup, names ? pluginsNamed(this.setup, names) : servedPlugins(this.setup)).flat();
    if (caller === undefined) return this.request(plugins, asOf, onProgress);
    // One caller's requests are written one after another: identical ones in a burst then join the
    // first instead of each taking a share of REFRESHES_QUEUED_PER_CALLER.
    const mine = (this.writing.get(caller) ?? Promise.resolve()).catch(() => undefined).then(() => this.request(plugins, asOf, onProgress, caller));
    this.writing.set(caller, mine);
    void mine.catch(() => undefined).finally(() => { if (this.writing.get(caller) === mine) this.writing.delete(caller); });
    return mine;
  }

  private async request(plugins: LoadedPlugin[], asOf: Date, onProgress?: (plugins: string[], scored: number) => void, caller?: string): Promise<QueuedRefresh> {
    // A caller's share bounds the work it makes: joining a waiting identical refresh makes none.
    const mayQueue = caller === undefined || (this.pendingByCaller.get(caller) ?? 0) < this.limits.refreshesPerCaller;
    const request = await requestRefresh(this.ds, plugins, asOf, isAsOfNow(asOf), mayQueue);
    if (!request) throw new RefreshQueueFull(this.limits.refreshesPerCaller);
    const counted = caller !== undefined && !request.joined ? caller : undefined;
    if (counted) this.countPending(counted, 1);
    if (onProgress) this.progress.set(request.id, onProgress);
    const done = this.awaitRequest(request.id);
    done.catch(() => undefined).finally(() => {
      this.progress.delete(request.id);
      if (counted) this.countPending(counted, -1);
    });
    return { queued: request.runs, done };
  }

  private countPending(caller: string, delta: number): void {
    const n = (this.pendingByCaller.get(caller) ?? 0) + delta;
    if (n > 0) this.pendingByCaller.set(caller, n);
    else this.pendingByCaller.delete(caller);
  }

  /** Until the request is over: runs it here when this replica can lead, else watches the database. */
  private async awaitRequest(id: number): Promise<ModelRun[]> {
    for (;;) {
      await this.coordinator.pump();
      const outcome = await requestOutcome(this.ds, id);
      if (outcome.finished) return outcome.runs;
      try {
        await delay(Math.min(250, this.coordinator.options.pollMs), undefined, { signal: this.stopping.signal });
      } catch {
        throw new Error(`this server stopped while refresh request ${id} was still queued or running; whichever replica holds the refresh lease runs it`);
      }
    }
  }

  /** Runs a request claimed under the lease: its queued runs, wave by wave, then the steps after a refresh. */
  private async execute(request: RefreshRequest, lost: AbortSignal): Promise<void> {
    const items: { lp: LoadedPlugin; run: ModelRun }[] = [];
    for (const run of await queuedRuns(this.ds, request.id)) {
      const lp = this.plugin(run.plugin);
      if (lp) items.push({ lp, run: Object.assign(run, { version: lp.plugin.version }) });
      else {
        const error = `plugin ${run.plugin} is not loaded on the replica that holds the refresh lease (${this.coordinator.lease.owner}): replicas must load the same plugins`;
        await this.ds.getRepository(ModelRun).update({ id: run.id }, { status: RunStatus.FAILED, error, finishedAt: new Date() });
      }
    }
    const signal = AbortSignal.any([this.stopping.signal, lost]);
    const fence = (m: EntityManager) => this.coordinator.lease.fence(m, request.claimedToken);
    const finished: ModelRun[] = [];
    for (const wave of refreshWaves(this.setup, items.map((i) => i.lp))) {
      finished.push(...await refreshWave(this.ds, this.setup, wave.map((lp) => items.find((i) => i.lp === lp)!), {
        asOf: request.asOf, asOfNow: request.asOfNow, currency: this.currency, log: this.log, includeInternal: this.setup.includeInternal,
        onProgress: this.progress.get(request.id), batchSize: this.batchSize(), onPublish: () => this.currentRuns.invalidate(), signal, fence,
      }));
    }
    for (const listener of this.refreshListeners) {
      await listener(finished).catch((err) => this.log.error({ err }, 'a step after the metrics refresh failed'));
    }
    // Stopped mid-refresh (a rolling deploy): left RUNNING, so that the next leader runs it again.
    if (this.stopping.signal.aborted) return;
    await finishRequest(this.ds, this.coordinator.lease, request);
    // Older runs' values are dropped after the refresh is done (it does not wait for that), one
    // clean-up after another: short chunked deletes that readers and the next refresh never wait for.
    this.cleaning = this.cleaning.then(async () => {
      await this.recordHistory(finished);
      await this.dropStaleValues(finished);
    }).catch((err) => this.log.error({ err }, 'dropping older metric values failed'));
  }

  /**
   * On taking the lease: requests a previous leader left running are retried or failed, runs left
   * unfinished by versions before requests existed are failed, and a started server queues the
   * plugins that need a refresh (never refreshed, or served by another plugin version).
   */
  private async tookLease(): Promise<void> {
    const recovered = await recoverInterrupted(this.ds, this.coordinator.lease, MAX_REQUEST_ATTEMPTS, (name) => this.plugin(name));
    if (recovered.retried + recovered.failed) this.log.warn(recovered, 'recovered refreshes left running by a previous leader');
    const interrupted = await this.failInterrupted();
    if (interrupted) this.log.warn({ runs: interrupted }, 'marked runs left unfinished by a previous process as FAILED');
    if (!this.started || !this.setup.refreshOnStart) return;
    const inFlight = await pluginsInFlight(this.ds);
    const names = (await this.needingRefresh()).filter((name) => !inFlight.has(name));
    if (names.length) (await this.enqueue(names, new Date())).done.catch((err) => this.log.error({ err }, 'startup metrics refresh failed'));
  }

  /** Queues the interval's refresh of every plugin when it is due (the schedule is kept in the database). */
  private async scheduleRefresh(): Promise<void> {
    const minutes = this.setup.refreshIntervalMinutes;
    if (minutes > 0 && (await scheduledRefreshDue(this.ds, this.coordinator.lease, minutes * 60_000))) {
      (await this.enqueue(undefined, new Date())).done.catch((err) => this.log.error({ err }, 'scheduled metrics refresh failed'));
    }
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

  /** Resolves when no refresh (nor the clean-up after one) is in progress here. */
  async idle(): Promise<void> {
    await this.coordinator.pump();
    await this.cleaning;
  }

  /**
   * Runs without a request (queued by versions before requests existed) that a crashed process
   * left QUEUED or RUNNING never finish: those unfinished for over a day are marked FAILED.
   */
  async failInterrupted(now = new Date()): Promise<number> {
    const result = await this.ds.createQueryBuilder().update(ModelRun)
      .set({ status: RunStatus.FAILED, error: 'interrupted: the server stopped before this run finished', finishedAt: now })
      .where('status IN (:...open) AND request_id IS NULL AND started_at < :cutoff', {
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

  /**
   * Takes part in running refreshes: this replica tries to take the refresh lease and, while it
   * holds it, refreshes the plugins that need it on taking it (if configured), every plugin on the
   * interval, and whatever any replica queued.
   */
  start(): void {
    this.started = true;
    this.coordinator.start();
  }

  /** Stops taking part, waits for a refresh in progress here and its clean-up, and gives the lease up. */
  async stop(): Promise<void> {
    this.stopping.abort();
    await this.coordinator.stop();
    await this.cleaning;
    for (const lp of this.setup.plugins) await lp.plugin.dispose?.();
  }
}

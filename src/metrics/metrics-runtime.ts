import type { Logger } from 'pino';
import { In, type DataSource } from 'typeorm';
import { toSqlDate } from '../db/sql-date';
import { bulkInsert } from '../db/bulk-insert';
import type { ScoringTarget } from './engine/score-pass';
import { scoreTargets } from './engine/score-pass';
import { MetricCurrent } from './metric-current.entity';
import { MetricValue } from './metric-value.entity';
import { type LoadedPlugin, type MetricsSetup, pluginsNamed } from './metrics-setup';
import { ModelRun, RunStatus } from './model-run.entity';
import { syncPluginSegments } from './plugin-segments';
import { population, withLinkedCustomers } from './population';
import { modelFromParams } from './provider-key';
import { mergeNeeds, needsOf, refreshWaves } from './plugin-needs';
import { metricContext, queueRun, readSources, refreshWave, streamOptions } from './refresh-wave';
import { servedKeysOf, servedPlugins } from './served-keys';
import { VALUE_COLUMNS, valueCells, valueRows } from './value-rows';

/** A served run being re-scored for some customers. */
interface RescoreTarget extends ScoringTarget {
  lp: LoadedPlugin;
  run: ModelRun;
  ids: number[];
  idSet: Set<number>;
  served: Set<string>;
  rows: (string | number | null)[][];
}

/** The loaded plugins and everything that runs them: refreshes, re-scoring and the timer. */
export class MetricsRuntime {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> = Promise.resolve();

  constructor(
    readonly setup: MetricsSetup,
    private readonly ds: DataSource,
    private readonly currency: string,
    private readonly log: Logger,
  ) {}

  plugin(name: string): LoadedPlugin | undefined {
    return this.setup.plugins.find((p) => p.plugin.name === name);
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
  async enqueue(names: string[] | undefined, asOf: Date, onProgress?: (plugins: string[], scored: number) => void): Promise<{ queued: ModelRun[]; done: Promise<ModelRun[]> }> {
    const waves = refreshWaves(this.setup, names ? pluginsNamed(this.setup, names) : servedPlugins(this.setup));
    const queued = new Map<LoadedPlugin, ModelRun>();
    for (const lp of waves.flat()) queued.set(lp, await queueRun(this.ds, lp, asOf));
    const done = this.running.then(async () => {
      const finished: ModelRun[] = [];
      for (const wave of waves) {
        finished.push(...await refreshWave(this.ds, this.setup, wave.map((lp) => ({ lp, run: { ...queued.get(lp)! } })), {
          asOf, currency: this.currency, log: this.log, includeInternal: this.setup.includeInternal, onProgress,
        }));
      }
      return finished;
    });
    this.running = done.catch(() => undefined);
    return { queued: [...queued.values()], done };
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
    const runs = await this.ds.getRepository(ModelRun).findBy({ id: In(current.map((c) => c.runId).concat(-1)) });
    // Only runs of the loaded plugin version: another version's model may not fit this code.
    const served = runs.flatMap((run) => {
      const lp = this.plugin(run.plugin);
      return lp && run.version === lp.plugin.version ? [{ lp, run }] : [];
    });
    if (!served.length) return;
    const asOf = new Date();
    // Readers of other plugins' metrics are re-scored after those plugins' new values are written.
    for (const wave of refreshWaves(this.setup, served.map(({ lp }) => lp))) {
      await this.rescoreWave(served.filter(({ lp }) => wave.includes(lp)), customerIds, asOf);
    }
  }

  private async rescoreWave(served: { lp: LoadedPlugin; run: ModelRun }[], touched: number[], asOf: Date): Promise<void> {
    const needs = mergeNeeds(served.map(({ lp }) => needsOf(lp)));
    const reads = await readSources(this.ds, this.setup, needs);
    // A plugin reading metrics over links (referral-value reads its referrals' CLV) changes for the
    // customers linked to the touched ones too: they are re-scored with them.
    const targets: RescoreTarget[] = [];
    for (const { lp, run } of served) {
      const n = needsOf(lp);
      const ids = n.reads.length && n.requires.has('relationships') ? await withLinkedCustomers(this.ds, touched, n.linkDepth) : touched;
      targets.push({
        lp, run, ids, idSet: new Set(ids), rows: [], served: servedKeysOf(this.setup, lp), plugin: lp.plugin, providers: lp.plugin.provides,
        ctx: metricContext(lp, asOf, this.currency, this.log), needs: n,
        models: new Map(lp.plugin.provides.map((p) => [p, modelFromParams(lp.plugin.provides, p, run.params)])),
      });
    }
    const customerIds = [...new Set(targets.flatMap((t) => t.ids))];
    // The customers are read once per wave, whatever the number of plugins.
    const source = () => population(this.ds, { asOf, currency: this.currency, ...streamOptions(needs, reads), customerIds, includeInternal: this.setup.includeInternal });
    await scoreTargets(targets, source, {
      scored(t, p, subjects, outcomes) {
        const mine = subjects.map((s, i) => ({ s, o: outcomes[i] })).filter(({ s }) => t.idSet.has(s.customer.id));
        const rows = valueRows(p, mine.map((x) => x.s), mine.map((x) => x.o), t.run.id, asOf);
        t.rows.push(...rows.filter((r) => t.served.has(r.metricKey)).map(valueCells));
      },
    });
    await this.ds.transaction(async (m) => {
      for (const t of targets) {
        for (let i = 0; i < t.ids.length; i += 500) {
          await m.delete(MetricValue, { runId: t.run.id, customerId: In(t.ids.slice(i, i + 500)) });
        }
        await bulkInsert(m, 'metric_value', VALUE_COLUMNS, t.rows, 1000);
        await syncPluginSegments(m, t.lp, t.run.id, t.ids);
      }
    });
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

  /** Stops the timer and waits for a refresh in progress. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
    for (const lp of this.setup.plugins) await lp.plugin.dispose?.();
  }
}

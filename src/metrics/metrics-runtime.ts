import type { Logger } from 'pino';
import { In, type DataSource } from 'typeorm';
import { toSqlDate } from '../db/sql-date';
import { insertEntities } from '../db/bulk-insert';
import { MetricCurrent } from './metric-current.entity';
import { MetricValue } from './metric-value.entity';
import { type LoadedPlugin, type MetricsSetup, pluginsNamed } from './metrics-setup';
import { ModelRun, RunStatus } from './model-run.entity';
import { syncPluginSegments } from './plugin-segments';
import { population, restrictTo, withLinkedCustomers } from './population';
import { subjectsFor } from './provider-subjects';
import { modelFromParams } from './provider-key';
import { mergeNeeds, needsOf, refreshWaves } from './plugin-needs';
import { metricContext, queueRun, readSources, refreshPlugin, streamOptions } from './refresh-plugin';
import { scoreBatch } from './score-batch';
import { valueRows } from './value-rows';

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
   * Refreshes the named plugins (all by default) one after the other, observing up to `asOf`.
   * Refreshes are serialised, so two triggers never interleave their writes.
   */
  async refresh(names: string[] | undefined, asOf: Date, onProgress?: (plugin: string, scored: number) => void): Promise<ModelRun[]> {
    return (await this.enqueue(names, asOf, onProgress)).done;
  }

  /**
   * Queues a refresh and returns its runs at once (status QUEUED), with a promise of the
   * finished runs: callers that do not want to wait poll `modelRuns` instead.
   */
  async enqueue(names: string[] | undefined, asOf: Date, onProgress?: (plugin: string, scored: number) => void): Promise<{ queued: ModelRun[]; done: Promise<ModelRun[]> }> {
    // Plugins that read others' metrics go after them, so they read this refresh's values.
    const targets = refreshWaves(this.setup, pluginsNamed(this.setup, names)).flat();
    const queued: ModelRun[] = [];
    for (const lp of targets) queued.push(await queueRun(this.ds, lp, asOf));
    const done = this.running.then(async () => {
      const finished: ModelRun[] = [];
      for (const [i, lp] of targets.entries()) {
        finished.push(await refreshPlugin(this.ds, this.setup, lp, { ...queued[i] }, {
          asOf, currency: this.currency, log: this.log, includeInternal: this.setup.includeInternal, onProgress: (n) => onProgress?.(lp.plugin.name, n),
        }));
      }
      return finished;
    });
    this.running = done.catch(() => undefined);
    return { queued, done };
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
    return this.setup.plugins
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
    const idsOf = new Map<LoadedPlugin, number[]>();
    for (const { lp } of served) {
      const n = needsOf(lp);
      idsOf.set(lp, n.reads.length && n.requires.has('relationships') ? await withLinkedCustomers(this.ds, touched, n.linkDepth) : touched);
    }
    const customerIds = [...new Set([...idsOf.values()].flat())];
    const rows = new Map<number, Partial<MetricValue>[]>(served.map(({ run }) => [run.id, []]));
    // The customers are read once per wave, whatever the number of plugins.
    const stream = population(this.ds, { asOf, currency: this.currency, ...streamOptions(needs, reads), customerIds, includeInternal: this.setup.includeInternal });
    for await (const batch of stream) {
      for (const { lp, run } of served) {
        const ctx = metricContext(lp, asOf, this.currency, this.log);
        const mineIds = new Set(idsOf.get(lp));
        const subjects = restrictTo(batch.filter((s) => mineIds.has(s.customer.id)), needsOf(lp));
        for (const p of lp.plugin.provides) {
          const model = modelFromParams(lp.plugin.provides, p, run.params);
          const mine = subjectsFor(p, subjects);
          rows.get(run.id)!.push(...valueRows(p, mine, scoreBatch(p, mine, model, ctx), run.id, asOf));
        }
      }
    }
    await this.ds.transaction(async (m) => {
      for (const { lp, run } of served) {
        const ids = idsOf.get(lp)!;
        for (let i = 0; i < ids.length; i += 500) {
          await m.delete(MetricValue, { runId: run.id, customerId: In(ids.slice(i, i + 500)) });
        }
        await insertEntities(m, MetricValue, rows.get(run.id)!);
        await syncPluginSegments(m, lp, run.id, ids);
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

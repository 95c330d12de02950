import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { insertEntities } from '../db/bulk-insert';
import { MetricCurrent } from './metric-current.entity';
import { MetricValue } from './metric-value.entity';
import type { LoadedPlugin, MetricsSetup } from './metrics-setup';
import { metricSources, type ServedSource, servedSources } from './metric-sources';
import { needsOf, type PluginNeeds } from './plugin-needs';
import { ModelRun, RunStatus } from './model-run.entity';
import type { FittedModel, MetricContext } from './plugin.contract';
import { syncPluginSegments } from './plugin-segments';
import { population, type PopulationOptions } from './population';
import { fitProviders } from './fit-providers';
import { subjectsFor } from './provider-subjects';
import { producedKeys, providerKey, runParams } from './provider-key';
import { scoreBatch } from './score-batch';
import { valueRows } from './value-rows';

export interface RefreshOptions {
  asOf: Date;
  currency: string;
  log: Logger;
  batchSize?: number;
  includeInternal?: boolean;
  onProgress?: (scored: number) => void;
}

export function metricContext(lp: LoadedPlugin, asOf: Date, currency: string, log: Logger): MetricContext<unknown> {
  const child = log.child({ plugin: lp.plugin.name });
  return { config: lp.config, asOf, currency, log: (message, data) => child.info(data ?? {}, message) };
}

/** The served runs of the keys a plugin reads, as they stand now (its dependencies refresh first). */
export async function readSources(ds: DataSource, setup: MetricsSetup, needs: PluginNeeds): Promise<Map<string, ServedSource[]>> {
  if (!needs.reads.length) return new Map();
  const current = new Map((await ds.getRepository(MetricCurrent).find()).map((c) => [c.plugin, c.runId]));
  return new Map(needs.reads.map((key) => [key, servedSources(metricSources(setup, key) ?? [], current)]));
}

/** The population stream options of a plugin with these needs. */
export function streamOptions(needs: PluginNeeds, reads: Map<string, ServedSource[]>): Pick<PopulationOptions, 'requires' | 'reads' | 'linkDepth'> {
  return { requires: needs.requires, reads, linkDepth: needs.linkDepth };
}

/** Records a run that will start once the refreshes queued before it are done. */
export function queueRun(ds: DataSource, lp: LoadedPlugin, asOf: Date): Promise<ModelRun> {
  const runs = ds.getRepository(ModelRun);
  return runs.save(runs.create({
    plugin: lp.plugin.name, version: lp.plugin.version, kinds: producedKeys(lp.plugin.provides).join(','), asOf,
    params: null, diagnostics: null, customersScored: 0, customersFailed: 0, durationMs: null,
    status: RunStatus.QUEUED, error: null, startedAt: new Date(), finishedAt: null,
  }));
}

/**
 * One refresh of one plugin, carrying out a queued run. Values are written under the new run,
 * which no reader sees; only when every customer is scored does one transaction mark the run
 * SUCCEEDED and point the plugin's `metric_current` at it (and rebuild its segments). On failure
 * the run is FAILED, its partial values are deleted, and the previous run stays served.
 */
export async function refreshPlugin(ds: DataSource, setup: MetricsSetup, lp: LoadedPlugin, run: ModelRun, o: RefreshOptions): Promise<ModelRun> {
  const started = performance.now();
  const runs = ds.getRepository(ModelRun);
  Object.assign(run, { status: RunStatus.RUNNING, startedAt: new Date() });
  await runs.save(run);
  const ctx = metricContext(lp, o.asOf, o.currency, o.log);
  try {
    const needs = needsOf(lp);
    const reads = await readSources(ds, setup, needs);
    const stream = () => population(ds, { asOf: o.asOf, currency: o.currency, ...streamOptions(needs, reads), batchSize: o.batchSize, includeInternal: o.includeInternal });
    const models = new Map<string, FittedModel>();
    const diagnostics: Record<string, unknown> = {};
    for (const [p, fitted] of await fitProviders(lp.plugin.provides, stream, ctx)) {
      // Stored as JSON and re-read, so a refresh scores with exactly what re-scoring will see later.
      models.set(providerKey(p), JSON.parse(JSON.stringify(fitted.model)) as FittedModel);
      if (fitted.diagnostics) diagnostics[providerKey(p)] = fitted.diagnostics;
    }
    let scored = 0;
    const failed = new Set<number>();
    for await (const batch of stream()) {
      for (const p of lp.plugin.provides) {
        const mine = subjectsFor(p, batch);
        const outcomes = scoreBatch(p, mine, models.get(providerKey(p)) as FittedModel, ctx);
        const rows = valueRows(p, mine, outcomes, run.id, o.asOf);
        for (const r of rows) if (r.error) failed.add(r.customerId);
        await insertEntities(ds.manager, MetricValue, rows);
      }
      scored += batch.length;
      o.onProgress?.(scored);
    }
    Object.assign(run, {
      params: runParams(lp.plugin.provides, models),
      diagnostics: lp.plugin.provides.length === 1 ? (Object.values(diagnostics)[0] as Record<string, unknown> | undefined) ?? null : diagnostics,
      customersScored: scored, customersFailed: failed.size, status: RunStatus.SUCCEEDED,
      durationMs: Math.round(performance.now() - started), finishedAt: new Date(),
    });
    await ds.transaction(async (m) => {
      await m.save(ModelRun, run);
      await m.upsert(MetricCurrent, { plugin: run.plugin, runId: run.id, switchedAt: new Date() }, ['plugin']);
      await syncPluginSegments(m, lp, run.id);
    });
    // Older runs' values are no longer served (their model_run rows stay as history). Newer runs
    // are left alone: one may be in progress on another server.
    await ds.createQueryBuilder().delete().from(MetricValue)
      .where('run_id IN (SELECT r.id FROM model_run r WHERE r.plugin = :plugin AND r.id < :runId)', { plugin: run.plugin, runId: run.id })
      .execute();
    o.log.info({ plugin: run.plugin, runId: run.id, customersScored: scored, customersFailed: failed.size, durationMs: run.durationMs }, 'metrics refreshed');
    return run;
  } catch (err) {
    Object.assign(run, { status: RunStatus.FAILED, error: String((err as Error)?.message ?? err).slice(0, 2000), durationMs: Math.round(performance.now() - started), finishedAt: new Date() });
    await runs.save(run);
    await ds.getRepository(MetricValue).delete({ runId: run.id });
    o.log.error({ plugin: run.plugin, runId: run.id, err }, 'metrics refresh failed; previous values stay served');
    return run;
  }
}

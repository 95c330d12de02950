import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { type ScoringTarget, scoreTargets } from '../engine/score-pass';
import type { LoadedPlugin, MetricsSetup } from './metrics-setup';
import type { ModelRun } from '../store/model-run.entity';
import { mergeNeeds, needsOf, refreshWaves } from './plugin-needs';
import { deleteValues, upsertValues } from '../store/metric-value.upsert';
import { refileSegmentMembers } from '../store/plugin-segments';
import { detailsOnRead } from '../graphql/details-on-read';
import { isAsOfNow, population, storedSummariesCover, withLinkedCustomers } from '../store/population';
import { modelFromParams } from './provider-key';
import { metricContext, readSources, streamOptions } from '../store/population-reads';
import { servedKeysOf } from './served-keys';
import { valueCells } from '../store/value-rows';
import { writeTransaction } from '../../common/concurrent-write';
import { erasedAmong } from '../../customers/customer-locks';

/** Where re-scoring runs. */
export interface RescoreEnvironment {
  ds: DataSource;
  setup: MetricsSetup;
  currency: string;
  log: Logger;
}

/** A run being re-scored for some customers. */
interface RescoreTarget extends ScoringTarget {
  lp: LoadedPlugin;
  run: ModelRun;
  ids: number[];
  idSet: Set<number>;
  served: Set<string>;
  rows: (string | number | null)[][];
  /** The customers each provider scored (those outside its relationships never have values). */
  scoredIds: Set<number>;
}

/**
 * Re-scores customers against the models of the given runs (served ones after an ingest, or a
 * refresh's new runs catching up with what was ingested while it scored), as of `asOf`, replacing
 * their values in those runs. Plugins that read others' metrics go after them, in waves; each wave
 * reads the customers once, whatever the number of plugins.
 */
export async function rescoreRuns(env: RescoreEnvironment, runs: { lp: LoadedPlugin; run: ModelRun }[], customerIds: number[], asOf: Date): Promise<void> {
  const live = runs.filter(({ lp }) => servedKeysOf(env.setup, lp).size > 0);
  if (!customerIds.length || !live.length) return;
  for (const wave of refreshWaves(env.setup, live.map(({ lp }) => lp))) {
    await rescoreWave(env, live.filter(({ lp }) => wave.includes(lp)), customerIds, asOf);
  }
}

async function rescoreWave(env: RescoreEnvironment, runs: { lp: LoadedPlugin; run: ModelRun }[], touched: number[], asOf: Date): Promise<void> {
  const { ds, setup } = env;
  const needs = mergeNeeds(runs.map(({ lp }) => needsOf(lp)));
  const reads = await readSources(ds, setup, needs);
  // A plugin reading metrics over links (referral-value reads its referrals' CLV) changes for the
  // customers linked to the touched ones too: they are re-scored with them.
  const targets: RescoreTarget[] = [];
  for (const { lp, run } of runs) {
    const n = needsOf(lp);
    const ids = n.reads.length && n.requires.has('relationships') ? await withLinkedCustomers(ds, touched, n.linkDepth) : touched;
    targets.push({
      lp, run, ids, idSet: new Set(ids), rows: [], scoredIds: new Set(), served: servedKeysOf(setup, lp), plugin: lp.plugin, providers: lp.plugin.provides,
      ctx: metricContext(lp, asOf, env.currency, env.log), needs: n,
      models: new Map(lp.plugin.provides.map((p) => [p, modelFromParams(lp.plugin.provides, p, run.params)])),
    });
  }
  const customerIds = [...new Set(targets.flatMap((t) => t.ids))];
  const storedSummaries = await storedSummariesCover(ds, asOf, env.currency, isAsOfNow(asOf));
  const source = () => population(ds, { asOf, currency: env.currency, ...streamOptions(needs, reads), customerIds, includeInternal: setup.includeInternal, storedSummaries });
  await scoreTargets(targets, source, {
    scored(t, p, subjects, outcomes) {
      const mine = subjects.map((s, i) => ({ s, o: outcomes[i] })).filter(({ s }) => t.idSet.has(s.customer.id));
      for (const { s } of mine) t.scoredIds.add(s.customer.id);
      const { rows } = valueCells(p, mine.map((x) => x.s), mine.map((x) => x.o), { runId: t.run.id, asOf, served: t.served, withDetails: !detailsOnRead(p, t.lp.config, storedSummaries) });
      t.rows.push(...rows);
    },
  });
  // Retried when it loses a lock race with a refresh or another re-score writing the same values.
  await writeTransaction(ds, { what: 'metric values' }, async (m) => {
    // An erased customer keeps no values: one erased since it was read is not written back, and a
    // refresh's new run loses those it wrote after the erasure (which marks the customer changed).
    const erased = await erasedAmong(m, customerIds);
    const live = (id: number) => !erased.has(id);
    await upsertValues(m, targets.flatMap((t) => t.rows).filter((r) => live(Number(r[2]))));
    // Values a re-score no longer yields (null now) are dropped.
    for (const t of targets) {
      for (const key of t.served) {
        const kept = new Set(t.rows.filter((r) => r[1] === key).map((r) => Number(r[2])));
        const gone = [...t.scoredIds].filter((id) => !kept.has(id) && live(id)).concat(t.ids.filter((id) => erased.has(id)));
        if (gone.length) await deleteValues(m, t.run.id, key, gone);
      }
    }
    for (const t of targets) {
      const skipped = await refileSegmentMembers(m, t.lp, t.run.id, t.ids.filter(live));
      if (skipped.length) env.log.warn({ plugin: t.lp.plugin.name, keys: skipped }, 'segments of other kinds hold keys this plugin publishes; those labels are not filed (the next refresh fails until they are deleted)');
    }
  });
}

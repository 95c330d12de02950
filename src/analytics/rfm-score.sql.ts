import type { GraphContext } from '../graphql/context';
import { badInput } from '../graphql/errors';
import { fromSqlDate, toSqlDate } from '../db/sql-date';
import { metricSources, type ServedSource } from '../metrics/host/metric-sources';
import { modelFromParams } from '../metrics/host/provider-key';
import type { ScoreBins } from '../plugin-api/plugin.contract';

const DAY_MS = 86_400_000;

/** A run serving rfm, with its observation end and how its R and F scores bin the customer's figures. */
export interface RfmScoreSource {
  runId: number;
  asOf: Date;
  bins: { r: ScoreBins; f: ScoreBins };
}

/**
 * The served rfm runs' score bins (see MetricProvider.scoreBins). A BAD_USER_INPUT on `field`
 * when rfm has no served run, or its plugin cannot say how its scores follow from the figures.
 */
export async function rfmScoreSources(ctx: GraphContext, served: ServedSource[], field: string): Promise<RfmScoreSource[]> {
  if (!served.length) throw badInput('RFM_R and RFM_F need a served rfm run: refresh the rfm plugin first', { field }, 'args');
  const params = await ctx.metrics.runParams.get(served.map((s) => s.runId));
  const asOf = new Map((await ctx.ds.query(`SELECT id, as_of FROM model_run WHERE id IN (${served.map(() => '?').join(', ')})`, served.map((s) => s.runId)) as { id: unknown; as_of: unknown }[])
    .map((r) => [Number(r.id), fromSqlDate(r.as_of)!]));
  return served.map((s) => {
    const lp = (metricSources(ctx.metrics.setup, 'rfm') ?? []).find((m) => m.lp.plugin.name === s.plugin)?.lp;
    const provider = lp?.plugin.provides.find((p) => p.kind === 'rfm');
    const bins = lp && provider?.scoreBins ? provider.scoreBins(modelFromParams(lp.plugin.provides, provider, params.get(s.runId) ?? null), lp.config) : null;
    if (!bins) throw badInput(`the rfm plugin "${s.plugin}" cannot group customers by R and F in SQL (its scores do not follow from the summary figures alone, e.g. a window)`, { field }, 'args');
    return { runId: s.runId, asOf: asOf.get(s.runId)!, bins };
  });
}

/**
 * The R or F score of customers `c` under the run that serves each one (`value` is the alias of
 * their LEFT JOINed served rfm value): null for customers without one. Each score is 1 plus the
 * cut points its figure is above, compared with bounds computed here (recency: the last purchase
 * at or before asOf minus the whole days), so no date arithmetic runs per row.
 */
export function rfmScoreSql(value: string, which: 'r' | 'f', sources: RfmScoreSource[], param: (v: unknown) => string): string {
  const branch = (s: RfmScoreSource): string => {
    const b = s.bins[which];
    const above = b.cutPoints.map((p) => (b.figure === 'purchaseCount'
      ? `CASE WHEN c.stat_purchase_count > ${param(p)} THEN 1 ELSE 0 END`
      // Whole days since the last purchase > p: the purchase at least floor(p) + 1 days before asOf.
      : `CASE WHEN c.stat_last_purchase_at <= ${param(toSqlDate(new Date(s.asOf.getTime() - (Math.floor(p) + 1) * DAY_MS)))} THEN 1 ELSE 0 END`));
    const sum = above.length ? above.join(' + ') : '0';
    return b.descending ? `(${b.cutPoints.length + 1} - (${sum}))` : `(1 + ${sum})`;
  };
  return `CASE ${sources.map((s) => `WHEN ${value}.run_id = ${param(s.runId)} THEN ${branch(s)}`).join(' ')} END`;
}

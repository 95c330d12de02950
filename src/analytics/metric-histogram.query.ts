import type { CustomerFilter } from '../customers/customer-filter.input';
import { customerQuery } from '../customers/customer-query';
import { isMysql } from '../db/dialect';
import type { GraphContext } from '../graphql/context';
import { resolveMetricRuns } from '../metrics/graphql/metric-run-resolution';
import { DimensionSql } from './customer-dimension';
import { HistogramScale, type MetricHistogram } from './metric-histogram.types';
import { queryWithTimeLimit } from './statement-time-limit';

export interface MetricHistogramArgs {
  key: string;
  filter: CustomerFilter | null;
  bins: number;
  scale: HistogramScale;
}

const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

/**
 * The histogram of a served metric over the customers of a filter, in three grouped statements on
 * the database (extremes and totals; the bins; the top 10% and 1%), each bounded by the
 * aggregate time limit. No value is read into memory.
 */
export async function metricHistogram(ctx: GraphContext, a: MetricHistogramArgs): Promise<MetricHistogram> {
  const runs = await resolveMetricRuns(ctx, [{ key: a.key, field: 'key' }, ...(a.filter?.metrics ?? []).map((m) => ({ key: m.key, field: 'filter.metrics' }))]);
  const mysql = isMysql(ctx.ds);
  const log = a.scale === HistogramScale.LOG;
  /** The filtered customers with the metric's value as `m.value`, selecting `select`. */
  const run = async (select: string[], where?: string, tail?: (sql: string) => string) => {
    const qb = customerQuery(ctx.ds, a.filter, runs);
    const dims = new DimensionSql(mysql, (key) => runs.get(key) ?? []);
    const m = dims.metric(a.key);
    qb.select(select.map((s) => s.replace(/\bm\.value\b/g, `${m}.value`)));
    for (const j of dims.joins) qb.leftJoin(j.table, j.alias, j.on);
    if (where) qb.andWhere(where.replace(/\bm\.value\b/g, `${m}.value`));
    qb.setParameters({ ...qb.getParameters(), ...dims.params });
    const [sql, params] = qb.getQueryAndParameters();
    return queryWithTimeLimit<Record<string, unknown>>(ctx.ds, tail ? tail(sql) : sql, params, ctx.config.aggregateTimeLimitSeconds, 'metricHistogram');
  };

  const [s] = await run([
    'COUNT(*) AS customers', 'COUNT(m.value) AS valued', 'MIN(m.value) AS lo', 'MAX(m.value) AS hi', 'SUM(m.value) AS total',
    'SUM(CASE WHEN m.value > 0 THEN 1 ELSE 0 END) AS positive', 'MIN(CASE WHEN m.value > 0 THEN m.value END) AS lo_positive',
  ]);
  const valued = Number(s.valued);
  const total = num(s.total);
  const out: MetricHistogram = {
    key: a.key, customers: Number(s.customers), valued, min: num(s.lo), max: num(s.hi), total,
    mean: valued && total !== null ? total / valued : null,
    nonPositive: log ? valued - Number(s.positive ?? 0) : 0,
    topDecileShare: null, topPercentileShare: null, bins: [],
  };
  if (!valued) return out;

  // Bin edges on the value, or on its log10 for LOG (positive values only).
  const lo = log ? (num(s.lo_positive) === null ? null : Math.log10(Number(s.lo_positive))) : Number(s.lo);
  const hi = log ? (out.max !== null && out.max > 0 ? Math.log10(out.max) : null) : Number(s.hi);
  if (lo !== null && hi !== null) {
    const count = hi > lo ? a.bins : 1;
    const width = hi > lo ? (hi - lo) / count : 1;
    const x = log ? 'LOG10(m.value)' : 'm.value';
    const index = `FLOOR((${x} - ${lo}) / ${width})`;
    // The highest value falls on the upper edge of the last bin, and belongs to it; the lowest
    // stays in the first even where the database's log10 differs from ours in the last digit.
    const bin = mysql ? `GREATEST(LEAST(${index}, ${count - 1}), 0)` : `MAX(MIN(${index}, ${count - 1}), 0)`;
    const rows = await run([`${bin} AS b`, 'COUNT(*) AS n', 'SUM(m.value) AS total'], log ? 'm.value > 0' : 'm.value IS NOT NULL', (sql) => `${sql} GROUP BY b`);
    const found = new Map(rows.map((r) => [Number(r.b), r]));
    const edge = (i: number) => (log ? 10 ** (lo + i * width) : lo + i * width);
    for (let i = 0; i < count; i++) {
      const r = found.get(i);
      out.bins.push({ from: edge(i), to: i === count - 1 ? (log ? 10 ** hi : hi) : edge(i + 1), customers: r ? Number(r.n) : 0, total: r ? Number(r.total) : 0 });
    }
  }

  if (total !== null && total > 0) {
    // One sort for both shares: the top 1% is the head of the top 10%, numbered within it.
    const decile = Math.max(1, Math.ceil(valued * 0.1));
    const percentile = Math.max(1, Math.ceil(valued * 0.01));
    const [t] = await run(['m.value AS v'], 'm.value IS NOT NULL', (sql) => `SELECT SUM(t.v) AS d, SUM(CASE WHEN t.rn <= ${percentile} THEN t.v ELSE 0 END) AS p
      FROM (SELECT x.v, ROW_NUMBER() OVER (ORDER BY x.v DESC) AS rn FROM (${sql} ORDER BY v DESC LIMIT ${decile}) x) t`);
    out.topDecileShare = Number(t.d) / total;
    out.topPercentileShare = Number(t.p) / total;
  }
  return out;
}

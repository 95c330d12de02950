import type { CustomerFilter } from '../customers/customer-filter.input';
import { customerQuery } from '../customers/customer-query';
import { isMysql } from '../db/dialect';
import type { GraphContext } from '../graphql/context';
import { badInput } from '../graphql/errors';
import { resolveMetricRuns } from '../metrics/graphql/metric-run-resolution';
import { CustomerDimension, DIMENSION_FIELD, dimensionSql, LABEL_DIMENSIONS, noDimensions, NUMERIC_DIMENSIONS } from './customer-dimension';
import { CustomerMeasure, type CustomerStatsRow } from './customer-stats.types';
import type { Granularity } from './period.sql';
import { queryWithTimeLimit } from './statement-time-limit';

export interface CustomerStatsArgs {
  filter: CustomerFilter | null;
  groupBy: CustomerDimension[];
  cohort: Granularity;
  measures: CustomerMeasure[];
  metricAverages: string[];
  limit: number;
}

const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
const money = (v: unknown) => (v === null || v === undefined ? null : Math.round(Number(v) * 10_000) / 10_000);

/**
 * Customers grouped by dimensions, with the measures asked for: one grouped statement on the
 * database (customer rows and served metric values joined by key), bounded by the
 * aggregate time limit. Groups come ordered by their dimensions.
 */
export async function customerStats(ctx: GraphContext, a: CustomerStatsArgs): Promise<CustomerStatsRow[]> {
  const wanted = new Set(a.measures);
  const metricKeys = [
    ...a.groupBy.flatMap((d) => (LABEL_DIMENSIONS[d] ? [{ key: LABEL_DIMENSIONS[d]!, field: 'groupBy' }] : [])),
    ...(wanted.has(CustomerMeasure.AVERAGE_CLV) || wanted.has(CustomerMeasure.TOTAL_CLV) ? [{ key: 'clv', field: 'measures' }] : []),
    ...(wanted.has(CustomerMeasure.AVERAGE_CHURN_PROBABILITY) ? [{ key: 'churn', field: 'measures' }] : []),
    ...a.metricAverages.map((key) => ({ key, field: 'metricAverages' })),
    ...(a.filter?.metrics ?? []).map((m) => ({ key: m.key, field: 'filter.metrics' })),
  ];
  const runs = await resolveMetricRuns(ctx, metricKeys);
  const mysql = isMysql(ctx.ds);
  const qb = customerQuery(ctx.ds, a.filter, runs);
  const dims = await dimensionSql(ctx, mysql, runs, a.groupBy, 'groupBy');
  const select: string[] = [];
  const group: string[] = [];
  a.groupBy.forEach((d, i) => {
    const expr = dims.expression(d, a.cohort);
    select.push(`${expr} AS d${i}`);
    group.push(expr);
  });
  const measure = (m: CustomerMeasure, sql: string) => { if (wanted.has(m)) select.push(`${sql} AS ${m.toLowerCase()}`); };
  measure(CustomerMeasure.COUNT, 'COUNT(*)');
  measure(CustomerMeasure.REVENUE, 'SUM(c.stat_revenue)');
  // Summary figures are read from their copy on the customer row (CustomerStats): no join.
  measure(CustomerMeasure.MARGIN, 'SUM(c.stat_purchase_margin - c.stat_refund_margin)');
  if (wanted.has(CustomerMeasure.AVERAGE_CLV) || wanted.has(CustomerMeasure.TOTAL_CLV)) {
    const clv = dims.metric('clv');
    measure(CustomerMeasure.AVERAGE_CLV, `AVG(${clv}.value)`);
    measure(CustomerMeasure.TOTAL_CLV, `SUM(${clv}.value)`);
  }
  if (wanted.has(CustomerMeasure.AVERAGE_CHURN_PROBABILITY)) measure(CustomerMeasure.AVERAGE_CHURN_PROBABILITY, `AVG(${dims.metric('churn')}.value)`);
  measure(CustomerMeasure.AVERAGE_SATISFACTION_GAP, 'AVG(c.stat_satisfaction_gap_sum / NULLIF(c.stat_scored_survey_count, 0))');
  a.metricAverages.forEach((key, i) => {
    const m = dims.metric(key);
    select.push(`AVG(${m}.value) AS ma${i}`, `COUNT(${m}.value) AS mn${i}`);
  });
  if (!select.length) throw badInput('ask for at least one measure or metric average', { field: 'measures' }, 'args');

  qb.select(select);
  for (const j of dims.joins) qb.leftJoin(j.table, j.alias, j.on);
  qb.setParameters({ ...qb.getParameters(), ...dims.params });
  if (group.length) qb.groupBy(group.join(', ')).orderBy(group.join(', '));
  qb.limit(a.limit + 1);
  const [sql, params] = qb.getQueryAndParameters();
  const rows = await queryWithTimeLimit<Record<string, unknown>>(ctx.ds, sql, params, ctx.config.aggregateTimeLimitSeconds, 'customerStats');
  if (rows.length > a.limit) throw badInput(`there are more than ${a.limit} groups: raise \`limit\` (at most 10000) or group by fewer dimensions`, { field: 'limit' }, 'args');

  return rows.map((r) => {
    const row = {
      ...noDimensions(),
      count: wanted.has(CustomerMeasure.COUNT) ? Number(r.count) : null,
      revenue: money(r.revenue), margin: money(r.margin), averageClv: num(r.average_clv), totalClv: money(r.total_clv),
      averageChurnProbability: num(r.average_churn_probability), averageSatisfactionGap: num(r.average_satisfaction_gap),
      metricAverages: a.metricAverages.map((key, i) => ({ key, average: num(r[`ma${i}`]), count: Number(r[`mn${i}`] ?? 0) })),
    } as CustomerStatsRow;
    a.groupBy.forEach((d, i) => {
      const v = r[`d${i}`];
      (row as unknown as Record<string, unknown>)[DIMENSION_FIELD[d]] = v === null || v === undefined ? null : NUMERIC_DIMENSIONS.has(d) ? Number(v) : String(v);
    });
    return row;
  });
}

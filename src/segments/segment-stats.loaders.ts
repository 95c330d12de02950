import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { pushTo } from '../common/multimap';
import { type ServedSource, sourceCondition } from '../metrics/host/metric-sources';
import { servedMembership } from './segment-member.entity';

/** Net revenue of every member (base currency) of many segments, in one statement. */
export function segmentRevenueLoader(ds: DataSource) {
  return new DataLoader<number, number>(async (segmentIds) => {
    const rows = await ds.createQueryBuilder().from('segment_member', 'sm')
      .select('sm.segment_id', 'sid').addSelect('SUM(c.stat_revenue)', 'revenue')
      .innerJoin('customer', 'c', 'c.id = sm.customer_id AND c.erased_at IS NULL')
      .where('sm.segment_id IN (:...ids)', { ids: [...segmentIds] })
      .andWhere(servedMembership('sm'))
      .groupBy('sm.segment_id')
      .getRawMany<{ sid: number; revenue: string | number | null }>();
    const sums = new Map(rows.map((r) => [Number(r.sid), Number(r.revenue ?? 0)]));
    return segmentIds.map((id) => Math.round((sums.get(id) ?? 0) * 10_000) / 10_000);
  });
}

export interface SegmentMetricKey {
  segmentId: number;
  metricKey: string;
  /** The runs serving the metric (one per kind of customer when a core kind is routed). */
  sources: ServedSource[];
}

const metricGroup = (k: SegmentMetricKey) => `${k.metricKey}|${k.sources.map((s) => `${s.runId}:${s.relationship ?? '*'}`).join(',')}`;

/** Mean served value of one metric over the members of many segments (members without a value are left out). */
export function segmentMetricAverageLoader(ds: DataSource) {
  return new DataLoader<SegmentMetricKey, { average: number | null; count: number }, string>(
    async (keys) => {
      const out = new Map<string, { average: number | null; count: number }>();
      const byMetric = new Map<string, SegmentMetricKey[]>();
      for (const k of keys) pushTo(byMetric, metricGroup(k), k);
      for (const group of byMetric.values()) {
        const { metricKey, sources } = group[0];
        const served = sourceCondition('mv', 'c', sources, 'run');
        const rows = await ds.createQueryBuilder().from('segment_member', 'sm')
          .select('sm.segment_id', 'sid').addSelect('AVG(mv.value)', 'average').addSelect('COUNT(mv.value)', 'n')
          .innerJoin('customer', 'c', 'c.id = sm.customer_id')
          .innerJoin('metric_value', 'mv', `mv.customer_id = sm.customer_id AND ${served.sql} AND mv.metric_key = :metricKey`, { ...served.params, metricKey })
          .where('sm.segment_id IN (:...ids)', { ids: group.map((k) => k.segmentId) })
          .andWhere(servedMembership('sm'))
          .groupBy('sm.segment_id')
          .getRawMany<{ sid: number; average: string | number | null; n: string | number }>();
        for (const r of rows) out.set(`${Number(r.sid)}|${metricGroup(group[0])}`, { average: r.average === null ? null : Number(r.average), count: Number(r.n) });
      }
      return keys.map((k) => out.get(`${k.segmentId}|${metricGroup(k)}`) ?? { average: null, count: 0 });
    },
    { cacheKeyFn: (k) => `${k.segmentId}|${metricGroup(k)}` },
  );
}

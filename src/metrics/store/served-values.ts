import type { DataSource } from 'typeorm';
import { type ServedSource, sourceFor } from '../host/metric-sources';
import type { MetricLink } from '../../plugin-api/plugin.contract';

// The metrics of other plugins that a provider `reads`, as the population hands them over.

/** The served value of each read key for many customers: the run that serves each customer's relationship. */
export async function servedValues(ds: DataSource, ids: number[], reads: Map<string, ServedSource[]>): Promise<Map<string, number | null>> {
  const out = new Map<string, number | null>();
  const runIds = [...new Set([...reads.values()].flat().map((s) => s.runId))];
  if (!runIds.length || !ids.length) return out;
  for (let i = 0; i < ids.length; i += 1000) {
    const rows = await ds.createQueryBuilder().from('metric_value', 'mv')
      .innerJoin('customer', 'c', 'c.id = mv.customer_id')
      .select('mv.customer_id', 'cid').addSelect('mv.metric_key', 'mkey').addSelect('mv.run_id', 'rid').addSelect('mv.value', 'value').addSelect('c.relationship', 'rel')
      .where('mv.customer_id IN (:...ids)', { ids: ids.slice(i, i + 1000) })
      .andWhere('mv.metric_key IN (:...keys)', { keys: [...reads.keys()] })
      .andWhere('mv.run_id IN (:...runIds)', { runIds })
      .getRawMany<{ cid: number; mkey: string; rid: number; value: number | string | null; rel: string }>();
    for (const r of rows) {
      if (sourceFor(reads.get(r.mkey) ?? [], r.rel)?.runId === Number(r.rid)) out.set(`${Number(r.cid)}|${r.mkey}`, r.value === null ? null : Number(r.value));
    }
  }
  return out;
}

export function metricsOf(values: Map<string, number | null>, customerId: number, reads: Map<string, ServedSource[]>): Record<string, number | null> {
  return Object.fromEntries([...reads.keys()].map((k) => [k, values.get(`${customerId}|${k}`) ?? null]));
}

export function attachMetrics(list: MetricLink[], values: Map<string, number | null>, reads: Map<string, ServedSource[]>): void {
  for (const l of list) {
    l.metrics = metricsOf(values, l.customerId, reads);
    if (l.links) attachMetrics(l.links, values, reads);
  }
}

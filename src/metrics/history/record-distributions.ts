import type { DataSource } from 'typeorm';
import type { ModelRun } from '../store/model-run.entity';
import { MetricDistribution } from './metric-distribution.entity';

const PERCENTILES = [10, 25, 50, 75, 90] as const;

/**
 * Records the distribution of every metric key run `run` wrote: count, mean, extremes,
 * percentiles and label counts, each a grouped statement over the run's index range (the
 * percentiles in one ordered pass with ROW_NUMBER), so that metricHistory keeps them after the
 * run's values are dropped.
 */
export async function recordDistributions(ds: DataSource, run: Pick<ModelRun, 'id' | 'plugin' | 'asOf'>, now = new Date()): Promise<void> {
  const keys = (await ds.query('SELECT DISTINCT metric_key AS k FROM metric_value WHERE run_id = ?', [run.id]) as { k: string }[]).map((r) => r.k);
  for (const key of keys) {
    const at = [run.id, key];
    const [s] = await ds.query(
      'SELECT COUNT(*) AS n, COUNT(value) AS nv, AVG(value) AS mean, MIN(value) AS lo, MAX(value) AS hi FROM metric_value WHERE run_id = ? AND metric_key = ?', at,
    ) as { n: unknown; nv: unknown; mean: unknown; lo: unknown; hi: unknown }[];
    const valued = Number(s.nv);
    const ranks = PERCENTILES.map((p) => Math.max(1, Math.ceil((p / 100) * valued)));
    const rows = valued ? await ds.query(
      `SELECT rn, value FROM (SELECT value, ROW_NUMBER() OVER (ORDER BY value) AS rn FROM metric_value WHERE run_id = ? AND metric_key = ? AND value IS NOT NULL) v
       WHERE rn IN (${ranks.map(() => '?').join(', ')})`, [...at, ...ranks],
    ) as { rn: unknown; value: unknown }[] : [];
    const byRank = new Map(rows.map((r) => [Number(r.rn), Number(r.value)]));
    const labels = await ds.query(
      'SELECT label, COUNT(*) AS n FROM metric_value WHERE run_id = ? AND metric_key = ? AND label IS NOT NULL GROUP BY label ORDER BY n DESC, label LIMIT 100', at,
    ) as { label: string; n: unknown }[];
    const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
    await ds.getRepository(MetricDistribution).upsert({
      runId: run.id, metricKey: key, plugin: run.plugin, asOf: run.asOf, recordedAt: now, customers: Number(s.n), valued,
      mean: num(s.mean), min: num(s.lo), max: num(s.hi),
      p10: byRank.get(ranks[0]) ?? null, p25: byRank.get(ranks[1]) ?? null, p50: byRank.get(ranks[2]) ?? null, p75: byRank.get(ranks[3]) ?? null, p90: byRank.get(ranks[4]) ?? null,
      labels: labels.map((l) => ({ label: l.label, count: Number(l.n) })),
    }, ['runId', 'metricKey']);
  }
}

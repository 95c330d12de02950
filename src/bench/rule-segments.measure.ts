import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { servedMetricKeys } from '../metrics/host/metric-sources';
import type { MetricsRuntime } from '../metrics/host/metrics-runtime';
import { noReservedKeys } from '../segments/reserved-segment-key';
import { RuleSegments } from '../segments/rules/rule-segments';
import type { SegmentRuleInput } from '../segments/rules/segment-rule.input';
import { deleteSegment, upsertSegment } from '../segments/segment.service';

/** The reference a rule segment's evaluation is held to: one GROUP BY over the whole summary table. */
export const SUMMARY_GROUP_BY = `SELECT purchase_count, COUNT(*) AS n, SUM(gross_revenue) AS revenue, MAX(last_purchase_at) AS last_at
  FROM customer_summary GROUP BY purchase_count`;

export interface RuleMeasure {
  key: string;
  description: string;
  /** Creating the segment: the rule stored and every customer evaluated (members inserted). */
  createSeconds: number;
  /** Evaluating it again over every customer when nothing changed (what every refresh does), `concurrency` ranges at a time. */
  reevaluateSeconds: number;
  /** The same, one range at a time (one connection). */
  oneLaneSeconds: number;
  members: number;
}

const RULES: { key: string; description: string; rule: SegmentRuleInput }[] = [
  {
    key: 'bench-rule-summary',
    description: 'country IN (3) and revenue >= 100 and daysSinceLastPurchase > 90 (customer fields and figures)',
    rule: { and: [{ field: 'country', op: 'IN', value: ['VN', 'DE', 'US'] }, { field: 'revenue', op: 'GTE', value: 100 }, { field: 'daysSinceLastPurchase', op: 'GT', value: 90 }] },
  },
  {
    key: 'bench-rule-metrics',
    description: 'RFM label in (At Risk, Can\'t Lose Them) or CLV > 200 (served metric values)',
    rule: { or: [{ field: 'labels.rfm', op: 'IN', value: ['At Risk', "Can't Lose Them"] }, { field: 'metrics.clv', op: 'GT', value: 200 }] },
  },
  {
    key: 'bench-rule-mixed',
    description: 'averageOrderValue > 50 and a purchase in the last 365 days (summary figures on the customer row)',
    rule: { and: [{ field: 'averageOrderValue', op: 'GT', value: 50 }, { interaction: { types: ['PURCHASE' as never], withinDays: 365 } }] },
  },
];

/** Seconds of the warm SUMMARY_GROUP_BY (the second of two runs). */
export async function measureSummaryGroupBy(ds: DataSource): Promise<number> {
  await ds.query(SUMMARY_GROUP_BY);
  const started = performance.now();
  await ds.query(SUMMARY_GROUP_BY);
  return (performance.now() - started) / 1000;
}

/**
 * Creates each bench rule segment through the same path as `upsertSegment` and times it, then
 * times a re-evaluation of each over every customer (`concurrency` ranges at a time, then one at
 * a time), then deletes them all: a deletion leaves InnoDB's purge thread busy with the removed
 * members for seconds, which a re-evaluation timed right after it would share a core with.
 */
export async function measureRuleSegments(ds: DataSource, metrics: MetricsRuntime, log: Logger, concurrency: number): Promise<RuleMeasure[]> {
  const options = { intervalMinutes: 0, changesRetentionDays: 90 };
  const segments = new RuleSegments(ds, metrics, log, { ...options, concurrency });
  const oneLane = new RuleSegments(ds, metrics, log, { ...options, concurrency: 1 });
  const context = { segments, metricKeys: new Set(servedMetricKeys(metrics.setup)), createdBy: 'bench' };
  const seconds = async (work: () => Promise<unknown>) => {
    const started = performance.now();
    await work();
    return (performance.now() - started) / 1000;
  };
  const created: { id: number; createSeconds: number }[] = [];
  for (const r of RULES) {
    await deleteSegment(ds, r.key, noReservedKeys, []).catch(() => undefined);
    let id = 0;
    const createSeconds = await seconds(async () => {
      id = (await upsertSegment(ds, new Date(), { key: r.key, name: r.key, rule: r.rule }, noReservedKeys, context)).id;
    });
    created.push({ id, createSeconds });
  }
  const out: RuleMeasure[] = [];
  for (const [i, r] of RULES.entries()) {
    const reevaluateSeconds = await seconds(() => segments.evaluateAll([r.key]));
    const oneLaneSeconds = await seconds(() => oneLane.evaluateAll([r.key]));
    const [{ n }] = await ds.query('SELECT COUNT(*) AS n FROM segment_member WHERE segment_id = ?', [created[i].id]) as { n: number | string }[];
    out.push({ key: r.key, description: r.description, createSeconds: created[i].createSeconds, reevaluateSeconds, oneLaneSeconds, members: Number(n) });
  }
  for (const r of RULES) await deleteSegment(ds, r.key, noReservedKeys, []);
  return out;
}

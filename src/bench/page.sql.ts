import type { DataSource } from 'typeorm';
import type { MetricsSetup } from '../metrics/host/metrics-setup';
import { metricSources } from '../metrics/host/metric-sources';

/** One customer of the page as the hand-written SQL assembles it. */
export interface HandPageCustomer {
  id: number;
  externalId: string;
  name: string | null;
  relationship: string;
  summary: Record<string, unknown> | null;
  metrics: Record<string, { value: number | null; label: string | null; data: unknown }>;
  interactions: { id: number; occurredAt: unknown; type: string; channel: string; amount: unknown }[];
}

type Row = Record<string, unknown>;
const placeholders = (n: number) => Array.from({ length: n }, () => '?').join(', ');

/**
 * The same page as `customers(first: n, orderBy: { metric: "clv", direction: DESC })` with
 * summary, rfm, clv, churn and interactions(first: 5), fetched by hand in five statements: the
 * served runs; the top n by CLV (one index-ordered top-n per route, merged); the rfm, clv and
 * churn values of those customers; their customer_summary rows; and their 5 latest interactions each (a
 * window function). Rows are assembled into objects like the API's.
 */
export async function pageBySql(ds: DataSource, setup: MetricsSetup, first: number): Promise<HandPageCustomer[]> {
  const runs = new Map(((await ds.query('SELECT plugin, run_id FROM metric_current')) as Row[]).map((r) => [String(r.plugin), Number(r.run_id)]));
  const routes = (metricSources(setup, 'clv') ?? []).flatMap((s) => {
    const run = runs.get(s.lp.plugin.name);
    return run === undefined ? [] : [{ run, relationship: s.relationship }];
  });
  if (!routes.length) return [];
  const perRoute = routes.map((r, i) => `SELECT * FROM (SELECT c.id, c.external_id, c.name, c.relationship, mv.value AS sort_value
      FROM metric_value mv JOIN customer c ON c.id = mv.customer_id
      WHERE mv.run_id = ? AND mv.metric_key = 'clv' AND c.erased_at IS NULL${r.relationship ? ' AND c.relationship = ?' : ''}
      ORDER BY mv.value DESC, mv.customer_id DESC LIMIT ${first}) r${i}`);
  const page = (await ds.query(
    `${perRoute.join(' UNION ALL ')} ORDER BY sort_value DESC, id DESC LIMIT ${first}`,
    routes.flatMap((r) => (r.relationship ? [r.run, r.relationship] : [r.run])),
  )) as Row[];
  const ids = page.map((r) => Number(r.id));
  if (!ids.length) return [];

  const kinds = ['rfm', 'clv', 'churn'];
  const servedRuns = kinds.flatMap((k) => (metricSources(setup, k) ?? []).flatMap((s) => runs.get(s.lp.plugin.name) ?? []));
  const values = servedRuns.length
    ? ((await ds.query(
      `SELECT customer_id, run_id, metric_key, value, label, data FROM metric_value
       WHERE run_id IN (${placeholders(servedRuns.length)}) AND metric_key IN ('rfm', 'clv', 'churn') AND customer_id IN (${placeholders(ids.length)})`,
      [...servedRuns, ...ids],
    )) as Row[])
    : [];

  const summaries = (await ds.query(`SELECT * FROM customer_summary WHERE customer_id IN (${placeholders(ids.length)})`, ids)) as Row[];

  const latest = (await ds.query(
    `SELECT id, customer_id, occurred_at, type, channel, amount FROM (
       SELECT i.id, i.customer_id, i.occurred_at, i.type, i.channel, i.amount,
         ROW_NUMBER() OVER (PARTITION BY i.customer_id ORDER BY i.occurred_at DESC, i.id DESC) AS rn
       FROM interaction i WHERE i.customer_id IN (${placeholders(ids.length)})) t
     WHERE rn <= 5 ORDER BY customer_id, rn`,
    ids,
  )) as Row[];

  const byCustomer = new Map<number, HandPageCustomer>(page.map((r) => [Number(r.id), {
    id: Number(r.id), externalId: String(r.external_id), name: r.name === null ? null : String(r.name), relationship: String(r.relationship),
    summary: null, metrics: {}, interactions: [],
  }]));
  for (const v of values) {
    const c = byCustomer.get(Number(v.customer_id));
    if (!c) continue;
    const run = Number(v.run_id);
    const key = String(v.metric_key);
    // A core kind served per relationship: keep the value of this customer's route.
    const route = (metricSources(setup, key) ?? []).find((s) => runs.get(s.lp.plugin.name) === run);
    if (route?.relationship && route.relationship !== c.relationship) continue;
    c.metrics[key] = { value: v.value === null ? null : Number(v.value), label: v.label === null ? null : String(v.label), data: v.data === null ? null : JSON.parse(String(v.data)) };
  }
  for (const s of summaries) {
    const c = byCustomer.get(Number(s.customer_id));
    if (!c) continue;
    c.summary = { ...s, counts: JSON.parse(String(s.counts ?? '{}')) };
  }
  for (const i of latest) {
    byCustomer.get(Number(i.customer_id))?.interactions.push({
      id: Number(i.id), occurredAt: i.occurred_at, type: String(i.type), channel: String(i.channel), amount: i.amount === null ? null : Number(i.amount),
    });
  }
  return [...byCustomer.values()];
}

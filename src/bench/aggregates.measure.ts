import type { DataSource } from 'typeorm';
import { encodeCursor } from '../graphql/cursor';
import { type GraphqlEndpoint, postGraphql } from './graphql.client';

/** One BI query through the API: what it asks, its median time over the runs, and the rows it returned. */
export interface AggregateMeasure {
  description: string;
  seconds: number;
  rows: number;
  /** Why it has no time (TIME_LIMIT: past AGGREGATE_TIME_LIMIT_SECONDS). */
  error?: string;
}

const AGGREGATES: { description: string; query: string; rows: (data: Record<string, unknown>) => number }[] = [
  {
    description: 'customerStats by value tier x country: count, revenue, margin, average CLV and churn probability',
    query: '{ customerStats(groupBy: [VALUE_TIER, COUNTRY], measures: [COUNT, REVENUE, MARGIN, AVERAGE_CLV, AVERAGE_CHURN_PROBABILITY]) { valueTier country count revenue } }',
    rows: (d) => (d.customerStats as unknown[]).length,
  },
  {
    description: 'customerStats by RFM segment x acquisition cohort (quarter): count, total CLV',
    query: '{ customerStats(groupBy: [RFM_SEGMENT, ACQUISITION_COHORT], cohort: QUARTER, measures: [COUNT, TOTAL_CLV], limit: 5000) { rfmSegment acquisitionCohort count } }',
    rows: (d) => (d.customerStats as unknown[]).length,
  },
  {
    description: 'interactionStats by month x type, every interaction: count, distinct customers, revenue',
    query: '{ interactionStats(granularity: MONTH, groupBy: [TYPE], limit: 5000) { period type count customers revenue } }',
    rows: (d) => (d.interactionStats as unknown[]).length,
  },
  {
    description: 'the same without distinct customers (count, revenue)',
    query: '{ interactionStats(granularity: MONTH, groupBy: [TYPE], limit: 5000) { period type count revenue } }',
    rows: (d) => (d.interactionStats as unknown[]).length,
  },
  {
    description: 'customerStats by RFM_R x RFM_F (the R x F grid): count, revenue',
    query: '{ customerStats(groupBy: [RFM_R, RFM_F], measures: [COUNT, REVENUE]) { rfmR rfmF count revenue } }',
    rows: (d) => (d.customerStats as unknown[]).length,
  },
  {
    description: 'metricHistogram of CLV: 20 log-scale bins, the top 10% and 1% shares',
    query: '{ metricHistogram(key: "clv", bins: 20, scale: LOG) { valued topDecileShare topPercentileShare bins { customers } } }',
    rows: (d) => (d.metricHistogram as { bins: unknown[] }).bins.length,
  },
  {
    description: 'every segment with its entries and exits of the last 30 days',
    query: `{ segments { key changeCounts(since: "${new Date(Date.now() - 30 * 86_400_000).toISOString()}") { entered left } } }`,
    rows: (d) => (d.segments as unknown[]).length,
  },
  {
    description: 'cohortRetention, monthly cohorts, 12 periods',
    query: '{ cohortRetention(granularity: MONTH, periods: 12) { cohort period cohortSize active share revenue } }',
    rows: (d) => (d.cohortRetention as unknown[]).length,
  },
];

const TABLE_PAGE = 'query($after: String) { customerTable(first: 1000, after: $after) { rows pageInfo { endCursor } } }';

async function median(runs: number, once: () => Promise<number>): Promise<{ seconds: number; rows: number; error?: string }> {
  let rows = 0;
  const times: number[] = [];
  // Any run past the time limit (the warm one or a timed one) is reported, not thrown.
  try {
    await once(); // warm
    for (let i = 0; i < runs; i += 1) {
      const started = performance.now();
      rows = await once();
      times.push((performance.now() - started) / 1000);
    }
  } catch (err) {
    return { seconds: NaN, rows: 0, error: err instanceof Error ? err.message : String(err) };
  }
  times.sort((a, b) => a - b);
  return { seconds: times[Math.floor(times.length / 2)]!, rows };
}

/**
 * Times the BI aggregates through the API (median of `runs`, after a warm run), and a page of
 * the flat customer table (1,000 rows, every column) at the start, the middle and the end of
 * the id order: keyset paging should cost the same anywhere.
 */
export async function measureAggregates(endpoint: GraphqlEndpoint, ds: DataSource, runs = 3): Promise<AggregateMeasure[]> {
  const out: AggregateMeasure[] = [];
  for (const a of AGGREGATES) {
    out.push({ description: a.description, ...await median(runs, async () => a.rows(await postGraphql<Record<string, unknown>>(endpoint, a.query))) });
  }
  const [{ total }] = await ds.query('SELECT COUNT(*) AS total FROM customer') as { total: unknown }[];
  for (const [where, share] of [['start', 0], ['middle', 0.5], ['end', 0.9]] as const) {
    const skip = Math.floor(Number(total) * share);
    const [row] = skip ? await ds.query('SELECT id FROM customer ORDER BY id LIMIT 1 OFFSET ?', [skip]) as { id: unknown }[] : [];
    const after = row ? encodeCursor('TABLE', Number(row.id), Number(row.id)) : null;
    out.push({
      description: `customerTable page of 1,000 rows (every column) at the ${where} (after ${skip.toLocaleString('en-US')} customers)`,
      ...await median(runs, async () => ((await postGraphql<{ customerTable: { rows: unknown[] } }>(endpoint, TABLE_PAGE, { after })).customerTable.rows.length)),
    });
  }
  return out;
}

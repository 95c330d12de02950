import type { DataSource } from 'typeorm';
import type { MetricsSetup } from '../metrics/host/metrics-setup';
import { type GraphqlEndpoint, postGraphql } from './graphql.client';
import { percentile, timed } from './latency.stats';
import { pageBySql } from './page.sql';
import type { StatementCountSink } from './statement-count.sink';

const pageQuery = (metrics: string) => `query PageByClv($first: Int) {
  customers(first: $first, orderBy: { metric: "clv", direction: DESC }) {
    edges { node {
      id externalId name relationship
      summary { purchaseCount purchaseDays revenue totalMargin averageOrderValue firstPurchaseAt lastPurchaseAt interactionCount interactionsByType { type count } }
      ${metrics}
      interactions(first: 5) { edges { node { id occurredAt type channel amount } } }
    } }
  } }`;

/** The stored headline of each metric: what the hand-written SQL reads too. */
export const PAGE_QUERY = pageQuery('rfm { score segment } clv { value model } churn { probability model }');
/** With the details some plugins compute on read (r, f, m; P(alive), expected purchases). */
export const PAGE_DETAIL_QUERY = pageQuery('rfm { r f m score segment } clv { value model pAlive expectedPurchases } churn { probability pAlive model }');

type PageData = { customers: { edges: { node: { id: string } }[] } };

export interface PageResult {
  graphqlP50Ms: number;
  /** The same page with the metric details, API only. */
  detailP50Ms: number;
  /** Null when no CLV value is served yet (the hand-written page would be empty). */
  sqlP50Ms: number | null;
  /** Whether the hand-written SQL found the same customers in the same order. */
  sameCustomers: boolean;
  /** SQL statements of one request, by page: `first: 10`, `first: 100`, `first: 100 with details`. */
  statements: Map<string, number | undefined>;
}

/**
 * A page of customers by CLV through the API (p50 of `runs`, after one warm-up) against the same
 * data by hand-written SQL (p50 of `runs`); the page with metric details through the API; and
 * the API's statement count of each.
 */
export async function measurePage(o: {
  endpoint: GraphqlEndpoint; ds: DataSource; setup: MetricsSetup; sink: StatementCountSink; first: number; runs: number; countSizes: number[];
}): Promise<PageResult> {
  const api = () => postGraphql<PageData>(o.endpoint, PAGE_QUERY, { first: o.first });
  const detail = () => postGraphql<PageData>(o.endpoint, PAGE_DETAIL_QUERY, { first: o.first });
  const hand = () => pageBySql(o.ds, o.setup, o.first);
  const apiIds = (await api()).customers.edges.map((e) => Number(e.node.id));
  const handIds = (await hand()).map((c) => c.id);
  await detail();
  const apiTimes: number[] = [];
  const handTimes: number[] = [];
  const detailTimes: number[] = [];
  for (let i = 0; i < o.runs; i += 1) {
    apiTimes.push((await timed(api)).ms);
    if (handIds.length) handTimes.push((await timed(hand)).ms);
    detailTimes.push((await timed(detail)).ms);
  }
  const statements = new Map<string, number | undefined>();
  const count = async (label: string, query: string, first: number) => {
    const requestId = `bench-count-page-${statements.size}-${Date.now()}`;
    await postGraphql<PageData>(o.endpoint, query, { first }, { 'x-request-id': requestId });
    statements.set(label, o.sink.statementsOf(requestId));
  };
  for (const first of o.countSizes) await count(`first: ${first}`, PAGE_QUERY, first);
  await count(`first: ${o.first} with details`, PAGE_DETAIL_QUERY, o.first);
  return {
    graphqlP50Ms: percentile(apiTimes, 0.5),
    detailP50Ms: percentile(detailTimes, 0.5),
    sqlP50Ms: handIds.length ? percentile(handTimes, 0.5) : null,
    sameCustomers: apiIds.length === handIds.length && apiIds.every((id, i) => id === handIds[i]),
    statements,
  };
}

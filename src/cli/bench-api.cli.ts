import '../server/production-mode';
import 'reflect-metadata';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config/config';
import { describeDatabase } from '../config/database-url';
import { benchDatabase } from '../bench/bench-database.target';
import { postGraphql } from '../bench/graphql.client';
import { createLogger } from '../common/logger';
import { openDatabase } from '../db/open-database';
import { createMetricsRuntime, loadMetricsSetup } from '../metrics/host/create-metrics-runtime';
import { sqlCounter } from '../db/sql-counter';
import { generateDemoData } from '../seed/demo-data.generator';
import { startBenchServer } from '../bench/bench-server';

// `npm run bench:api -- --customers 5000`: ingests demo data over HTTP into a fresh database
// (temporary SQLite, or BENCH_DATABASE_URL), then times the read paths. Prints figures only.

const PAGE_QUERY = `query Page($first: Int, $after: String) { customers(first: $first, after: $after) {
  pageInfo { hasNextPage endCursor }
  edges { node { externalId rfm { cell segment } summary { revenue purchaseCount lastPurchaseAt interactionsByType { type count } }
    interactions(first: 5) { edges { node { type occurredAt amount } } } referredBy { externalId } segments { key } } } } }`;
const FLAT_QUERY = `query Flat($first: Int, $after: String) { customers(first: $first, after: $after, orderBy: { field: REVENUE, direction: DESC }) {
  pageInfo { hasNextPage endCursor } edges { node { externalId country party } } } }`;

const METRIC_QUERY = `query ByRfm($first: Int, $after: String) { customers(first: $first, after: $after, orderBy: { metric: "rfm", direction: DESC }) {
  pageInfo { hasNextPage endCursor } edges { node { externalId rfm { score segment } } } } }`;

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { customers: { type: 'string', default: '5000' }, seed: { type: 'string', default: '7' } } });
  const db = await benchDatabase(process.env.BENCH_DATABASE_URL, 10, 'api');
  const target = db.target;
  const config = { ...loadConfig({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent' }), database: target };
  const ds = await openDatabase(target, createLogger('silent'));
  const log = createLogger('silent');
  const metrics = await createMetricsRuntime(await loadMetricsSetup(config), config, ds, log);
  const { server, endpoint } = await startBenchServer(config, ds, log, metrics);
  type Page = { pageInfo: { hasNextPage: boolean; endCursor: string }; edges: unknown[] };
  const post = (query: string, variables: Record<string, unknown>) => postGraphql<Record<string, Page>>(endpoint, query, variables);
  const line = (label: string, value: string) => process.stdout.write(`${label.padEnd(52)} ${value}\n`);
  process.stdout.write(`bench:api on ${describeDatabase(target)}, ${os.cpus().length} cores, node ${process.version}\n`);

  const data = generateDemoData({ seed: Number(values.seed), customers: Number(values.customers), end: new Date(new Date().toISOString().slice(0, 10)) });
  const ingest = async (mutation: string, items: unknown[]) => {
    const t = performance.now();
    for (let i = 0; i < items.length; i += 1000) await post(mutation, { input: items.slice(i, i + 1000) });
    return (performance.now() - t) / 1000;
  };
  const tc = await ingest('mutation($input: [CustomerInput!]!) { upsertCustomers(input: $input) { created } }', data.customers);
  line(`upsertCustomers (${data.customers.length} in batches of 1000)`, `${Math.round(data.customers.length / tc)} customers/s`);
  const ti = await ingest('mutation($input: [InteractionInput!]!) { recordInteractions(input: $input) { created } }', data.interactions);
  line(`recordInteractions (${data.interactions.length} in batches of 1000)`, `${Math.round(data.interactions.length / ti)} interactions/s`);
  const tr = await ingest('mutation($input: [InteractionInput!]!) { recordInteractions(input: $input) { unchanged } }', data.interactions);
  line('recordInteractions re-sent (idempotent no-op)', `${Math.round(data.interactions.length / tr)} interactions/s`);
  await ingest('mutation($input: [LinkInput!]!) { linkCustomers(input: $input) { created } }', data.links);

  for (const lp of metrics.setup.plugins) {
    const t = performance.now();
    const [run] = await metrics.refresh([lp.plugin.name], new Date());
    const s = (performance.now() - t) / 1000;
    line(`refresh ${lp.plugin.name} (${run.customersScored} customers, ${run.status})`, `${s.toFixed(2)} s, ${Math.round(run.customersScored / s)} customers/s`);
  }
  const rescoreT = performance.now();
  await post('mutation($input: [InteractionInput!]!) { recordInteractions(input: $input) { created } }', {
    input: data.customers.slice(0, 100).map((c, i) => ({ externalId: `bench-extra-${i}`, customerExternalId: c.externalId, occurredAt: new Date().toISOString(), type: 'PURCHASE', amount: 10 })),
  });
  line('recordInteractions of 100 purchases, incl. re-scoring', `${(performance.now() - rescoreT).toFixed(0)} ms`);

  for (const first of [10, 100]) {
    const times: number[] = [];
    let statements = 0;
    for (let k = 0; k < 30; k += 1) {
      const before = sqlCounter.total();
      const t = performance.now();
      await post(PAGE_QUERY, { first });
      times.push(performance.now() - t);
      statements = sqlCounter.total() - before;
    }
    times.sort((a, b) => a - b);
    line(`page of ${first} with summary, rfm, 5 interactions, referrer, segments`, `p50 ${times[14].toFixed(1)} ms, p95 ${times[28].toFixed(1)} ms, ${statements} SQL statements`);
  }

  const t = performance.now();
  let rows = 0;
  let after: string | undefined;
  for (;;) {
    const page = (await post(FLAT_QUERY, { first: 500, after })).customers;
    rows += page.edges.length;
    if (!page.pageInfo.hasNextPage) break;
    after = page.pageInfo.endCursor;
  }
  line(`walk all customers by revenue, pages of 500 (${rows} rows)`, `${Math.round(rows / ((performance.now() - t) / 1000))} rows/s`);
  const tm = performance.now();
  rows = 0;
  after = undefined;
  for (;;) {
    const page: { pageInfo: { hasNextPage: boolean; endCursor: string }; edges: unknown[] } = (await post(METRIC_QUERY, { first: 500, after })).customers;
    rows += page.edges.length;
    if (!page.pageInfo.hasNextPage) break;
    after = page.pageInfo.endCursor;
  }
  line(`walk all customers by RFM score, pages of 500 (${rows} rows)`, `${Math.round(rows / ((performance.now() - tm) / 1000))} rows/s`);

  await server.stop();
  await metrics.stop();
  await ds.destroy();
  db.cleanup();
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});

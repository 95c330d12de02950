import '../server/production-mode';
import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { benchDatabase } from '../bench/bench-database.target';
import { startBenchServer } from '../bench/bench-server';
import { closedLoop } from '../bench/closed-loop.load';
import { postGraphql } from '../bench/graphql.client';
import { percentile } from '../bench/latency.stats';
import { createLogger } from '../common/logger';
import { loadConfig } from '../config/config';
import { describeDatabase } from '../config/database-url';
import { openDatabase } from '../db/open-database';
import { createMetricsRuntime, loadMetricsSetup } from '../metrics/host/create-metrics-runtime';
import { generateDemoData } from '../seed/demo-data.generator';
import { seedDemoData } from '../seed/seed-demo-data';

// `npm run soak -- --minutes 60`: the real server under a steady mixed load (lookups by id, pages,
// ingest batches and, every few minutes, a refresh) on a fresh database (temporary SQLite, or
// BENCH_DATABASE_URL). Prints a line a minute (requests, errors, p50/p99, RSS) and, at the end,
// whether RSS stayed flat: the last quarter's median against the second quarter's. The server's
// own error lines (JSON) come in between.

const BY_ID = 'query($id: ID!) { customer(id: $id) { id externalId summary { revenue purchaseCount } clv { value } churn { probability } rfm { segment } } }';
const PAGE = 'query($after: String) { customers(first: 50, after: $after) { pageInfo { endCursor hasNextPage } edges { node { externalId summary { revenue } interactions(first: 3) { edges { node { type amount } } } } } } }';
const RECORD = 'mutation($input: [InteractionInput!]!) { recordInteractions(input: $input) { created } }';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { minutes: { type: 'string', default: '60' }, customers: { type: 'string', default: '5000' }, clients: { type: 'string', default: '8' } } });
  const minutes = Number(values.minutes);
  const customers = Number(values.customers);
  const db = await benchDatabase(process.env.BENCH_DATABASE_URL, 10, 'soak');
  const config = { ...loadConfig({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', RATE_LIMIT_POINTS: '0' }), database: db.target };
  // The server's error lines (JSON, LOG_LEVEL, default error) are printed among the minute lines,
  // so that an error counted below can be traced.
  const log = createLogger(process.env.LOG_LEVEL ?? 'error');
  const ds = await openDatabase(db.target, log);
  process.stdout.write(`soak: ${minutes} min on ${describeDatabase(db.target)}, ${customers} demo customers, ${values.clients} clients\n`);
  const historyEnd = new Date(`${new Date().toISOString().slice(0, 10)}T00:00:00.000Z`);
  await seedDemoData(ds, config, { seed: 11, customers, end: historyEnd });
  // The same data the seed wrote, for the external ids the ingest batches name.
  const data = generateDemoData({ seed: 11, customers, end: historyEnd });
  const metrics = await createMetricsRuntime(await loadMetricsSetup(config), config, ds, log);
  await metrics.refresh(undefined, new Date());
  const { server, endpoint } = await startBenchServer(config, ds, log, metrics);

  const end = performance.now() + minutes * 60_000;
  const stop = () => performance.now() >= end;
  let minute: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  let cursor: string | null = null;
  let written = 0;
  const rssMiB: number[] = [];
  const request = async (n: number) => {
    const t = performance.now();
    try {
      if (n % 20 === 0) {
        // One ingest batch in twenty requests: 20 purchases of known customers, never seen before.
        const input = Array.from({ length: 20 }, (_, i) => ({
          externalId: `soak-${process.pid}-${written}-${i}`, customerExternalId: data.customers[(written * 20 + i) % data.customers.length]!.externalId,
          type: 'PURCHASE', occurredAt: new Date().toISOString(), amount: 10 + (i % 7),
        }));
        written += 1;
        await postGraphql(endpoint, RECORD, { input });
      } else if (n % 5 === 0) {
        const page = await postGraphql<{ customers: { pageInfo: { endCursor: string | null; hasNextPage: boolean } } }>(endpoint, PAGE, { after: cursor });
        cursor = page.customers.pageInfo.hasNextPage ? page.customers.pageInfo.endCursor : null;
      } else {
        await postGraphql(endpoint, BY_ID, { id: String(1 + ((n * 7919) % customers)) });
      }
      minute.push(performance.now() - t);
    } catch (err) {
      errors += 1;
      firstError ??= err instanceof Error ? err.message : String(err);
    }
  };
  const ticker = setInterval(() => {
    global.gc?.();
    const rss = process.memoryUsage().rss / 2 ** 20;
    rssMiB.push(rss);
    process.stdout.write(`minute ${String(rssMiB.length).padStart(3)}: ${String(minute.length).padStart(6)} requests, ${errors} errors, p50 ${percentile(minute, 0.5).toFixed(1)} ms, p99 ${percentile(minute, 0.99).toFixed(1)} ms, RSS ${rss.toFixed(0)} MiB\n`);
    minute = [];
  }, 60_000);
  const refresher = setInterval(() => {
    metrics.refresh(undefined, new Date()).catch((err: unknown) => {
      errors += 1;
      firstError ??= String(err);
    });
  }, 5 * 60_000);
  await closedLoop({ clients: Number(values.clients), stop, request });
  clearInterval(ticker);
  clearInterval(refresher);
  await metrics.idle();

  const median = (xs: number[]) => percentile(xs, 0.5);
  const q = Math.max(1, Math.floor(rssMiB.length / 4));
  const early = median(rssMiB.slice(q, 2 * q));
  const late = median(rssMiB.slice(-q));
  process.stdout.write(`\nerrors: ${errors}${firstError ? ` (first: ${firstError})` : ''}\n`);
  process.stdout.write(`RSS: second quarter median ${early.toFixed(0)} MiB, last quarter ${late.toFixed(0)} MiB (${((late / early - 1) * 100).toFixed(1)}%): ${late <= early * 1.1 ? 'flat' : 'GROWING'}\n`);
  await server.stop();
  await metrics.stop();
  await ds.destroy();
  db.cleanup();
  process.exit(errors || late > early * 1.1 ? 1 : 0);
}

main().catch((err) => {
  process.stderr.write(`soak failed: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
  process.exit(1);
});

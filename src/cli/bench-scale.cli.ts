import '../server/production-mode';
import 'reflect-metadata';
import os from 'node:os';
import { createLogger } from '../common/logger';
import { sampleRss } from '../bench/rss.sampler';
import { loadConfig } from '../config/config';
import { describeDatabase } from '../config/database-url';
import { openDatabase } from '../db/open-database';
import { createMetricsRuntime, loadMetricsSetup } from '../metrics/host/create-metrics-runtime';
import { selectedFor } from '../metrics/host/metric-sources';
import { rebuildSummaries } from '../summaries/summary-rebuild';
import { startBareApollo } from '../bench/bare-apollo.server';
import { startBenchServer } from '../bench/bench-server';
import { benchDatabase } from '../bench/bench-database.target';
import { checkBufferPool, checkRedoLog } from '../bench/buffer-pool.check';
import { byIdLoad } from '../bench/by-id.load';
import { healthzLoad } from '../bench/healthz.load';
import type { GraphqlEndpoint } from '../bench/graphql.client';
import { after, type LoadResult } from '../bench/closed-loop.load';
import { measureAggregates } from '../bench/aggregates.measure';
import { measureBacktest } from '../bench/backtest.measure';
import { measureFloor } from '../bench/floor.measure';
import { measureRuleSegments, measureSummaryGroupBy } from '../bench/rule-segments.measure';
import { dropIngestedPurchases, measureIngest } from '../bench/ingest.measure';
import { refreshCustomerStats } from '../customers/customer-stats';
import { describeProbe, summarizeLatencies } from '../bench/latency.stats';
import { formatBytes, metricTableSizes } from '../bench/metric-storage.measure';
import { measurePage } from '../bench/page.measure';
import { type GeneratedPopulation, generatePopulation, populationCounts } from '../bench/population.generator';
import { describeRuns, timeRefresh } from '../bench/refresh.measure';
import { Report, ratio, secs } from '../bench/report.table';
import { parseScaleOptions } from '../bench/scale.options';
import { dialectFor } from '../bench/sql.dialect';
import { StatementCountSink } from '../bench/statement-count.sink';
import { emptyTables, POPULATION_TABLES } from '../bench/tables.reset';

// `npm run bench:scale -- --customers 100000`: generates a realistic population directly in SQL
// (MariaDB at BENCH_DATABASE_URL, created if missing, or a temporary SQLite file), then measures
// the floor (one streamed GROUP BY over every interaction) and, against it, the summary rebuild,
// the metric refreshes through the real runtime, reads through the real server, and an ingest
// with re-scoring. Prints figures only, and a markdown table at the end.

const n = (x: number) => x.toLocaleString('en-US');

async function main(): Promise<void> {
  const o = parseScaleOptions(process.argv.slice(2));
  const env = Object.fromEntries(['BASE_CURRENCY', 'METRICS_CONFIG', 'METRICS_SELECT'].flatMap((k) => (process.env[k] ? [[k, process.env[k]]] : [])));
  const base = loadConfig({ ...env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent' });
  const db = await benchDatabase(process.env.BENCH_DATABASE_URL, Number(process.env.DB_POOL_SIZE ?? 10));
  const config = { ...base, database: db.target };
  const currency = config.baseCurrency;
  const silent = createLogger('silent');
  const report = new Report();
  const line = (label: string, value: string) => report.line(label, value);
  process.stdout.write(`bench:scale on ${describeDatabase(db.target)}, ${os.cpus().length} cores, ${(os.totalmem() / 1024 ** 3).toFixed(0)} GiB, node ${process.version}\n`);
  process.stdout.write(`${n(o.customers)} customers, base currency ${currency}, refresh timeout ${o.timeoutMinutes ? `${o.timeoutMinutes} min per phase` : 'none'}${o.skipPerPlugin ? ', per-plugin refreshes skipped' : ''}\n\n`);

  const ds = await openDatabase(db.target, silent);
  const d = dialectFor(db.target);
  try {
    if (d.kind === 'mysql') {
      const pool = await checkBufferPool(ds, o.bufferPoolGb);
      line('innodb_buffer_pool_size', `${(pool.bytes / 1048576).toFixed(0)} MiB`);
      if (pool.warning) process.stdout.write(`WARNING: ${pool.warning}\n`);
      const redo = await checkRedoLog(ds, o.redoLogGb);
      line('innodb_log_file_size', `${(redo.bytes / 1048576).toFixed(0)} MiB`);
      if (redo.warning) process.stdout.write(`WARNING: ${redo.warning}\n`);
    }

    // 1. The population, in SQL (or the one an earlier run left, when asked and it has the size).
    const reused = o.reusePopulation ? await populationCounts(ds) : undefined;
    let gen: GeneratedPopulation;
    if (reused?.customers === o.customers) {
      // Without the purchases earlier runs' ingest measure added, and with those customers' stats again.
      const touched = await dropIngestedPurchases(ds);
      if (touched.length) await ds.transaction((m) => refreshCustomerStats(m, touched, currency));
      line('emptied', (await emptyTables(ds, d, POPULATION_TABLES)).join(', '));
      gen = { ...(await populationCounts(ds)), seconds: 0 };
    } else {
      if (reused) line('not reused', `the database holds ${n(reused.customers)} customers, not ${n(o.customers)}`);
      line('emptied', (await emptyTables(ds, d)).join(', '));
      const today = new Date();
      const endMs = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate());
      gen = await generatePopulation(ds, d, {
        customers: o.customers, chunk: o.chunk, endMs, currency,
        onChunk: (done, s) => line(`  ${n(done)} customers written`, secs(s)),
      });
    }
    line('population', `${n(gen.customers)} customers (${n(gen.contractual)} contractual, ${n(gen.repeatBuyers)} repeat buyers), ${n(gen.interactions)} interactions (${n(gen.purchases)} purchases), ${n(gen.links)} referrals`);
    if (gen.seconds) line('generation in SQL (INSERT ... SELECT, chunks of ' + n(o.chunk) + ')', secs(gen.seconds));
    else line('generation', 'skipped: the population of an earlier run is reused (--reuse-population)');

    // 2. The summary table, rebuilt from the interactions.
    const rebuildStarted = performance.now();
    const rebuilt = await rebuildSummaries(ds, { currency });
    const rebuildSeconds = (performance.now() - rebuildStarted) / 1000;
    line(`summary rebuild (${n(rebuilt.customers)} customers)`, secs(rebuildSeconds));

    // 3. The floor, warm: the second of two runs.
    await measureFloor(ds, d, currency);
    const floor = await measureFloor(ds, d, currency);
    line(`floor: streamed GROUP BY customer_id (${n(floor.rows)} rows, ${n(floor.interactions)} interactions)`, secs(floor.seconds));
    report.row(`floor: one streamed GROUP BY customer_id over ${n(floor.interactions)} interactions, ${n(floor.rows)} rows to Node (warm)`, secs(floor.seconds), '1x');
    if (gen.seconds) report.row(`generate ${n(gen.customers)} customers and ${n(gen.interactions)} interactions in SQL`, secs(gen.seconds), ratio(gen.seconds, floor.seconds));
    report.row('summary rebuild (rebuildSummaries)', secs(rebuildSeconds), ratio(rebuildSeconds, floor.seconds));

    // 4 and 5. Refreshes through the real runtime; by-id latency during the full one.
    const setup = await loadMetricsSetup(config);
    const runtime = await createMetricsRuntime(setup, config, ds, silent);
    const sink = new StatementCountSink();
    const { server, endpoint } = await startBenchServer(config, ds, sink.logger, runtime);
    const asOf = new Date();
    const timeoutMs = o.timeoutMinutes * 60_000;
    let stalled: string | undefined;

    const refreshPhase = async (label: string, names: string[] | undefined, during?: (finished: () => boolean) => Promise<void>): Promise<void> => {
      if (stalled) {
        line(label, `not run: "${stalled}" is still running (refreshes are serialised)`);
        report.row(label, 'not run (an earlier refresh did not finish)');
        return;
      }
      let settled = false;
      const load = during?.(() => settled);
      const rss = sampleRss();
      const outcome = await timeRefresh(runtime, names, asOf, timeoutMs);
      const peakMiB = rss();
      settled = true;
      await load;
      if (!outcome.finished) {
        stalled = label;
        line(label, `did not finish in ${o.timeoutMinutes} min`);
        report.row(label, `did not finish in ${o.timeoutMinutes} min`, `> ${ratio(outcome.seconds, floor.seconds)}`);
        return;
      }
      const runs = describeRuns(outcome.runs);
      line(label, `${secs(outcome.seconds)}, ${ratio(outcome.seconds, floor.seconds)} the floor, ${outcome.error ? `ERROR ${outcome.error}` : runs.status}`);
      if (!names) line('  plugins refreshed', outcome.runs.map((r) => r.plugin).join(', '));
      for (const f of runs.failures) line('  FAILED', f);
      line('  peak RSS during it', `${peakMiB.toFixed(0)} MiB`);
      report.row(label, `${secs(outcome.seconds)}${outcome.error ? ' (error)' : runs.failures.length ? ` (${runs.status})` : ''}; peak RSS during it ${peakMiB.toFixed(0)} MiB`, ratio(outcome.seconds, floor.seconds));
    };
    const storage = async (label: string) => {
      if (stalled) return;
      // After the background deletion of the replaced runs' values: what stays stored.
      await runtime.idle();
      const sizes = await metricTableSizes(ds, d);
      for (const s of sizes) line(`  ${s.table}`, `${n(s.rows)} rows, ${formatBytes(s.bytes)}`);
      const rows = sizes.reduce((a, s) => a + s.rows, 0);
      const bytes = sizes.every((s) => s.bytes !== null) ? sizes.reduce((a, s) => a + (s.bytes ?? 0), 0) : null;
      report.row(`metric tables after ${label}`, `${n(rows)} rows, ${formatBytes(bytes)}`);
    };

    if (!o.skipPerPlugin) {
      for (const lp of setup.plugins) {
        await refreshPhase(`refresh ${lp.plugin.name}`, [lp.plugin.name]);
        if (stalled) break;
      }
      await storage('the per-plugin refreshes');
    }
    const selected = setup.plugins.filter((lp) => selectedFor(setup, lp).length).map((lp) => lp.plugin.name);
    await refreshPhase(`refresh of the selected rfm/clv/churn plugins (${selected.join(', ')})`, selected);
    await storage('the selected refresh');
    let latency: LoadResult | undefined;
    let probes: LoadResult | undefined;
    await refreshPhase('full default refresh, refresh(undefined)', undefined, async (finished) => {
      [latency, probes] = await Promise.all([byIdLoad(endpoint, { customers: gen.customers, clients: 1, stop: finished }), healthzLoad(endpoint.url, finished)]);
    });
    await storage('the full refresh');
    if (latency) {
      const l = summarizeLatencies(latency.latenciesMs);
      const errors = latency.errors ? `, ${latency.errors} errors (${latency.firstError})` : '';
      line('customer(id:) with clv, churn during the full refresh', `p50 ${l.p50.toFixed(1)} ms, p99 ${l.p99.toFixed(1)} ms, ${n(l.count)} requests${errors}`);
      report.row('customer(id:) latency during the full refresh (1 client)', `p50 ${l.p50.toFixed(1)} ms, p99 ${l.p99.toFixed(1)} ms (${n(l.count)} requests${latency.errors ? `, ${latency.errors} errors` : ''})`);
    }
    if (probes) {
      const h = summarizeLatencies(probes.latenciesMs);
      line('/healthz during the full refresh', describeProbe(h));
      report.row('/healthz during the full refresh (1 client)', describeProbe(h));
    }
    const note = stalled ? ' [measured while a timed-out refresh was still running]' : '';
    if (stalled) process.stdout.write(`NOTE: "${stalled}" is still running in this process; the figures below share the machine with it.\n`);

    const step = async (label: string, f: () => Promise<void>) => {
      try {
        await f();
      } catch (err) {
        line(label, `ERROR ${err instanceof Error ? err.message : String(err)}`);
        report.row(label, 'error');
      }
    };

    // 6. A page of 100 by CLV, through the API and by hand.
    await step('page of 100 by CLV', async () => {
      const page = await measurePage({ endpoint, ds, setup, sink, first: 100, runs: o.runs, countSizes: [10, 100] });
      const hand = page.sqlP50Ms === null
        ? 'hand-written SQL skipped: no CLV value is served'
        : `hand-written SQL p50 ${page.sqlP50Ms.toFixed(1)} ms, API ${(page.graphqlP50Ms / page.sqlP50Ms).toFixed(1)}x${page.sameCustomers ? '' : ' (NOT the same customers)'}`;
      line('page of 100 by CLV (summary, rfm, clv, churn, 5 interactions)', `API p50 ${page.graphqlP50Ms.toFixed(1)} ms, ${hand}`);
      line('  the same page with metric details (r f m, pAlive, expectedPurchases)', `API p50 ${page.detailP50Ms.toFixed(1)} ms`);
      const counts = [...page.statements].map(([label, s]) => `${label} -> ${s ?? '?'}`).join(', ');
      line('  SQL statements per page request', counts);
      report.row(`page of 100 by CLV, API p50 (${o.runs} runs)${note}`, `${page.graphqlP50Ms.toFixed(1)} ms`);
      report.row('same page with metric details (r f m, pAlive, expectedPurchases), API p50', `${page.detailP50Ms.toFixed(1)} ms`);
      report.row('same page by hand-written SQL, p50 (summaries from customer_summary)', page.sqlP50Ms === null ? 'skipped (no CLV served)' : `${page.sqlP50Ms.toFixed(1)} ms (API ${(page.graphqlP50Ms / page.sqlP50Ms).toFixed(1)}x)`);
      report.row('SQL statements of the page', counts);
    });

    // 7. By-id throughput against a bare Apollo Server in the same process.
    await step('customer(id:) throughput', async () => {
      const run = async (target: GraphqlEndpoint) => {
        await byIdLoad(target, { customers: gen.customers, clients: o.clients, stop: after(1000) });
        const r = await byIdLoad(target, { customers: gen.customers, clients: o.clients, stop: after(o.seconds * 1000) });
        if (r.errors) line('  errors', `${r.errors} (${r.firstError})`);
        return r.latenciesMs.length / r.seconds;
      };
      const real = await run(endpoint);
      const bare = await startBareApollo();
      // The bare server gets the same headers, so both parse the same request.
      const ceiling = await run({ url: bare.url, headers: endpoint.headers }).finally(() => bare.stop());
      line(`customer(id:) with clv, churn: ${o.clients} clients for ${o.seconds} s`, `${n(Math.round(real))} req/s; bare Apollo Server ${n(Math.round(ceiling))} req/s (${(ceiling / real).toFixed(1)}x)`);
      report.row(`customer(id:) with clv, churn, ${o.clients} clients${note}`, `${n(Math.round(real))} req/s`);
      report.row('same query shape on a bare Apollo Server 5 + express 5 (constant answer)', `${n(Math.round(ceiling))} req/s (${(ceiling / real).toFixed(1)}x the real server)`);
    });

    // 8. An ingest batch with re-scoring.
    await step('recordInteractions of 1,000 purchases', async () => {
      const ingest = await measureIngest(endpoint, { customers: gen.customers, count: 1000, currency });
      line(`recordInteractions of ${n(ingest.created)} purchases for as many customers, incl. re-scoring`, `${ingest.ms.toFixed(0)} ms`);
      report.row(`recordInteractions of ${n(ingest.created)} purchases (1,000 customers), incl. re-scoring${note}`, secs(ingest.ms / 1000), ratio(ingest.ms / 1000, floor.seconds));
    });

    // 9. A backtest through the API, /healthz probed meanwhile: the fits run off the request thread.
    await step('backtest', async () => {
      const plugins = setup.plugins.filter((lp) => ['clv-bgnbd', 'clv-pareto-nbd'].includes(lp.plugin.name)).map((lp) => lp.plugin.name);
      if (!plugins.length) return;
      const b = await measureBacktest(endpoint, { plugins, asOf, holdoutDays: 180 });
      const h = b.healthz;
      const each = b.plugins.map((p) => `${p.plugin} ${p.error ? `ERROR ${p.error}` : `fit ${secs(p.fitMs / 1000)}, score ${secs(p.scoreMs / 1000)}, ${n(p.customersCompared)} compared`}`).join('; ');
      line(`backtest of ${plugins.join(', ')} (180-day holdout) through the API`, `${secs(b.seconds)}: ${each}`);
      line('/healthz during the backtest', describeProbe(h));
      report.row(`backtest of ${plugins.join(', ')}, 180-day holdout, through the API${note}`, secs(b.seconds), ratio(b.seconds, floor.seconds));
      report.row('/healthz during the backtest (1 client)', describeProbe(h));
    });

    // 10. Rule segments over the whole population, against one GROUP BY over the summary table.
    await step('rule segments', async () => {
      const groupBy = await measureSummaryGroupBy(ds);
      line('reference: one GROUP BY over customer_summary (warm)', secs(groupBy));
      report.row(`reference for rule segments: one GROUP BY over customer_summary (${n(gen.customers)} rows, warm)`, secs(groupBy), ratio(groupBy, floor.seconds));
      const lanes = d.kind === 'mysql' ? config.segmentRules.concurrency : 1;
      const x = (s: number) => `${(s / groupBy).toFixed(1)}x`;
      for (const r of await measureRuleSegments(ds, runtime, silent, lanes)) {
        line(`rule segment: ${r.description}`, `create ${secs(r.createSeconds)} (${n(r.members)} members), re-evaluate ${secs(r.reevaluateSeconds)} = ${x(r.reevaluateSeconds)} the GROUP BY (${lanes} ranges at a time; one at a time: ${secs(r.oneLaneSeconds)} = ${x(r.oneLaneSeconds)})`);
        report.row(`rule segment, ${r.description}: created with ${n(r.members)} members / re-evaluated over every customer, ${lanes} ranges at a time / one at a time`, `${secs(r.createSeconds)} / ${secs(r.reevaluateSeconds)} / ${secs(r.oneLaneSeconds)}`, `${x(r.createSeconds)} / ${x(r.reevaluateSeconds)} / ${x(r.oneLaneSeconds)} the GROUP BY`);
      }
    });

    // 11. The BI aggregates and the flat table, through the API.
    await step('aggregates', async () => {
      for (const a of await measureAggregates(endpoint, ds)) {
        line(a.description, a.error ? `ERROR ${a.error}` : `${secs(a.seconds)} (${n(a.rows)} rows)`);
        report.row(a.error ? a.description : `${a.description} (${n(a.rows)} rows)`, a.error ? `error: ${a.error.slice(0, 80)}` : secs(a.seconds), a.error ? '' : ratio(a.seconds, floor.seconds));
      }
    });

    // 12. The table.
    process.stdout.write(`\n${describeDatabase(db.target)}, ${n(gen.customers)} customers, ${n(gen.interactions)} interactions:\n\n${report.markdown()}\n`);
    await server.stop();
    if (!stalled) {
      await runtime.stop();
      await ds.destroy();
    }
  } finally {
    db.cleanup();
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
    process.exit(1);
  },
);

import { type GraphqlEndpoint, postGraphql } from './graphql.client';
import { healthzLoad } from './healthz.load';
import { type LatencySummary, summarizeLatencies } from './latency.stats';

const BACKTEST = `query($plugins: [String!]!, $calibrationEnd: DateTimeISO!, $holdoutEnd: DateTimeISO!) {
  backtest(kind: "clv", plugins: $plugins, calibrationEnd: $calibrationEnd, holdoutEnd: $holdoutEnd) {
    durationMs plugins { plugin error fitMs scoreMs customersCompared }
  }
}`;

interface BacktestAnswer {
  backtest: { durationMs: number; plugins: { plugin: string; error: string | null; fitMs: number; scoreMs: number; customersCompared: number }[] };
}

/** What a CLV backtest through the API took, and what `/healthz` answered meanwhile. */
export interface BacktestMeasure {
  seconds: number;
  plugins: BacktestAnswer['backtest']['plugins'];
  healthz: LatencySummary;
}

/**
 * Backtests CLV `plugins` through GraphQL with the last `holdoutDays` before `asOf` held out, one
 * client probing `/healthz` all along: the request thread must keep answering while the fits run.
 */
export async function measureBacktest(endpoint: GraphqlEndpoint, o: { plugins: string[]; asOf: Date; holdoutDays: number }): Promise<BacktestMeasure> {
  let done = false;
  const probes = healthzLoad(endpoint.url, () => done);
  const started = performance.now();
  const answer = await postGraphql<BacktestAnswer>(endpoint, BACKTEST, {
    plugins: o.plugins, holdoutEnd: o.asOf.toISOString(), calibrationEnd: new Date(o.asOf.getTime() - o.holdoutDays * 86_400_000).toISOString(),
  }).finally(() => {
    done = true;
  });
  const seconds = (performance.now() - started) / 1000;
  return { seconds, plugins: answer.backtest.plugins, healthz: summarizeLatencies((await probes).latenciesMs) };
}

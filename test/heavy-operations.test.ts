import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role } from '../src/auth/roles';
import { writeMetricsConfig } from './support/metrics-config-file';
import { startTestApp, type TestApp } from './support/test-app';

interface Answer {
  status: number;
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions: Record<string, unknown> }[];
}
let app: TestApp;

async function post(query: string, key = app.adminKey): Promise<Answer> {
  const res = await fetch(app.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` }, body: JSON.stringify({ query }) });
  return { status: res.status, ...((await res.json()) as Omit<Answer, 'status'>) };
}
const runIds = (a: Answer) => (a.data!.refreshMetrics as { id: string }[]).map((r) => r.id);

beforeAll(async () => {
  // slow-clv's fit takes 1.1 s a batch (longer than the backtest limit), so refreshes queue up behind it.
  const metrics = writeMetricsConfig({ plugins: ['slow-clv', 'rate-clv'], select: { clv: 'slow-clv' }, options: { 'slow-clv': { fitMillis: 1100 } } });
  app = await startTestApp({ METRICS_CONFIG: metrics, BACKTEST_TIME_LIMIT_SECONDS: '1', REFRESHES_QUEUED_PER_CALLER: '3' });
  const upsert = await post('mutation { upsertCustomers(input: [{ externalId: "h1" }, { externalId: "h2" }]) { created } }');
  expect(upsert.errors).toBeUndefined();
  const buy = await post(`mutation { recordInteractions(input: [
    { externalId: "p1", customerExternalId: "h1", type: PURCHASE, occurredAt: "2026-01-02T00:00:00Z", amount: 10 },
    { externalId: "p2", customerExternalId: "h1", type: PURCHASE, occurredAt: "2026-02-02T00:00:00Z", amount: 20 }]) { created } }`);
  expect(buy.errors).toBeUndefined();
});
afterAll(() => app.close());

describe('queued refreshes', () => {
  it('are de-duplicated: twenty identical requests queued behind a refresh are one refresh', async () => {
    const first = await post('mutation { refreshMetrics(plugins: ["slow-clv"], wait: false) { id status } }');
    // Once the first has started: requests that arrive before it starts join it instead.
    for (let status = ''; status !== 'RUNNING';) {
      status = ((await post('{ modelRuns(plugin: "slow-clv", first: 1) { status } }')).data!.modelRuns as { status: string }[])[0]!.status;
    }
    const rest = await Promise.all(Array.from({ length: 20 }, () => post('mutation { refreshMetrics(plugins: ["slow-clv"], wait: false) { id status } }')));
    const distinct = new Set(rest.map((a) => runIds(a).join()));
    expect(distinct.size).toBe(1);
    expect([...distinct][0]).not.toBe(runIds(first).join());
    await app.metrics.idle();
    const runs = await post('{ modelRuns(plugin: "slow-clv") { id status } }');
    expect(runs.data!.modelRuns).toEqual([{ id: expect.any(String), status: 'SUCCEEDED' }, { id: expect.any(String), status: 'SUCCEEDED' }]);
  });

  it('are bounded per caller: past REFRESHES_QUEUED_PER_CALLER the caller gets RATE_LIMITED, others do not', async () => {
    const asks = ['["slow-clv"]', '["rate-clv"]', '["slow-clv", "rate-clv"]'];
    for (const plugins of asks) expect((await post(`mutation { refreshMetrics(plugins: ${plugins}, wait: false) { id } }`)).errors).toBeUndefined();
    const fourth = await post('mutation { refreshMetrics(plugins: ["slow-clv"], asOf: "2026-03-01T00:00:00Z", wait: false) { id } }');
    expect(fourth.errors![0]!.extensions.code).toBe('RATE_LIMITED');
    expect(fourth.errors![0]!.message).toContain('REFRESHES_QUEUED_PER_CALLER');
    const otherAdmin = await app.createKey([Role.ADMIN]);
    expect((await post('mutation { refreshMetrics(plugins: ["rate-clv"], asOf: "2026-03-01T00:00:00Z", wait: false) { id } }', otherAdmin)).errors).toBeUndefined();
    await app.metrics.idle();
    // Once they ran, the caller may queue again.
    expect((await post('mutation { refreshMetrics(plugins: ["rate-clv"], wait: false) { id } }')).errors).toBeUndefined();
    await app.metrics.idle();
  });
});

describe('backtests', () => {
  it('stop at BACKTEST_TIME_LIMIT_SECONDS with a coded error', async () => {
    const started = Date.now();
    const a = await post('{ backtest(kind: "clv", plugins: ["slow-clv"], calibrationEnd: "2026-01-15T00:00:00Z", holdoutEnd: "2026-03-01T00:00:00Z") { durationMs } }');
    expect(a.errors![0]!.extensions.code).toBe('TIME_LIMIT');
    expect(a.errors![0]!.message).toContain('BACKTEST_TIME_LIMIT_SECONDS (1 s)');
    // It stopped after the batch that crossed the limit, not after the whole fit and score.
    expect(Date.now() - started).toBeLessThan(5_000);
    const quick = await post('{ backtest(kind: "clv", plugins: ["rate-clv"], calibrationEnd: "2026-01-15T00:00:00Z", holdoutEnd: "2026-03-01T00:00:00Z") { durationMs } }');
    expect(quick.errors).toBeUndefined();
  });
});

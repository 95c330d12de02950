import { afterAll, beforeAll, expect, it } from 'vitest';
import { gate } from './fixtures/plugins/gated-clv';
import {
  CustomerClvOnlyDocument, ManyMetricsDocument, ModelRunListDocument, RefreshInBackgroundDocument, RefreshMetricsDocument, UpsertCustomersDocument,
} from './generated/graphql';
import { toSqlDate } from '../src/db/sql-date';
import { writeMetricsConfig } from './support/metrics-config-file';
import { startTestApp, type TestApp } from './support/test-app';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ METRICS_CONFIG: writeMetricsConfig({ plugins: ['gated-clv', 'crashy'] }) });
  await app.ok(UpsertCustomersDocument, { input: Array.from({ length: 30 }, (_, k) => ({ externalId: `g-${k}` })) });
});
afterAll(async () => { await app?.close(); });

it('keeps readers on the previous run until the new one is complete', async () => {
  await app.ok(RefreshMetricsDocument, { plugins: ['gated-clv'] });
  expect((await app.ok(CustomerClvOnlyDocument, { externalId: 'g-3' })).customer!.clv!.value).toBe(1);

  gate.close();
  const second = app.ok(RefreshMetricsDocument, { plugins: ['gated-clv'] });
  await new Promise((r) => setTimeout(r, 200));
  // Mid-refresh: the run exists and is RUNNING, but readers still see run 1.
  const [running] = await app.ds.query("SELECT status FROM model_run WHERE plugin = 'gated-clv' ORDER BY id DESC LIMIT 1");
  expect(running.status).toBe('RUNNING');
  expect((await app.ok(CustomerClvOnlyDocument, { externalId: 'g-3' })).customer!.clv!.value).toBe(1);
  gate.open();
  expect((await second).refreshMetrics[0].status).toBe('SUCCEEDED');
  expect((await app.ok(CustomerClvOnlyDocument, { externalId: 'g-3' })).customer!.clv!.value).toBe(2);
  // The first run's values are dropped once the second is served (right after the refresh, in the background).
  await app.metrics.idle();
  const [{ n }] = await app.ds.query("SELECT COUNT(*) AS n FROM metric_value v JOIN model_run r ON r.id = v.run_id WHERE r.plugin = 'gated-clv'");
  expect(Number(n)).toBe(30);
});

it('reads every metric of a page with the same number of statements for 5 or 25 customers', async () => {
  await app.ok(RefreshMetricsDocument, {});
  // No background clean-up inside a count, and the served runs (cached for a second) read just before each.
  await app.metrics.idle();
  const count = async (first: number) => {
    await app.ok(ManyMetricsDocument, { first: 1 });
    return app.countStatements(() => app.ok(ManyMetricsDocument, { first }));
  };
  const small = await count(5);
  const large = await count(25);
  expect(large).toBe(small);
  // customers page, metric values (the served runs are cached by the runtime for a second; only
  // headlines are asked for, so no detail is scored on read), and the lookup of the caller's key
  expect(large).toBe(3);
  const one = await app.ok(ManyMetricsDocument, { first: 25 });
  expect(one.customers.edges[4].node).toMatchObject({ clv: { value: 3 }, churn: { probability: 1 }, rfm: null });
});

it('refreshes in the background when asked not to wait, and the run can be polled', async () => {
  gate.close();
  const { refreshMetrics } = await app.ok(RefreshInBackgroundDocument, { plugins: ['gated-clv'] });
  expect(refreshMetrics).toHaveLength(1);
  expect(['QUEUED', 'RUNNING']).toContain(refreshMetrics[0].status);
  const status = async () => (await app.ok(ModelRunListDocument, { plugin: 'gated-clv', first: 1 })).modelRuns[0];
  expect((await status()).id).toBe(refreshMetrics[0].id);
  gate.open();
  for (let i = 0; i < 100 && (await status()).status !== 'SUCCEEDED'; i += 1) await new Promise((r) => setTimeout(r, 50));
  expect((await status()).status).toBe('SUCCEEDED');
});

it('marks runs left unfinished for over a day by a dead process as FAILED, and no others', async () => {
  const now = new Date();
  const at = (hoursAgo: number) => toSqlDate(new Date(now.getTime() - hoursAgo * 3600_000));
  for (const [status, hours] of [['RUNNING', 30], ['QUEUED', 26], ['RUNNING', 1]] as const) {
    await app.ds.query(
      `INSERT INTO model_run (plugin, plugin_version, kinds, as_of, customers_scored, customers_failed, status, started_at) VALUES ('ghost', '1', 'clv', ?, 0, 0, ?, ?)`,
      [at(hours), status, at(hours)],
    );
  }
  expect(await app.metrics.failInterrupted(now)).toBe(2);
  const rows: { status: string; error: string | null }[] = await app.ds.query("SELECT status, error FROM model_run WHERE plugin = 'ghost' ORDER BY id");
  expect(rows.map((r) => r.status)).toEqual(['FAILED', 'FAILED', 'RUNNING']);
  expect(rows[0].error).toContain('interrupted');
});

import { afterAll, beforeAll, expect, it } from 'vitest';
import { gate } from './fixtures/plugins/gated-clv';
import { CustomerClvOnlyDocument, ManyMetricsDocument, RefreshMetricsDocument, UpsertCustomersDocument } from './generated/graphql';
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
  // The first run's values are gone once the second is served.
  const [{ n }] = await app.ds.query("SELECT COUNT(*) AS n FROM metric_value v JOIN model_run r ON r.id = v.run_id WHERE r.plugin = 'gated-clv'");
  expect(Number(n)).toBe(30);
});

it('reads every metric of a page with the same number of statements for 5 or 25 customers', async () => {
  await app.ok(RefreshMetricsDocument, {});
  const small = await app.countStatements(() => app.ok(ManyMetricsDocument, { first: 5 }));
  const large = await app.countStatements(() => app.ok(ManyMetricsDocument, { first: 25 }));
  expect(large).toBe(small);
  // customers page, current runs, metric values
  expect(large).toBe(3);
  const one = await app.ok(ManyMetricsDocument, { first: 25 });
  expect(one.customers.edges[4].node).toMatchObject({ clv: { value: 3 }, churn: { probability: 1 }, rfm: null });
});

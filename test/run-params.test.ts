import { afterAll, beforeAll, expect, it } from 'vitest';
import { RecordInteractionsDocument, RefreshMetricsDocument, UpsertCustomersDocument } from './generated/graphql';
import { writeMetricsConfig } from './support/metrics-config-file';
import { startTestApp, type TestApp } from './support/test-app';

// Details scored on read ask for the served run's model once per customer of a page, all at once:
// those asks share one read, and later ones cost nothing.

let app: TestApp;
let runId: number;

beforeAll(async () => {
  app = await startTestApp({ METRICS_CONFIG: writeMetricsConfig({ plugins: ['flat-clv'] }) });
  await app.ok(UpsertCustomersDocument, { input: [{ externalId: 'rp-1' }] });
  await app.ok(RecordInteractionsDocument, { input: [{ externalId: 'rp-p1', customerExternalId: 'rp-1', occurredAt: '2025-05-01T00:00:00.000Z', type: 'PURCHASE', amount: 5 }] });
  runId = Number((await app.ok(RefreshMetricsDocument, {})).refreshMetrics[0].id);
  // The mutation queues the run: its statements (and the clean-up after it) must not be counted below.
  await app.metrics.idle();
});
afterAll(async () => { await app?.close(); });

it('reads a run model once for many concurrent asks, then never again', async () => {
  const asks = () => Promise.all(Array.from({ length: 50 }, () => app.metrics.runParams.get([runId])));
  let models: Awaited<ReturnType<typeof asks>> = [];
  expect(await app.countStatements(async () => { models = await asks(); })).toBe(1);
  expect(models.every((m) => m.has(runId) && m.get(runId) === models[0].get(runId))).toBe(true);
  expect(await app.countStatements(asks)).toBe(0);
});

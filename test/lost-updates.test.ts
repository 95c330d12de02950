import { afterAll, beforeAll, expect, it } from 'vitest';
import { scoreHook } from './fixtures/plugins/hooked-clv';
import { CustomerClvOnlyDocument, RecordInteractionsDocument, RefreshMetricsDocument, UpsertCustomersDocument } from './generated/graphql';
import { writeMetricsConfig } from './support/metrics-config-file';
import { startTestApp, type TestApp } from './support/test-app';

// An interaction recorded while a refresh is scoring must be reflected once the new run is
// served: its re-scoring went to the run being replaced, so the refresh catches up with it.

let app: TestApp;
const ids = Array.from({ length: 2500 }, (_, k) => `lu-${k}`);
const purchase = (externalId: string, customerExternalId: string, amount: number) => ({
  externalId, customerExternalId, occurredAt: '2025-05-01T10:00:00.000Z', type: 'PURCHASE' as const, amount,
});

beforeAll(async () => {
  app = await startTestApp({ METRICS_CONFIG: writeMetricsConfig({ plugins: ['hooked-clv'] }) });
  for (let i = 0; i < ids.length; i += 500) {
    await app.ok(UpsertCustomersDocument, { input: ids.slice(i, i + 500).map((externalId) => ({ externalId })) });
    await app.ok(RecordInteractionsDocument, { input: ids.slice(i, i + 500).map((id) => purchase(`lu-p-${id}`, id, 10)) });
  }
  await app.ok(RefreshMetricsDocument, {});
}, 60_000);
afterAll(async () => { await app?.close(); });

it('serves, after the switch, an interaction recorded while the refresh was scoring', async () => {
  let ingest: Promise<unknown> | undefined;
  scoreHook.onBatch = () => {
    // The first batch was just scored from the old summary; record a purchase of its first customer now.
    scoreHook.onBatch = null;
    ingest = app.ok(RecordInteractionsDocument, { input: [purchase('lu-late', ids[0], 1000)] });
  };
  const { refreshMetrics } = await app.ok(RefreshMetricsDocument, {});
  await ingest;
  expect(refreshMetrics[0].status).toBe('SUCCEEDED');
  expect(ingest).toBeDefined();
  const { customer } = await app.ok(CustomerClvOnlyDocument, { externalId: ids[0] });
  expect(customer!.clv!.value).toBe(1010);
  expect(customer!.clv!.modelRunId).toBe(refreshMetrics[0].id);
});

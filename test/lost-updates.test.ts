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

let firstRunId: string;

beforeAll(async () => {
  app = await startTestApp({ METRICS_CONFIG: writeMetricsConfig({ plugins: ['hooked-clv'] }) });
  for (let i = 0; i < ids.length; i += 500) {
    await app.ok(UpsertCustomersDocument, { input: ids.slice(i, i + 500).map((externalId) => ({ externalId })) });
    await app.ok(RecordInteractionsDocument, { input: ids.slice(i, i + 500).map((id) => purchase(`lu-p-${id}`, id, 10)) });
  }
  firstRunId = (await app.ok(RefreshMetricsDocument, {})).refreshMetrics[0].id;
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
  // The case this test is about: the ingest re-scored the run being replaced (its value there is
  // new), so it finished before the switch and only the refresh's catch-up can bring it over.
  // Read before the replaced run's values are dropped (2 s after the switch).
  const [old] = await app.ds.query(
    "SELECT mv.value AS value FROM metric_value mv JOIN customer c ON c.id = mv.customer_id WHERE mv.run_id = ? AND mv.metric_key = 'clv' AND c.external_id = ?",
    [Number(firstRunId), ids[0]],
  ) as { value: number | string }[];
  expect(Number(old?.value)).toBe(1010);
  const { customer } = await app.ok(CustomerClvOnlyDocument, { externalId: ids[0] });
  expect(customer!.clv!.value).toBe(1010);
  expect(customer!.clv!.modelRunId).toBe(refreshMetrics[0].id);
});

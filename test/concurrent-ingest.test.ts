import { afterAll, beforeAll, expect, it } from 'vitest';
import { InteractionPageDocument, RecordInteractionsDocument, UpsertCustomersDocument } from './generated/graphql';
import { startTestApp, type TestApp } from './support/test-app';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
  await app.ok(UpsertCustomersDocument, { input: Array.from({ length: 20 }, (_, k) => ({ externalId: `cc-${k}` })) });
});
afterAll(async () => { await app?.close(); });

it('never double-counts or half-writes when the same batch arrives twice at once', async () => {
  const batch = Array.from({ length: 300 }, (_, k) => ({
    externalId: `cci-${k}`, customerExternalId: `cc-${k % 20}`, occurredAt: '2025-05-01T12:00:00.000Z', type: 'PURCHASE' as const, amount: 5,
  }));
  const results = await Promise.all([1, 2, 3].map(() => app.gql(RecordInteractionsDocument, { input: batch })));
  const created = results.map((r) => r.data?.recordInteractions.created ?? 0);
  // Exactly one writer creates the rows; the others find them (unchanged) or are told to retry.
  expect(created.reduce((a, b) => a + b, 0)).toBe(300);
  for (const r of results) {
    if (r.errors) expect(r.errors[0].extensions).toMatchObject({ code: 'CONFLICT' });
    else expect(r.data!.recordInteractions.created + r.data!.recordInteractions.unchanged).toBe(300);
  }
  const page = await app.ok(InteractionPageDocument, { first: 1 });
  expect(page.interactions.totalCount).toBe(300);
  const [{ revenue }] = await app.ds.query("SELECT SUM(stat_revenue) AS revenue FROM customer WHERE external_id LIKE 'cc-%'");
  expect(Number(revenue)).toBe(1500);
});

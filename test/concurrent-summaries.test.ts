import { afterAll, beforeAll, expect, it } from 'vitest';
import { DiCustomerDocument, DiRecordDocument, DiUpsertDocument } from './generated/graphql';
import { startTestApp, type TestApp } from './support/test-app';

// Different batches for the same customers at the same time: every one is recorded (or refused
// with a CONFLICT after its retries), and each customer's summary counts every interaction
// stored. A batch that recomputed a summary from a snapshot taken before the previous batch
// committed would lose that batch's interactions from the summary.

const BATCHES = 12;
const customers = ['cs-a', 'cs-b', 'cs-c'];
let app: TestApp;

beforeAll(async () => {
  app = await startTestApp();
  await app.ok(DiUpsertDocument, { input: customers.map((externalId) => ({ externalId })) });
});
afterAll(async () => { await app?.close(); });

it('keeps every summary exact while batches for the same customers race', async () => {
  const results = await Promise.all(Array.from({ length: BATCHES }, (_, b) => app.gql(DiRecordDocument, {
    // Customers in a different order in each batch, as independent feeds would send them.
    input: [...customers].sort(() => (b % 2 ? 1 : -1)).flatMap((c) => [1, 2].map((k) => ({
      externalId: `cs-${b}-${c}-${k}`, customerExternalId: c, occurredAt: new Date(Date.UTC(2025, 0, 1 + b, k)).toISOString(), type: 'PURCHASE' as const, amount: 10,
    }))),
  })));
  for (const r of results) if (r.errors) expect(r.errors[0].extensions).toMatchObject({ code: 'CONFLICT' });
  const recorded = results.filter((r) => !r.errors).length;
  expect(recorded).toBeGreaterThan(BATCHES * 0.9);
  for (const c of customers) {
    const { customer } = await app.ok(DiCustomerDocument, { externalId: c });
    expect(customer!.summary).toEqual({ purchaseCount: 2 * recorded, grossRevenue: 20 * recorded, revenue: 20 * recorded });
  }
});

import { afterAll, beforeAll, expect, it } from 'vitest';
import { DiCustomerDocument, DiCustomerIdsDocument, DiRecordDocument, DiUpsertDocument } from './generated/graphql';
import { startTestApp, type TestApp } from './support/test-app';

// A customer's money sums never overflow a column: each amount is bounded (10^12), and the sums
// are stored wide enough for any number of them. 200 purchases of 10^12 were an internal error
// on MariaDB ("Out of range value for column 'stat_revenue'") while SQLite took the same batch.

const MAX = 1e12;
let app: TestApp;

beforeAll(async () => {
  app = await startTestApp();
  await app.ok(DiUpsertDocument, { input: [{ externalId: 'whale' }, { externalId: 'minnow' }] });
});
afterAll(async () => { await app?.close(); });

const purchases = (prefix: string, n: number, amount: number, margin?: number) => Array.from({ length: n }, (_, k) => ({
  externalId: `${prefix}-${k}`, customerExternalId: 'whale', occurredAt: new Date(Date.UTC(2025, 0, 1 + (k % 300))).toISOString(), type: 'PURCHASE' as const, amount, margin,
}));

it('stores a revenue sum of many maximal purchases on every engine', async () => {
  await app.ok(DiRecordDocument, { input: purchases('big', 200, MAX, MAX) });
  await app.ok(DiRecordDocument, { input: [...purchases('more', 300, MAX, -MAX), { externalId: 'refund', customerExternalId: 'whale', occurredAt: '2025-12-01T00:00:00.000Z', type: 'REFUND', amount: MAX }] });
  const { customer } = await app.ok(DiCustomerDocument, { externalId: 'whale' });
  expect(customer!.summary).toEqual({ purchaseCount: 500, grossRevenue: 500 * MAX, revenue: 499 * MAX });
  // The indexed copy sorts and filters like the summary.
  const top = await app.ok(DiCustomerIdsDocument, { orderBy: { field: 'REVENUE', direction: 'DESC' }, filter: { revenueAtLeast: 400 * MAX }, first: 5 });
  expect(top.customers.edges.map((e) => e.node.externalId)).toEqual(['whale']);
});

it('refuses a single amount or margin over the bound, naming the item and the field, and writes nothing', async () => {
  const r = await app.gql(DiRecordDocument, {
    input: [
      { externalId: 'ok-1', customerExternalId: 'minnow', occurredAt: '2025-01-01T00:00:00.000Z', type: 'PURCHASE', amount: 5 },
      { externalId: 'too-big', customerExternalId: 'minnow', occurredAt: '2025-01-01T00:00:00.000Z', type: 'PURCHASE', amount: MAX * 10 },
      { externalId: 'too-lossy', customerExternalId: 'minnow', occurredAt: '2025-01-01T00:00:00.000Z', type: 'PURCHASE', amount: 1, margin: -MAX * 10 },
    ],
  });
  expect(r.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', index: 1, field: 'amount' });
  expect((r.errors?.[0].extensions?.problems as { index: number; field: string }[]).map((p) => [p.index, p.field])).toEqual([[1, 'amount'], [2, 'margin']]);
  expect((await app.ok(DiCustomerDocument, { externalId: 'minnow' })).customer!.summary.purchaseCount).toBe(0);
});

import { afterAll, beforeAll, expect, it } from 'vitest';
import { CustomerPageDeepDocument, type CustomerPageDeepQuery, RecordInteractionsDocument, UpsertCustomersDocument } from './generated/graphql';
import { toSqlDate } from '../src/db/sql-date';
import { startTestApp, type TestApp } from './support/test-app';

let app: TestApp;

beforeAll(async () => {
  app = await startTestApp();
  const n = 120;
  await app.ok(UpsertCustomersDocument, { input: Array.from({ length: n }, (_, k) => ({ externalId: `n-${k}`, name: `N ${k}` })) });
  const interactions = Array.from({ length: n * 7 }, (_, j) => ({
    externalId: `ni-${j}`, customerExternalId: `n-${j % n}`, occurredAt: new Date(Date.UTC(2025, 0, 1 + (j % 28))).toISOString(),
    type: j % 3 ? ('VISIT' as const) : ('PURCHASE' as const), amount: j % 3 ? undefined : 10,
  }));
  for (let i = 0; i < interactions.length; i += 500) await app.ok(RecordInteractionsDocument, { input: interactions.slice(i, i + 500) });
  // Referral links and segment memberships straight into the tables: this test is about reads.
  const now = toSqlDate(new Date());
  await app.ds.query(`INSERT INTO segment (${app.ds.driver.escape('key')}, name, kind, created_at, updated_at) VALUES ('s1', 'S1', 'STATIC', ?, ?), ('s2', 'S2', 'STATIC', ?, ?)`, [now, now, now, now]);
  const ids: { id: number }[] = await app.ds.query('SELECT id FROM customer ORDER BY id');
  for (let k = 1; k < ids.length; k += 1) {
    await app.ds.query('INSERT INTO customer_link (type, from_customer_id, to_customer_id, created_at) VALUES (?, ?, ?, ?)', ['REFERRED', ids[k - 1].id, ids[k].id, now]);
    await app.ds.query('INSERT INTO segment_member (segment_id, customer_id, added_at) SELECT id, ?, ? FROM segment', [ids[k].id, now]);
  }
});
afterAll(async () => { await app?.close(); });

it('costs the same number of SQL statements for 10 or 100 customers with summary, interactions, referrer and segments', async () => {
  let small: CustomerPageDeepQuery | undefined;
  const ten = await app.countStatements(async () => { small = await app.ok(CustomerPageDeepDocument, { first: 10 }); });
  let large: CustomerPageDeepQuery | undefined;
  const hundred = await app.countStatements(async () => { large = await app.ok(CustomerPageDeepDocument, { first: 100 }); });
  expect(small!.customers.edges).toHaveLength(10);
  expect(large!.customers.edges).toHaveLength(100);
  const node = large!.customers.edges[6].node;
  expect(node.interactions.edges).toHaveLength(5);
  expect(node.referredBy!.externalId).toBe('n-5');
  expect(node.segments.map((s) => s.key)).toEqual(['s1', 's2']);
  expect(node.summary.purchaseCount).toBeGreaterThan(0);
  expect(hundred).toBe(ten);
  // customers page, summary, interactions, referredBy, segments
  expect(hundred).toBeLessThanOrEqual(6);
});

import { afterAll, beforeAll, expect, it } from 'vitest';
import { CustomersByMetricDocument, RecordInteractionsDocument, RefreshMetricsDocument, UpsertCustomersDocument } from './generated/graphql';
import { writeMetricsConfig } from './support/metrics-config-file';
import { startTestApp, type TestApp } from './support/test-app';

// Ordering by a metric routed to two plugins (contract-clv: 10 x revenue for CONTRACTUAL
// customers, flat-clv: 100 for the others), with ties, customers without a value and a filter,
// walked page by page in both directions: the pages must list exactly the expected order.

let app: TestApp;
type Row = { externalId: string; relationship: 'CONTRACTUAL' | 'NON_CONTRACTUAL'; revenue: number; internal: boolean; country: string };
const rows: Row[] = Array.from({ length: 23 }, (_, k) => ({
  externalId: `mo-${String(k).padStart(2, '0')}`,
  relationship: k % 3 === 0 ? 'NON_CONTRACTUAL' : 'CONTRACTUAL',
  // Contractual revenues repeat, so values tie. Every fifth customer is INTERNAL: left out of metrics, no value.
  revenue: (k % 4) + 1,
  internal: k % 5 === 4,
  country: k % 2 ? 'DE' : 'FR',
}));
const clvOf = (r: Row) => (r.internal ? null : r.relationship === 'CONTRACTUAL' ? r.revenue * 10 : 100);

beforeAll(async () => {
  app = await startTestApp({
    METRICS_CONFIG: writeMetricsConfig({ plugins: ['flat-clv', 'contract-clv'], select: { clv: { NON_CONTRACTUAL: 'flat-clv', CONTRACTUAL: 'contract-clv' } } }),
  });
  await app.ok(UpsertCustomersDocument, {
    input: rows.map(({ externalId, relationship, country, internal }) => ({ externalId, relationship, country, origin: internal ? 'INTERNAL' as const : 'EXTERNAL' as const })),
  });
  await app.ok(RecordInteractionsDocument, {
    input: rows.map((r) => ({
      externalId: `mo-p-${r.externalId}`, customerExternalId: r.externalId, occurredAt: '2025-05-01T00:00:00.000Z', type: 'PURCHASE' as const, amount: r.revenue,
    })),
  });
  await app.ok(RefreshMetricsDocument, {});
});
afterAll(async () => { await app?.close(); });

async function walk(direction: 'ASC' | 'DESC', first: number, country?: string) {
  const seen: [string, number | null][] = [];
  let after: string | undefined;
  for (let guard = 0; guard < 50; guard++) {
    const { customers } = await app.ok(CustomersByMetricDocument, {
      orderBy: { metric: 'clv', direction }, first, after, ...(country ? { filter: { country: [country] } } : {}),
    });
    seen.push(...customers.edges.map((e) => [e.node.externalId, e.node.clv?.value ?? null] as [string, number | null]));
    if (!customers.pageInfo.hasNextPage) return seen;
    after = customers.pageInfo.endCursor ?? undefined;
  }
  throw new Error('pages never ended');
}

/** NULLs first ascending and last descending; ties by customer id (here: externalId order) in the same direction. */
function expected(direction: 'ASC' | 'DESC', country?: string): [string, number | null][] {
  const sign = direction === 'ASC' ? 1 : -1;
  const key = (v: number | null) => (v === null ? -Infinity : v);
  return rows
    .filter((r) => !country || r.country === country)
    .map((r): [string, number | null] => [r.externalId, clvOf(r)])
    .sort((a, b) => sign * (key(a[1]) - key(b[1]) || a[0].localeCompare(b[0])));
}

it('walks every customer once, in order, across both serving runs and the customers without a value', async () => {
  for (const direction of ['ASC', 'DESC'] as const) {
    for (const first of [1, 4, 30]) expect(await walk(direction, first), `${direction} by ${first}`).toEqual(expected(direction));
    expect(await walk(direction, 3, 'DE'), `${direction} in DE`).toEqual(expected(direction, 'DE'));
  }
});

it('reads a page in the same number of statements whatever its size', async () => {
  // No background clean-up inside a count, and the served runs (cached for a second) read just before each.
  await app.metrics.idle();
  const count = async (first: number) => {
    await app.ok(CustomersByMetricDocument, { orderBy: { metric: 'clv', direction: 'DESC' }, first: 1 });
    return app.countStatements(() => app.ok(CustomersByMetricDocument, { orderBy: { metric: 'clv', direction: 'DESC' }, first }));
  };
  // 18 customers have a value: pages of 3 and 15 stay among them; 20 also reads the customers without one.
  expect(await count(15)).toBe(await count(3));
  expect(await count(20)).toBe((await count(3)) + 1);
});

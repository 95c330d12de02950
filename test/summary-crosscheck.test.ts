import { afterAll, beforeAll, expect, it } from 'vitest';
import { seedDemoData } from '../src/seed/seed-demo-data';
import {
  CheckInteractionsDocument, type CheckInteractionsQuery, CheckRevenueOrderDocument, CheckSummariesDocument, type CheckSummariesQuery,
} from './generated/graphql';
import { startTestApp, type TestApp } from './support/test-app';

// Recomputes every summary of a seeded demo population from the raw interactions, in plain code
// here, and compares it with what the API's grouped SQL gives.

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
  await seedDemoData(app.ds, app.config, { seed: 3, customers: 250, end: new Date('2026-06-01T00:00:00Z') });
});
afterAll(async () => { await app?.close(); });

type Row = CheckInteractionsQuery['interactions']['edges'][number]['node'];
type Summary = CheckSummariesQuery['customers']['edges'][number]['node']['summary'];

async function all<T>(fetchPage: (after?: string) => Promise<{ pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: { node: T }[] }>) {
  const out: T[] = [];
  let after: string | undefined;
  for (;;) {
    const page = await fetchPage(after);
    out.push(...page.edges.map((e) => e.node));
    if (!page.pageInfo.hasNextPage) return out;
    after = page.pageInfo.endCursor ?? undefined;
  }
}

function expected(rows: Row[]): Omit<Summary, 'interactionsByType' | 'interactionsByChannel'> & { byType: Record<string, number>; byChannel: Record<string, number> } {
  const usd = (r: Row) => r.currency === 'USD';
  const purchases = rows.filter((r) => r.type === 'PURCHASE');
  const refunds = rows.filter((r) => r.type === 'REFUND');
  const sum = (rs: Row[], f: (r: Row) => number) => rs.reduce((a, r) => a + f(r), 0);
  const times = (rs: Row[]) => rs.map((r) => r.occurredAt).sort();
  const scored = rows.filter((r) => r.expectationScore != null && r.perceptionScore != null);
  const gross = sum(purchases.filter(usd), (r) => r.amount ?? 0);
  const refunded = sum(refunds.filter(usd), (r) => r.amount ?? 0);
  const count = (key: (r: Row) => string) => rows.reduce<Record<string, number>>((m, r) => ({ ...m, [key(r)]: (m[key(r)] ?? 0) + 1 }), {});
  return {
    purchaseCount: purchases.length,
    refundCount: refunds.length,
    grossRevenue: gross,
    refundedAmount: refunded,
    revenue: gross - refunded,
    totalMargin: sum(purchases.filter(usd), (r) => r.margin ?? 0) - sum(refunds.filter(usd), (r) => r.margin ?? 0),
    averageOrderValue: purchases.filter(usd).length ? gross / purchases.filter(usd).length : null,
    firstPurchaseAt: times(purchases)[0] ?? null,
    lastPurchaseAt: times(purchases).at(-1) ?? null,
    firstInteractionAt: times(rows)[0] ?? null,
    lastInteractionAt: times(rows).at(-1) ?? null,
    interactionCount: rows.length,
    scoredSurveyCount: scored.length,
    averageSatisfactionGap: scored.length ? sum(scored, (r) => r.perceptionScore! - r.expectationScore!) / scored.length : null,
    byType: count((r) => r.type),
    byChannel: count((r) => r.channel),
  };
}

it('equals an independent computation from the raw interactions for every seeded customer', async () => {
  const rows = await all((after) => app.ok(CheckInteractionsDocument, { first: 500, after }).then((d) => d.interactions));
  const customers = await all((after) => app.ok(CheckSummariesDocument, { first: 100, after }).then((d) => d.customers));
  expect(customers).toHaveLength(250);
  expect(rows.length).toBeGreaterThan(2000);
  const byCustomer = new Map<string, Row[]>();
  for (const r of rows) byCustomer.set(r.customer.externalId, [...(byCustomer.get(r.customer.externalId) ?? []), r]);

  for (const c of customers) {
    const { byType, byChannel, ...want } = expected(byCustomer.get(c.externalId) ?? []);
    const { interactionsByType, interactionsByChannel, ...got } = c.summary;
    for (const key of ['grossRevenue', 'refundedAmount', 'revenue', 'totalMargin', 'averageOrderValue', 'averageSatisfactionGap'] as const) {
      const [a, b] = [got[key], want[key]];
      // Amounts are stored with 4 decimals, so sums may differ from float arithmetic by that much.
      expect(a === null || b === null ? a === b : Math.abs(a - b) <= 1e-4, `${c.externalId}.${key}: ${a} vs ${b}`).toBe(true);
    }
    const exact = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).filter(([k]) => !['grossRevenue', 'refundedAmount', 'revenue', 'totalMargin', 'averageOrderValue', 'averageSatisfactionGap'].includes(k)));
    expect({ externalId: c.externalId, ...exact(got) }).toEqual({ externalId: c.externalId, ...exact(want) });
    expect(Object.fromEntries(interactionsByType.map((t) => [t.type, t.count]))).toEqual(byType);
    expect(Object.fromEntries(interactionsByChannel.map((t) => [t.channel, t.count]))).toEqual(byChannel);
  }
});

it('orders customers by the same revenue the summary reports', async () => {
  const ordered = await all((after) => app.ok(CheckRevenueOrderDocument, { first: 70, after }).then((d) => d.customers));
  const revenues = ordered.map((c) => c.summary.revenue);
  expect(revenues).toEqual([...revenues].sort((a, b) => b - a));
  expect(revenues[0]).toBeGreaterThan(revenues.at(-1)!);
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CustomerIdsDocument, CustomerPageDocument, RecordInteractionsDocument, UpsertCustomersDocument } from './generated/graphql';
import type { CustomerOrder, CustomerFilter } from './generated/graphql';
import { startTestApp, type TestApp } from './support/test-app';

let app: TestApp;
const N = 41;
const names = ['Ana', 'Bao', 'Chi', null];
// Revenue per customer (ties on purpose); customers with k % 6 === 0 have no interactions at all.
const revenue = (k: number) => (k % 6 === 0 ? 0 : (k % 5) * 10);
const day = (k: number) => new Date(Date.UTC(2025, 5, 1 + (k % 4))).toISOString();

beforeAll(async () => {
  app = await startTestApp();
  await app.ok(UpsertCustomersDocument, {
    input: Array.from({ length: N }, (_, k) => ({
      externalId: `k-${String(k).padStart(2, '0')}`,
      name: names[k % 4],
      email: `person${k}@example.com`,
      party: k % 7 === 0 ? ('ORGANIZATION' as const) : ('PERSON' as const),
      country: k % 2 ? 'VN' : 'DE',
      acquisitionSource: k % 3 ? 'campaign' : 'referral',
      traits: { tier: k % 3 === 0 ? 'gold' : 'silver', newsletter: k % 2 === 0, score: k % 4 },
    })),
  });
  const purchases = Array.from({ length: N }, (_, k) => k)
    .filter((k) => k % 6 !== 0)
    .map((k) => ({
      externalId: `p-${k}`, customerExternalId: `k-${String(k).padStart(2, '0')}`, occurredAt: day(k),
      type: revenue(k) > 0 ? ('PURCHASE' as const) : ('VISIT' as const), amount: revenue(k) > 0 ? revenue(k) : undefined,
    }));
  await app.ok(RecordInteractionsDocument, { input: purchases });
});
afterAll(async () => { await app?.close(); });

async function walk(orderBy: CustomerOrder | undefined, first: number, filter?: CustomerFilter): Promise<string[]> {
  const seen: string[] = [];
  let after: string | null | undefined;
  do {
    const page = await app.ok(CustomerIdsDocument, { orderBy, first, after, filter });
    seen.push(...page.customers.edges.map((e) => e.node.externalId));
    after = page.customers.pageInfo.hasNextPage ? page.customers.pageInfo.endCursor : null;
  } while (after);
  return seen;
}

const kOf = (id: string) => Number(id.slice(2));

describe('customers: keyset pagination', () => {
  it.each([
    [{ field: 'ID' as const }, 5],
    [{ field: 'NAME' as const, direction: 'ASC' as const }, 4],
    [{ field: 'NAME' as const, direction: 'DESC' as const }, 7],
    [{ field: 'REVENUE' as const, direction: 'DESC' as const }, 3],
    [{ field: 'LAST_INTERACTION_AT' as const, direction: 'ASC' as const }, 6],
    [{ field: 'LAST_INTERACTION_AT' as const, direction: 'DESC' as const }, 6],
    [{ field: 'CREATED_AT' as const, direction: 'DESC' as const }, 8],
  ])('walks every row exactly once ordered by %j in pages of %i', async (orderBy, first) => {
    const seen = await walk(orderBy, first);
    expect(seen).toHaveLength(N);
    expect(new Set(seen).size).toBe(N);
    if (orderBy.field === 'REVENUE') {
      const r = seen.map((id) => revenue(kOf(id)));
      expect(r).toEqual([...r].sort((a, b) => b - a));
    }
    if (orderBy.field === 'LAST_INTERACTION_AT') {
      // Customers without interactions sort first ascending and last descending.
      const none = seen.map((id) => kOf(id) % 6 === 0);
      const expected = orderBy.direction === 'ASC' ? [...none].sort((a, b) => Number(b) - Number(a)) : [...none].sort((a, b) => Number(a) - Number(b));
      expect(none).toEqual(expected);
    }
    if (orderBy.field === 'NAME') {
      const nullNames = seen.filter((id) => kOf(id) % 4 === 3);
      const pos = seen.indexOf(nullNames[0]);
      expect(pos).toBe(orderBy.direction === 'ASC' ? 0 : N - nullNames.length);
    }
  });

  it('counts all matches and refuses oversized pages and foreign cursors', async () => {
    const page = await app.ok(CustomerPageDocument, { first: 2 });
    expect(page.customers.totalCount).toBe(N);
    const big = await app.gql(CustomerPageDocument, { first: app.config.pageSizeMax + 1 });
    expect(big.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    const foreign = await app.gql(CustomerPageDocument, { first: 2, after: page.customers.pageInfo.endCursor, orderBy: { field: 'NAME' } });
    expect(foreign.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    const garbage = await app.gql(CustomerPageDocument, { first: 2, after: 'not-a-cursor' });
    expect(garbage.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    const dflt = await app.ok(CustomerPageDocument, {});
    expect(dflt.customers.edges).toHaveLength(Math.min(N, app.config.pageSizeDefault));
  });
});

describe('customers: filters', () => {
  const ids = (filter: CustomerFilter) => walk(undefined, 50, filter).then((s) => s.map(kOf).sort((a, b) => a - b));
  const expected = (pred: (k: number) => boolean) => Array.from({ length: N }, (_, k) => k).filter(pred);

  it('filters by text, enums, country and acquisition source', async () => {
    expect(await ids({ search: 'bao' })).toEqual(expected((k) => k % 4 === 1));
    expect(await ids({ search: 'person1' })).toEqual(expected((k) => String(k).startsWith('1')));
    expect(await ids({ search: '%' })).toEqual([]);
    expect(await ids({ party: ['ORGANIZATION'] })).toEqual(expected((k) => k % 7 === 0));
    expect(await ids({ country: ['VN'], acquisitionSource: ['referral'] })).toEqual(expected((k) => k % 2 === 1 && k % 3 === 0));
  });

  it('filters by traits as text, including numbers and booleans', async () => {
    expect(await ids({ traits: [{ key: 'tier', value: 'gold' }] })).toEqual(expected((k) => k % 3 === 0));
    expect(await ids({ traits: [{ key: 'newsletter', value: 'true' }, { key: 'score', value: '2' }] })).toEqual(expected((k) => k % 2 === 0 && k % 4 === 2));
  });

  it('filters by purchase behaviour and revenue', async () => {
    const buyers = (k: number) => revenue(k) > 0;
    expect(await ids({ hasPurchased: true })).toEqual(expected(buyers));
    expect(await ids({ hasPurchased: false })).toEqual(expected((k) => !buyers(k)));
    expect(await ids({ revenueAtLeast: 30 })).toEqual(expected((k) => revenue(k) >= 30));
    expect(await ids({ revenueAtLeast: 10, revenueAtMost: 20 })).toEqual(expected((k) => revenue(k) >= 10 && revenue(k) <= 20));
    const since = new Date(Date.UTC(2025, 5, 3)).toISOString();
    expect(await ids({ purchasedSince: since })).toEqual(expected((k) => buyers(k) && k % 4 >= 2));
    expect(await ids({ notPurchasedSince: since })).toEqual(expected((k) => buyers(k) && k % 4 < 2));
    expect(await ids({ lastInteractionAt: { from: since } })).toEqual(expected((k) => k % 6 !== 0 && k % 4 >= 2));
  });

  it('tells one-off from returning customers', async () => {
    const buyers = (k: number) => revenue(k) > 0;
    expect(await ids({ purchaseCountAtLeast: 2 })).toEqual([]);
    // k-01 comes back (a free sample: revenue and dates unchanged, so other expectations hold).
    await app.ok(RecordInteractionsDocument, { input: [{ externalId: 'p-1-again', customerExternalId: 'k-01', occurredAt: day(1), type: 'PURCHASE', amount: 0 }] });
    expect(await ids({ purchaseCountAtLeast: 2 })).toEqual([1]);
    expect(await ids({ purchaseCountAtMost: 1, hasPurchased: true })).toEqual(expected((k) => buyers(k) && k !== 1));
  });
});

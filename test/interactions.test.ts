import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CustomerInteractionsDocument, CustomerSummaryDocument, InteractionPageDocument, RecordInteractionsDocument, UpsertCustomersDocument,
} from './generated/graphql';
import { startTestApp, type TestApp } from './support/test-app';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
  await app.ok(UpsertCustomersDocument, { input: [{ externalId: 'buyer' }, { externalId: 'quiet' }, { externalId: 'other' }] });
});
afterAll(async () => { await app?.close(); });

const at = (day: number, hour = 12) => new Date(Date.UTC(2025, 0, day, hour)).toISOString();

describe('recordInteractions', () => {
  it('records, then treats the same externalId and content as already recorded', async () => {
    const input = [
      { externalId: 'i-1', customerExternalId: 'buyer', occurredAt: at(1), type: 'PURCHASE' as const, amount: 100, margin: 30, channel: 'STORE' as const, contactLevel: 'HIGH' as const },
      { externalId: 'i-2', customerExternalId: 'buyer', occurredAt: at(10), type: 'PURCHASE' as const, amount: 50, currency: 'USD', margin: 10, channel: 'WEB' as const, contactLevel: 'LOW' as const },
    ];
    const first = await app.ok(RecordInteractionsDocument, { input });
    expect(first.recordInteractions).toMatchObject({ created: 2, unchanged: 0 });
    expect(first.recordInteractions.interactions[0]).toMatchObject({ externalId: 'i-1', currency: 'USD', amount: 100, customer: { externalId: 'buyer' } });
    const again = await app.ok(RecordInteractionsDocument, { input });
    expect(again.recordInteractions).toMatchObject({ created: 0, unchanged: 2 });
    const s = await app.ok(CustomerSummaryDocument, { externalId: 'buyer' });
    expect(s.customer!.summary.purchaseCount).toBe(2);
  });

  it('rejects the same externalId with different content as a CONFLICT and writes nothing', async () => {
    const r = await app.gql(RecordInteractionsDocument, {
      input: [
        { externalId: 'i-new', customerExternalId: 'buyer', occurredAt: at(3), type: 'VISIT' },
        { externalId: 'i-1', customerExternalId: 'buyer', occurredAt: at(1), type: 'PURCHASE', amount: 999 },
      ],
    });
    expect(r.errors![0].extensions).toMatchObject({ code: 'CONFLICT', index: 1, field: 'externalId' });
    const page = await app.ok(InteractionPageDocument, { filter: { customerExternalIds: ['buyer'] } });
    expect(page.interactions.edges.map((e) => e.node.externalId).sort()).toEqual(['i-1', 'i-2']);
  });

  it('names the item and field of every invalid interaction', async () => {
    const future = new Date(Date.now() + 3600_000).toISOString();
    const r = await app.gql(RecordInteractionsDocument, {
      input: [
        { externalId: 'v-0', customerExternalId: 'buyer', occurredAt: at(2), type: 'VISIT' },
        { externalId: 'v-1', customerExternalId: 'nobody', occurredAt: at(2), type: 'VISIT' },
        { externalId: 'v-2', customerExternalId: 'buyer', occurredAt: at(2), type: 'PURCHASE' },
        { externalId: 'v-3', customerExternalId: 'buyer', occurredAt: at(2), type: 'PURCHASE', amount: 5, currency: 'usd' },
        { externalId: 'v-4', customerExternalId: 'buyer', occurredAt: future, type: 'VISIT' },
        { externalId: 'v-5', customerExternalId: 'buyer', occurredAt: at(2), type: 'REFUND', amount: -3 },
        { externalId: 'v-6', customerExternalId: 'buyer', occurredAt: at(2), type: 'SURVEY', expectationScore: 101 },
      ],
    });
    const e = r.errors![0];
    expect(e.extensions!.code).toBe('BAD_USER_INPUT');
    const problems = (e.extensions!.problems as { index: number; field: string }[]).map((p) => `${p.index}.${p.field}`);
    expect(problems).toEqual(expect.arrayContaining(['2.amount', '3.currency', '4.occurredAt', '5.amount', '6.expectationScore']));
    // Unknown customers are reported once the shape is valid.
    const unknown = await app.gql(RecordInteractionsDocument, { input: [{ externalId: 'v-1', customerExternalId: 'nobody', occurredAt: at(2), type: 'VISIT' }] });
    expect(unknown.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', index: 0, field: 'customerExternalId' });
    const page = await app.ok(InteractionPageDocument, { filter: { customerExternalIds: ['buyer'] } });
    expect(page.interactions.totalCount).toBe(2);
  });
});

describe('Customer.summary', () => {
  it('is exact on a hand-computed history (refunds, margins, foreign currency, surveys, breakdowns)', async () => {
    await app.ok(RecordInteractionsDocument, {
      input: [
        { externalId: 's-1', customerExternalId: 'buyer', occurredAt: at(15), type: 'PURCHASE', amount: 30, currency: 'EUR', margin: 9, channel: 'WEB', contactLevel: 'LOW' },
        { externalId: 's-2', customerExternalId: 'buyer', occurredAt: at(16), type: 'REFUND', amount: 20, margin: 5, channel: 'STORE', contactLevel: 'HIGH' },
        { externalId: 's-3', customerExternalId: 'buyer', occurredAt: at(17), type: 'SURVEY', expectationScore: 7, perceptionScore: 9, channel: 'EMAIL' },
        { externalId: 's-4', customerExternalId: 'buyer', occurredAt: at(18), type: 'SURVEY', expectationScore: 8, perceptionScore: 6, channel: 'EMAIL' },
        { externalId: 's-5', customerExternalId: 'buyer', occurredAt: at(20), type: 'SURVEY', perceptionScore: 3, channel: 'EMAIL' },
        { externalId: 's-6', customerExternalId: 'buyer', occurredAt: at(25), type: 'CALL', channel: 'PHONE', contactLevel: 'LOW' },
      ],
    });
    const { customer } = await app.ok(CustomerSummaryDocument, { externalId: 'buyer' });
    const s = customer!.summary;
    const days = (iso: string) => Math.floor((Date.now() - Date.parse(iso)) / 86_400_000);
    // Purchases: 100 (USD) + 50 (USD) + 30 (EUR, not summed); refund 20 USD.
    expect(s).toMatchObject({
      currency: 'USD', purchaseCount: 3, repeatPurchases: 2, refundCount: 1,
      firstPurchaseAt: at(1), lastPurchaseAt: at(15),
      grossRevenue: 150, refundedAmount: 20, revenue: 130, totalMargin: 35, averageOrderValue: 75,
      // The EUR purchase's margin is not in the base currency: two purchases carry one.
      marginedPurchaseCount: 2,
      interactionCount: 8, firstInteractionAt: at(1), lastInteractionAt: at(25),
      scoredSurveyCount: 2, averageSatisfactionGap: 0, foreignCurrencyAmounts: 1,
    });
    expect([s.daysSinceLastPurchase, s.daysSinceFirstPurchase]).toEqual([days(at(15)), days(at(1))]);
    expect(s.interactionsByType).toEqual([
      { type: 'PURCHASE', count: 3 }, { type: 'SURVEY', count: 3 }, { type: 'CALL', count: 1 }, { type: 'REFUND', count: 1 },
    ]);
    expect(s.interactionsByChannel).toEqual([
      { channel: 'EMAIL', count: 3 }, { channel: 'STORE', count: 2 }, { channel: 'WEB', count: 2 }, { channel: 'PHONE', count: 1 },
    ]);
    expect(s.interactionsByContactLevel).toEqual(expect.arrayContaining([
      { contactLevel: 'LOW', count: 3 }, { contactLevel: 'HIGH', count: 2 }, { contactLevel: null, count: 3 },
    ]));
  });

  it('is all zeros and nulls for a customer without interactions', async () => {
    const { customer } = await app.ok(CustomerSummaryDocument, { externalId: 'quiet' });
    expect(customer!.summary).toMatchObject({
      purchaseCount: 0, repeatPurchases: 0, revenue: 0, averageOrderValue: null, lastPurchaseAt: null,
      daysSinceLastPurchase: null, interactionCount: 0, interactionsByType: [], averageSatisfactionGap: null,
    });
  });
});

describe('interaction lists', () => {
  it('pages a customer\'s interactions newest first, filtered, without skipping', async () => {
    const page1 = await app.ok(CustomerInteractionsDocument, { externalId: 'buyer', first: 3 });
    const c1 = page1.customer!.interactions;
    expect(c1.totalCount).toBe(8);
    expect(c1.edges.map((e) => e.node.externalId)).toEqual(['s-6', 's-5', 's-4']);
    const page2 = await app.ok(CustomerInteractionsDocument, { externalId: 'buyer', first: 10, after: c1.pageInfo.endCursor });
    expect(page2.customer!.interactions.edges.map((e) => e.node.externalId)).toEqual(['s-3', 's-2', 's-1', 'i-2', 'i-1']);
    expect(page2.customer!.interactions.pageInfo.hasNextPage).toBe(false);
    const surveys = await app.ok(CustomerInteractionsDocument, { externalId: 'buyer', filter: { types: ['SURVEY'], occurredAt: { from: at(18) } } });
    expect(surveys.customer!.interactions.edges.map((e) => e.node.externalId)).toEqual(['s-5', 's-4']);
    expect(surveys.customer!.interactions.totalCount).toBe(2);
  });

  it('walks all interactions with tied timestamps without repeating or skipping one', async () => {
    const tied = Array.from({ length: 23 }, (_, k) => ({
      externalId: `tie-${k}`, customerExternalId: 'other', occurredAt: at(5 + (k % 3)), type: 'PURCHASE' as const, amount: k % 4,
    }));
    await app.ok(RecordInteractionsDocument, { input: tied });
    for (const orderBy of [{ field: 'OCCURRED_AT' as const }, { field: 'AMOUNT' as const, direction: 'ASC' as const }, { field: 'ID' as const }]) {
      const seen: string[] = [];
      let after: string | null | undefined;
      do {
        const page = await app.ok(InteractionPageDocument, { filter: { customerExternalIds: ['other'] }, orderBy, first: 4, after });
        seen.push(...page.interactions.edges.map((e) => e.node.externalId));
        after = page.interactions.pageInfo.hasNextPage ? page.interactions.pageInfo.endCursor : null;
      } while (after);
      expect(new Set(seen).size).toBe(23);
      expect(seen).toHaveLength(23);
    }
  });
});

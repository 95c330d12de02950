import { afterAll, beforeAll, expect, it } from 'vitest';
import { Customer } from '../src/customers/customer.entity';
import type { CustomerStats } from '../src/customers/customer-stats.embedded';
import { SeededRandom } from '../src/seed/seeded-random';
import { interactionInputsOf } from '../src/summaries/interaction-inputs.query';
import { summarizeInteractions } from '../src/summaries/summary-accumulator';
import { emptyRecord, type SummaryRecord } from '../src/summaries/summary-record';
import { rebuildSummaries } from '../src/summaries/summary-rebuild';
import { readSummaries } from '../src/summaries/summary-store';
import { SmEraseDocument, SmLinkDocument, SmRecordDocument, SmUpsertDocument } from './generated/graphql';
import { startTestApp, type TestApp } from './support/test-app';

// A randomized sequence of writes through the API (new and updated customers, interactions of
// every type in two currencies, re-sent and rejected batches, links, erasures), then the stored
// customer_summary rows must equal a fresh recomputation from the interactions.

let app: TestApp;
beforeAll(async () => { app = await startTestApp(); });
afterAll(async () => { await app?.close(); });

const TYPES = ['PURCHASE', 'PURCHASE', 'PURCHASE', 'REFUND', 'VISIT', 'CALL', 'SURVEY', 'SUPPORT_CASE', 'COMPLAINT'] as const;
const CHANNELS = ['STORE', 'WEB', 'PHONE', 'EMAIL'] as const;
const LEVELS = ['HIGH', 'MEDIUM', 'LOW', null] as const;

// Stored records parse their counts on read; compared as the plain values they stand for.
const plain = (r: SummaryRecord): SummaryRecord => ({ ...r, byType: r.byType, byChannel: r.byChannel, byContactLevel: r.byContactLevel });

async function storedSummaries(ids: number[]): Promise<Map<number, SummaryRecord>> {
  return new Map([...(await readSummaries(app.ds.manager, ids))].map(([id, r]) => [id, plain(r)]));
}

/** The figures a customer row must carry for a summary, rounded where SQL and JS add differently. */
function figuresOf(r: SummaryRecord): CustomerStats {
  const { grossRevenue, refundedAmount, refundCount, purchaseMargin, refundMargin, basePurchaseCount, interactionCount,
    purchaseCount, purchaseDays, scoredSurveyCount, satisfactionGapSum, firstPurchaseAt, lastPurchaseAt, firstInteractionAt, lastInteractionAt } = r;
  return {
    revenue: Math.round((grossRevenue - refundedAmount) * 1e4) / 1e4, grossRevenue, refundedAmount, refundCount, purchaseMargin,
    refundMargin, basePurchaseCount, interactionCount, purchaseCount, purchaseDays, scoredSurveyCount,
    satisfactionGapSum: Math.round(satisfactionGapSum * 1e9) / 1e9, firstPurchaseAt, lastPurchaseAt, firstInteractionAt, lastInteractionAt,
  };
}

async function expectFiguresOnRows(expected: Map<number, SummaryRecord>, when: string): Promise<void> {
  const rows = await app.ds.getRepository(Customer).find({ order: { id: 'ASC' } });
  expect(rows.length).toBe(expected.size);
  for (const c of rows) {
    const got = { ...c.stats, revenue: Math.round(c.stats.revenue * 1e4) / 1e4, satisfactionGapSum: Math.round(c.stats.satisfactionGapSum * 1e9) / 1e9 };
    expect(got, `customer ${c.id}'s figures ${when}`).toEqual(figuresOf(expected.get(c.id) as SummaryRecord));
  }
}

async function storedAndRecomputed() {
  const ids = ((await app.ds.query('SELECT id FROM customer ORDER BY id')) as { id: number | string }[]).map((r) => Number(r.id));
  const stored = await storedSummaries(ids);
  const fresh = summarizeInteractions(await interactionInputsOf(app.ds.manager, ids), app.config.baseCurrency);
  return { ids, stored, fresh };
}

it('keeps every summary equal to a recomputation from the interactions after random writes', async () => {
  const rnd = new SeededRandom(42);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd.next() * xs.length)];
  const customers: string[] = [];
  const erased = new Set<string>();
  let n = 0;
  const day0 = Date.parse('2025-01-01T00:00:00Z');
  const interaction = (customer: string) => {
    const type = pick(TYPES);
    const money = type === 'PURCHASE' || type === 'REFUND' || rnd.next() < 0.1;
    // Few distinct days, so that several purchases often share one.
    const at = new Date(day0 + Math.floor(rnd.next() * 40) * 86_400_000 + Math.floor(rnd.next() * 86_400_000));
    return {
      externalId: `sm-i-${n++}`, customerExternalId: customer, occurredAt: at.toISOString(), type,
      channel: pick(CHANNELS), contactLevel: pick(LEVELS),
      ...(money ? { amount: Math.round(rnd.next() * 50_000) / 100, currency: rnd.next() < 0.15 ? 'EUR' : 'USD' } : {}),
      ...(money && rnd.next() < 0.6 ? { margin: Math.round(rnd.next() * 10_000) / 100 } : {}),
      ...(rnd.next() < 0.2 ? { expectationScore: 1 + Math.floor(rnd.next() * 10), perceptionScore: 1 + Math.floor(rnd.next() * 10) } : {}),
    };
  };
  const sent: ReturnType<typeof interaction>[] = [];
  const live = () => customers.filter((c) => !erased.has(c));

  for (let step = 0; step < 60; step++) {
    const action = step < 3 ? 0 : Math.floor(rnd.next() * 6);
    if (action === 0) {
      const input = Array.from({ length: 1 + Math.floor(rnd.next() * 5) }, () => `sm-c-${customers.length + Math.floor(rnd.next() * 3)}`);
      const fresh = [...new Set(input)].filter((c) => !erased.has(c));
      await app.ok(SmUpsertDocument, { input: fresh.map((externalId) => ({ externalId, name: `n-${step}` })) });
      for (const c of fresh) if (!customers.includes(c)) customers.push(c);
    } else if (action <= 2) {
      const batch = Array.from({ length: 1 + Math.floor(rnd.next() * 30) }, () => interaction(pick(live())));
      await app.ok(SmRecordDocument, { input: batch });
      sent.push(...batch);
    } else if (action === 3 && sent.length) {
      // Re-sent interactions change nothing; a batch with one unknown customer writes nothing.
      const again = Array.from({ length: 5 }, () => pick(sent)).filter((i) => !erased.has(String(i.customerExternalId)));
      if (again.length) expect((await app.ok(SmRecordDocument, { input: again })).recordInteractions.created).toBe(0);
      const bad = await app.gql(SmRecordDocument, { input: [interaction(pick(live())), interaction('sm-nobody')] });
      expect(bad.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    } else if (action === 4 && live().length > 1) {
      const [from, to] = [pick(live()), pick(live())];
      if (from !== to) await app.ok(SmLinkDocument, { input: [{ type: 'BUYS_FOR', fromExternalId: from, toExternalId: to }] });
    } else if (action === 5 && live().length > 3 && rnd.next() < 0.3) {
      const victim = pick(live());
      await app.ok(SmEraseDocument, { externalId: victim });
      erased.add(victim);
    }
  }

  const { ids, stored, fresh } = await storedAndRecomputed();
  expect(ids.length).toBeGreaterThan(10);
  expect(sent.length).toBeGreaterThan(100);
  expect([...fresh.values()].some((r) => r.purchaseDays < r.purchaseCount)).toBe(true);
  expect([...fresh.values()].some((r) => r.foreignAmountCount > 0)).toBe(true);
  for (const id of ids) expect(stored.get(id), `customer ${id}`).toEqual(fresh.get(id) ?? emptyRecord(id));
  // Every write copied the figures onto the customer rows (rules and list filters read them).
  expect([...stored.values()].filter((r) => r.scoredSurveyCount > 0 && r.refundCount > 0).length).toBeGreaterThan(0);
  await expectFiguresOnRows(stored, 'after the writes');

  // A rebuild from scratch gives the same table, and the same figures on rows that had lost them
  // (a database loaded by other means).
  await app.ds.query('DELETE FROM customer_summary');
  await app.ds.query('UPDATE customer SET stat_revenue = 7, stat_gross_revenue = 7, stat_interaction_count = 7, stat_first_purchase_at = NULL, stat_satisfaction_gap_sum = 7');
  await rebuildSummaries(app.ds, { currency: app.config.baseCurrency, batchSize: 7 });
  const rebuilt = await storedSummaries(ids);
  for (const id of ids) expect(rebuilt.get(id), `customer ${id} after rebuild`).toEqual(stored.get(id));
  await expectFiguresOnRows(stored, 'after a rebuild');
});

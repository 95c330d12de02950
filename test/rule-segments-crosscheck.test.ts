import { afterAll, beforeAll, expect, it } from 'vitest';
import { SeededRandom } from '../src/seed/seeded-random';
import { RuleCrossValuesDocument, RuleDefineDocument, RuleMembersDocument, RuleRecordDocument, RuleUpsertCustomersDocument, type SegmentRuleInput } from './generated/graphql';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * Random rules evaluated by the server (in SQL) and by brute force here, over a random population
 * read back through the API: the two member lists must agree, rule by rule.
 */
const CUSTOMERS = 80;
const RULES = Number(process.env.RULE_CROSSCHECK_RULES ?? 60);
const DAY = 86_400_000;

interface Facts {
  country: string | null;
  tier: string | null;
  wallet: number | null;
  revenue: number;
  purchaseCount: number;
  daysSinceLastPurchase: number | null;
  /** Figures read from the summary copy on the customer row. */
  averageOrderValue: number | null;
  grossRevenue: number;
  daysSinceFirstPurchase: number | null;
  complainedWithin90: boolean;
  /** How many days ago each purchase, and each interaction of any type, was recorded. */
  purchaseDaysAgo: number[];
  anyDaysAgo: number[];
}

let app: TestApp;
const facts = new Map<string, Facts>();
const rnd = new SeededRandom(20261206);

beforeAll(async () => {
  app = await startTestApp();
  const countries = ['VN', 'DE', 'US', null];
  const tiers = ['gold', 'silver', 'Gold', null];
  const complainedWithin90 = new Set<string>();
  const daysAgo = new Map<string, { purchase: number[]; any: number[] }>();
  const customers = Array.from({ length: CUSTOMERS }, (_, i) => {
    const traits: Record<string, unknown> = {};
    const tier = rnd.pick(tiers);
    if (tier) traits.tier = tier;
    if (rnd.chance(0.6)) traits.wallet = rnd.chance(0.5) ? rnd.int(0, 3000) : String(rnd.int(0, 3000));
    return { externalId: `R${i}`, country: rnd.pick(countries), traits };
  });
  await app.ok(RuleUpsertCustomersDocument, { input: customers });
  const interactions = [];
  let n = 0;
  for (const c of customers) {
    const ago = { purchase: [] as number[], any: [] as number[] };
    daysAgo.set(c.externalId, ago);
    // Half a day off whole days, so that no day count sits on a boundary while the test runs.
    for (let k = rnd.int(0, 4); k > 0; k--) {
      const days = rnd.int(0, 300) + 0.5;
      ago.purchase.push(days);
      ago.any.push(days);
      interactions.push({ externalId: `RP${n++}`, customerExternalId: c.externalId, occurredAt: new Date(Date.now() - days * DAY).toISOString(), type: 'PURCHASE', channel: 'WEB', amount: rnd.int(1, 200), currency: 'USD' });
    }
    if (rnd.chance(0.3)) {
      const days = rnd.int(0, 200) + 0.5;
      ago.any.push(days);
      if (days < 90) complainedWithin90.add(c.externalId);
      interactions.push({ externalId: `RX${n++}`, customerExternalId: c.externalId, occurredAt: new Date(Date.now() - days * DAY).toISOString(), type: 'COMPLAINT', channel: 'PHONE' });
    }
  }
  await app.ok(RuleRecordDocument, { input: interactions as never });
  const read = (await app.ok(RuleCrossValuesDocument, {})).customers.edges.map((e) => e.node);
  for (const c of read) {
    const traits = (c.traits ?? {}) as Record<string, unknown>;
    const wallet = traits.wallet === undefined ? null : Number(traits.wallet);
    facts.set(c.externalId, {
      country: c.country ?? null, tier: (traits.tier as string | undefined) ?? null, wallet,
      revenue: c.summary.revenue, purchaseCount: c.summary.purchaseCount, daysSinceLastPurchase: c.summary.daysSinceLastPurchase ?? null,
      averageOrderValue: c.summary.averageOrderValue ?? null, grossRevenue: c.summary.grossRevenue, daysSinceFirstPurchase: c.summary.daysSinceFirstPurchase ?? null,
      complainedWithin90: complainedWithin90.has(c.externalId),
      purchaseDaysAgo: daysAgo.get(c.externalId)!.purchase, anyDaysAgo: daysAgo.get(c.externalId)!.any,
    });
  }
});
afterAll(async () => { await app?.close(); });

type Check = (f: Facts) => boolean;

/** A random rule and the same rule as a predicate. */
function randomRule(depth: number): [SegmentRuleInput, Check] {
  const roll = rnd.next();
  if (depth < 3 && roll < 0.3) {
    const parts = Array.from({ length: rnd.int(2, 3) }, () => randomRule(depth + 1));
    const and = rnd.chance(0.5);
    return [and ? { and: parts.map((p) => p[0]) } : { or: parts.map((p) => p[0]) }, (f) => (and ? parts.every((p) => p[1](f)) : parts.some((p) => p[1](f)))];
  }
  if (depth < 3 && roll < 0.4) {
    const [rule, check] = randomRule(depth + 1);
    return [{ not: rule }, (f) => !check(f)];
  }
  return leaf();
}

function leaf(): [SegmentRuleInput, Check] {
  const cmp = (v: number | null, op: string, x: number | number[]): boolean => {
    if (v === null) return false;
    const [lo, hi] = Array.isArray(x) ? x : [x, x];
    switch (op) {
      case 'GT': return v > lo;
      case 'GTE': return v >= lo;
      case 'LT': return v < lo;
      case 'LTE': return v <= lo;
      case 'EQ': return v === lo;
      case 'NE': return v !== lo;
      default: return v >= lo && v <= hi;
    }
  };
  const numeric = (field: string, value: (f: Facts) => number | null, max: number): [SegmentRuleInput, Check] => {
    const op = rnd.pick(['GT', 'GTE', 'LT', 'LTE', 'EQ', 'NE', 'BETWEEN']);
    const a = rnd.int(0, max);
    const x = op === 'BETWEEN' ? [a, a + rnd.int(0, max)] : a;
    return [{ field, op: op as never, value: x }, (f) => cmp(value(f), op, x)];
  };
  switch (rnd.int(0, 14)) {
    case 0: {
      const op = rnd.pick(['EQ', 'NE', 'IN', 'NOT_IN', 'IS_NULL', 'IS_NOT_NULL']);
      const list = ['VN', 'DE'];
      const one = rnd.pick(['VN', 'US']);
      const value = op === 'IN' || op === 'NOT_IN' ? list : op.startsWith('IS') ? undefined : one;
      const check: Check = (f) => {
        if (op === 'IS_NULL') return f.country === null;
        if (op === 'IS_NOT_NULL') return f.country !== null;
        if (f.country === null) return false;
        if (op === 'EQ') return f.country === one;
        if (op === 'NE') return f.country !== one;
        return (op === 'IN') === list.includes(f.country);
      };
      return [{ field: 'country', op: op as never, value }, check];
    }
    case 1: return numeric('revenue', (f) => f.revenue, 500);
    case 2: return numeric('purchaseCount', (f) => f.purchaseCount, 4);
    case 3: return numeric('daysSinceLastPurchase', (f) => f.daysSinceLastPurchase, 300);
    case 4: return numeric('traits.wallet', (f) => f.wallet, 3000);
    case 5: {
      const op = rnd.pick(['EQ', 'IN', 'IS_NULL', 'NE']);
      if (op === 'IS_NULL') return [{ field: 'traits.tier', op: 'IS_NULL' as never }, (f) => f.tier === null];
      if (op === 'IN') return [{ field: 'traits.tier', op: 'IN' as never, value: ['gold', 'silver'] }, (f) => f.tier === 'gold' || f.tier === 'silver'];
      const v = rnd.pick(['gold', 'Gold']);
      return [{ field: 'traits.tier', op: op as never, value: v }, (f) => f.tier !== null && (op === 'EQ' ? f.tier === v : f.tier !== v)];
    }
    case 6: return [{ interaction: { types: ['COMPLAINT'] as never, withinDays: 90 } }, (f) => f.complainedWithin90];
    case 7: {
      const most = rnd.int(0, 3);
      return [{ interaction: { types: ['PURCHASE'] as never, countAtLeast: 0, countAtMost: most } }, (f) => f.purchaseCount <= most];
    }
    case 8: {
      const least = rnd.int(1, 3);
      return [{ interaction: { types: ['PURCHASE'] as never, countAtLeast: least } }, (f) => f.purchaseCount >= least];
    }
    case 9: {
      const within = rnd.int(1, 300);
      return [{ interaction: { types: ['PURCHASE'] as never, withinDays: within } }, (f) => f.purchaseDaysAgo.some((d) => d < within)];
    }
    case 10: {
      const within = rnd.int(1, 300);
      return [{ interaction: { withinDays: within } }, (f) => f.anyDaysAgo.some((d) => d < within)];
    }
    // Averages of whole amounts over one to four purchases: often whole, so EQ and BETWEEN ends hit.
    case 11: return rnd.chance(0.2)
      ? [{ field: 'averageOrderValue', op: 'IS_NULL' as never }, (f) => f.averageOrderValue === null]
      : numeric('averageOrderValue', (f) => f.averageOrderValue, 200);
    case 12: return numeric('grossRevenue', (f) => f.grossRevenue, 500);
    case 13: return numeric('daysSinceFirstPurchase', (f) => f.daysSinceFirstPurchase, 300);
    default: return [{ field: 'daysSinceLastPurchase', op: 'IS_NULL' as never }, (f) => f.daysSinceLastPurchase === null];
  }
}

it(`agrees with a brute-force evaluation on ${RULES} random rules`, async () => {
  let nonTrivial = 0;
  for (let i = 0; i < RULES; i++) {
    const [rule, check] = randomRule(0);
    const key = `cross-${i}`;
    await app.ok(RuleDefineDocument, { input: { key, name: key, rule } });
    const got = (await app.ok(RuleMembersDocument, { key })).segment!.members.edges.map((e) => e.node.externalId).sort();
    const want = [...facts].filter(([, f]) => check(f)).map(([id]) => id).sort();
    expect(got, JSON.stringify(rule)).toEqual(want);
    if (want.length > 0 && want.length < CUSTOMERS) nonTrivial += 1;
  }
  // The generator must produce rules that split the population, or the comparison proves little.
  expect(nonTrivial).toBeGreaterThan(RULES / 2);
});

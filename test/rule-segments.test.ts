import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role } from '../src/auth/roles';
import {
  RuleAddMembersDocument, RuleChangeCountsDocument, RuleChangeCountsOnlyDocument, RuleSegmentKeysDocument, RuleAllHistoryDocument, RuleChangesDocument, RuleCustomerPageDocument, RuleDefineDocument,
  RuleDeleteDocument, RuleEraseDocument, RuleHistoryDocument, RuleLinkDocument, RuleMembersDocument, RuleMembershipsDocument, RuleRecordDocument,
  RuleRefreshDocument, RuleRemoveMembersDocument, RuleRfmDocument, RuleUpsertCustomersDocument, type SegmentRuleInput,
} from './generated/graphql';
import { startTestApp, type TestApp } from './support/test-app';

let app: TestApp;
const DAY = 86_400_000;
const ago = (days: number) => new Date(Date.now() - days * DAY).toISOString();
let seq = 0;
const purchase = (customer: string, days: number, amount: number, channel = 'STORE') =>
  ({ externalId: `P-${++seq}`, customerExternalId: customer, occurredAt: ago(days), type: 'PURCHASE', channel, amount, currency: 'USD', margin: amount / 4 }) as const;
const complaint = (customer: string, days: number) =>
  ({ externalId: `X-${++seq}`, customerExternalId: customer, occurredAt: ago(days), type: 'COMPLAINT', channel: 'PHONE' }) as const;

beforeAll(async () => {
  app = await startTestApp();
  await app.ok(RuleUpsertCustomersDocument, {
    input: [
      { externalId: 'A', country: 'VN', city: 'Hanoi', traits: { tier: 'gold', wallet: 2500 } },
      { externalId: 'B', country: 'DE', traits: { tier: 'silver', wallet: '800' } },
      { externalId: 'C', country: 'US' },
      { externalId: 'D', country: 'VN' },
      { externalId: 'E', country: 'de', traits: { tier: 'Gold' } },
      { externalId: 'F' },
      { externalId: 'G', country: 'FR' },
    ],
  });
  await app.ok(RuleRecordDocument, {
    input: [
      purchase('A', 10, 60), purchase('A', 20, 60), purchase('A', 30, 60), complaint('A', 30),
      purchase('B', 100, 150, 'MOBILE_APP'),
      purchase('D', 200, 20), complaint('D', 200),
      purchase('E', 5, 300, 'MOBILE_APP'), purchase('E', 6, 300, 'MOBILE_APP'),
    ] as never,
  });
  await app.ok(RuleLinkDocument, { input: [{ type: 'REFERRED', fromExternalId: 'A', toExternalId: 'F' }, { type: 'REFERRED', fromExternalId: 'C', toExternalId: 'G' }] as never });
  await app.ok(RuleDefineDocument, { input: { key: 'vip', name: 'VIP' } });
  await app.ok(RuleAddMembersDocument, { key: 'vip', ids: ['A'] });
});
afterAll(async () => { await app?.close(); });

async function define(key: string, rule: SegmentRuleInput) {
  return (await app.ok(RuleDefineDocument, { input: { key, name: key, rule } })).upsertSegment;
}
async function members(key: string): Promise<string[]> {
  const s = (await app.ok(RuleMembersDocument, { key })).segment!;
  return s.members.edges.map((e) => e.node.externalId).sort();
}
async function changes(key: string, since: string) {
  const c = (await app.ok(RuleChangesDocument, { key, since, first: 100 })).segment!.changes;
  return c.edges.map((e) => `${e.node.entered ? '+' : '-'}${e.node.customer.externalId}`);
}

describe('rule segments', () => {
  it('evaluates rules over fields, summaries, traits, interactions, links and segments, in SQL', async () => {
    const spenders = await define('vn-de-spenders', { and: [{ field: 'country', op: 'IN', value: ['VN', 'de'] }, { field: 'revenue', op: 'GTE', value: 100 }] });
    expect(spenders).toMatchObject({ kind: 'RULE', size: 3, ruleVersion: 1 });
    expect(spenders.evaluatedAt).toBeTruthy();
    expect(spenders.rule).toEqual({ and: [{ field: 'country', op: 'IN', value: ['VN', 'DE'] }, { field: 'revenue', op: 'GTE', value: 100 }] });
    expect(await members('vn-de-spenders')).toEqual(['A', 'B', 'E']);

    await define('recent-complainers', { interaction: { types: ['COMPLAINT'] as never, withinDays: 90 } });
    expect(await members('recent-complainers')).toEqual(['A']);
    await define('mobile-buyers', { interaction: { types: ['PURCHASE'] as never, channels: ['MOBILE_APP'] as never } });
    expect(await members('mobile-buyers')).toEqual(['B', 'E']);
    await define('two-purchases', { interaction: { types: ['PURCHASE'] as never, countAtLeast: 2, countAtMost: 2 } });
    expect(await members('two-purchases')).toEqual(['E']);
    // Traits compare exactly as text, and as numbers when the value given is one ("800" is 800).
    await define('gold', { field: 'traits.tier', op: 'EQ', value: 'gold' });
    expect(await members('gold')).toEqual(['A']);
    await define('mid-wallet', { field: 'traits.wallet', op: 'BETWEEN', value: [500, 1000] });
    expect(await members('mid-wallet')).toEqual(['B']);
    await define('no-tier', { field: 'traits.tier', op: 'IS_NULL' });
    expect(await members('no-tier')).toEqual(['C', 'D', 'F', 'G']);
    await define('lapsed', { field: 'daysSinceLastPurchase', op: 'GT', value: 60 });
    expect(await members('lapsed')).toEqual(['B', 'D']);
    await define('repeat', { field: 'purchaseCount', op: 'GTE', value: 2 });
    expect(await members('repeat')).toEqual(['A', 'E']);
    await define('aov-high', { field: 'averageOrderValue', op: 'GT', value: 100 });
    expect(await members('aov-high')).toEqual(['B', 'E']);
    await define('referred-by-vip', { linked: { type: 'REFERRED' as never, end: 'TO' as never, inSegment: 'vip' } });
    expect(await members('referred-by-vip')).toEqual(['F']);
    // A missing value never matches a comparison, so `not` is its complement: F has no country.
    await define('not-vn', { not: { field: 'country', op: 'EQ', value: 'VN' } });
    expect(await members('not-vn')).toEqual(['B', 'C', 'E', 'F', 'G']);
    await define('gold-or-mobile', { or: [{ inSegment: 'gold' }, { inSegment: 'mobile-buyers' }] });
    expect(await members('gold-or-mobile')).toEqual(['A', 'B', 'E']);
  });

  it('keeps rule segments current after ingest, links, static edits, customer updates and erasure', async () => {
    const since = new Date().toISOString();
    await app.ok(RuleRecordDocument, { input: [complaint('B', 0)] as never });
    expect(await members('recent-complainers')).toEqual(['A', 'B']);
    expect(await changes('recent-complainers', since)).toEqual(['+B']);

    await app.ok(RuleAddMembersDocument, { key: 'vip', ids: ['C'] });
    expect(await members('referred-by-vip')).toEqual(['F', 'G']);
    await app.ok(RuleRemoveMembersDocument, { key: 'vip', ids: ['C'] });
    expect(await members('referred-by-vip')).toEqual(['F']);
    expect(await changes('referred-by-vip', since)).toEqual(['+G', '-G']);
    expect(await changes('vip', since)).toEqual(['+C', '-C']);

    await app.ok(RuleUpsertCustomersDocument, { input: [{ externalId: 'F', country: 'VN' }] });
    expect(await members('not-vn')).toEqual(['B', 'C', 'E', 'G']);

    await app.ok(RuleEraseDocument, { externalId: 'E' });
    expect(await members('vn-de-spenders')).toEqual(['A', 'B']);
    expect(await members('mobile-buyers')).toEqual(['B']);
    // gold-or-mobile reads mobile-buyers and is evaluated after it.
    expect(await members('gold-or-mobile')).toEqual(['A', 'B']);
  });

  it('versions a changed rule, recomputes it with the rules that read it, and keeps since-when for those who stay', async () => {
    const since = new Date().toISOString();
    const before = (await app.ok(RuleMembershipsDocument, { externalId: 'A' })).customer!.segmentMemberships;
    const vnSince = before.find((m) => m.segment.key === 'vn-de-spenders')!.since;
    expect(before.map((m) => m.segment.key)).toEqual(expect.arrayContaining(['vip', 'gold', 'repeat', 'vn-de-spenders', 'gold-or-mobile']));

    await define('gold', { field: 'traits.tier', op: 'IN', value: ['gold', 'silver'] });
    const seg = (await app.ok(RuleMembersDocument, { key: 'gold' })).segment!;
    expect(seg.ruleVersion).toBe(2);
    expect(seg.ruleVersions.map((v) => v.version)).toEqual([2, 1]);
    expect(seg.ruleVersions[1]!.rule).toEqual({ field: 'traits.tier', op: 'EQ', value: 'gold' });
    expect(seg.ruleVersions[0]!.createdBy).toBeTruthy();
    expect(await members('gold')).toEqual(['A', 'B']);
    expect(await changes('gold', since)).toEqual(['+B']);

    // The same rule again is no new version; a rename alone keeps the rule.
    await define('gold', { field: 'traits.tier', op: 'IN', value: ['gold', 'silver'] });
    await app.ok(RuleDefineDocument, { input: { key: 'gold', name: 'Gold and silver' } });
    expect((await app.ok(RuleMembersDocument, { key: 'gold' })).segment!.ruleVersion).toBe(2);

    const after = (await app.ok(RuleMembershipsDocument, { externalId: 'A' })).customer!.segmentMemberships;
    expect(after.find((m) => m.segment.key === 'vn-de-spenders')!.since).toBe(vnSince);
    const history = (await app.ok(RuleHistoryDocument, { key: 'gold' })).segment!.history;
    expect(history.map((h) => [h.size, h.cause])).toEqual([[1, 'RULE_CHANGED'], [2, 'RULE_CHANGED']]);
  });

  it('rejects a bad rule naming the path of every problem, and writes nothing', async () => {
    const r = await app.gql(RuleDefineDocument, {
      input: { key: 'bad', name: 'Bad', rule: { and: [{ field: 'revenue', op: 'GTE', value: 'lots' }, { field: 'nope', op: 'EQ', value: 1 }, { field: 'country', op: 'LT', value: 'VN' }, { not: { inSegment: 'ghost' } }] } },
    });
    expect(r.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const problems = (r.errors![0]!.extensions!.problems as { field: string; message: string }[]);
    expect(problems.map((p) => p.field)).toEqual(['rule.and[0].value', 'rule.and[1].field', 'rule.and[2].op', 'rule.and[3].not.inSegment']);
    expect(r.errors![0]!.message).toContain('input.rule.and[0].value: must be a number');
    expect(problems[1]!.message).toContain('unknown field "nope"');

    const bad = async (rule: SegmentRuleInput, field: string, text: string) => {
      const res = await app.gql(RuleDefineDocument, { input: { key: 'bad', name: 'Bad', rule } });
      expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
      expect(res.errors![0]!.message).toContain(text);
    };
    await bad({ field: 'revenue', op: 'GT', value: 1, inSegment: 'vip' }, 'rule', 'give exactly one of');
    await bad({ field: 'metrics.nope', op: 'GT', value: 1 }, 'rule.field', 'unknown metric "nope"');
    await bad({ field: 'revenue', op: 'BETWEEN', value: [5, 1] }, 'rule.value', 'lower bound');
    await bad({ field: 'party', op: 'EQ', value: 'ROBOT' }, 'rule.value', 'PERSON, ORGANIZATION');
    await bad({ field: 'acquiredAt', op: 'GT', value: 'yesterday' }, 'rule.value', 'ISO-8601');
    await bad({ interaction: { countAtLeast: 0 } }, 'rule.interaction.countAtLeast', 'every customer matches');
    await bad({ and: [] }, 'rule.and', 'non-empty');
    expect((await app.ok(RuleMembersDocument, { key: 'bad' })).segment).toBeNull();
  });

  it('refuses cycles, kind changes, member edits of rule segments, and deleting a segment a rule reads', async () => {
    await define('c1', { inSegment: 'vip' });
    await define('c2', { inSegment: 'c1' });
    const cycle = await app.gql(RuleDefineDocument, { input: { key: 'c1', name: 'c1', rule: { inSegment: 'c2' } } });
    expect(cycle.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'rule' });
    expect(cycle.errors![0]!.message).toContain('c1 -> c2 -> c1');

    const kind = await app.gql(RuleDefineDocument, { input: { key: 'vip', name: 'VIP', rule: { field: 'revenue', op: 'GT', value: 0 } } });
    expect(kind.errors?.[0]?.message).toContain('is STATIC; a segment keeps its kind');
    const edit = await app.gql(RuleAddMembersDocument, { key: 'c1', ids: ['A'] });
    expect(edit.errors?.[0]?.message).toContain('its members follow its rule');

    const del = await app.gql(RuleDeleteDocument, { key: 'c1' });
    expect(del.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(del.errors![0]!.message).toContain('"c2"');
    expect((await app.ok(RuleDeleteDocument, { key: 'c2' })).deleteSegment).toBe(true);
    expect((await app.ok(RuleDeleteDocument, { key: 'c1' })).deleteSegment).toBe(true);
    expect((await app.ok(RuleMembersDocument, { key: 'c1' })).segment).toBeNull();
  });

  it('lets analysts define rule segments, but not over personal fields', async () => {
    const analyst = await app.createKey([Role.ANALYST]);
    const headers = { authorization: `Bearer ${analyst}` };
    const ok = await app.gql(RuleDefineDocument, { input: { key: 'analyst-vn', name: 'VN', rule: { field: 'country', op: 'EQ', value: 'VN' } } }, headers);
    expect(ok.errors).toBeUndefined();
    const pii = await app.gql(RuleDefineDocument, { input: { key: 'analyst-city', name: 'Hanoi', rule: { and: [{ field: 'city', op: 'EQ', value: 'Hanoi' }] } } }, headers);
    expect(pii.status).toBe(403);
    expect(pii.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', permission: 'pii:read' });
    expect((await app.ok(RuleMembersDocument, { key: 'analyst-city' })).segment).toBeNull();
  });

  it('follows served metric values and labels, and records every segment\'s size after a refresh', async () => {
    await app.ok(RuleRefreshDocument, {});
    await app.metrics.idle();
    await define('high-score', { field: 'metrics.rfm', op: 'GTE', value: 3 });
    await define('scored', { field: 'labels.rfm', op: 'IS_NOT_NULL' });
    // Brute force: every customer's served RFM score, read through the API.
    const scores = (await app.ok(RuleRfmDocument, {})).customers.edges.map((e) => [e.node.externalId, e.node.rfm] as const);
    const high = scores.filter(([, rfm]) => (rfm?.score ?? 0) >= 3).map(([id]) => id).sort();
    const labelled = scores.filter(([, rfm]) => rfm?.segment).map(([id]) => id).sort();
    expect(labelled.length).toBeGreaterThan(0);
    expect(await members('high-score')).toEqual(high);
    expect(await members('scored')).toEqual(labelled);
    // Labels compare exactly, on MariaDB too, where an index on them (case-insensitive) finds the candidates.
    const label = scores.find(([, rfm]) => rfm?.segment)![1]!.segment!;
    await define('named', { field: 'labels.rfm', op: 'IN', value: [label, 'No Such Label'] });
    await define('named-lower', { field: 'labels.rfm', op: 'EQ', value: label.toLowerCase() });
    expect(await members('named')).toEqual(scores.filter(([, rfm]) => rfm?.segment === label).map(([id]) => id).sort());
    expect(await members('named-lower')).toEqual([]);
    // Branches of a top-level OR over metrics one run serves are read from the values alone, the
    // rest from the customer row; an erased customer, whose values are gone, leaves.
    await app.ok(RuleUpsertCustomersDocument, { input: [{ externalId: 'JP-1', country: 'JP' }] });
    await define('named-or-high', { or: [{ field: 'labels.rfm', op: 'EQ', value: label }, { field: 'metrics.rfm', op: 'GTE', value: 3 }, { field: 'country', op: 'EQ', value: 'JP' }] });
    const namedOrHigh = scores.filter(([, rfm]) => rfm?.segment === label || (rfm?.score ?? 0) >= 3).map(([id]) => id);
    expect(await members('named-or-high')).toEqual([...namedOrHigh, 'JP-1'].sort());
    const leaving = namedOrHigh.find((id) => id !== 'A')!; // A's memberships are read below
    expect(leaving).toBeDefined();
    await app.ok(RuleEraseDocument, { externalId: leaving });
    expect(await members('named-or-high')).toEqual([...namedOrHigh.filter((id) => id !== leaving), 'JP-1'].sort());

    await app.ok(RuleRefreshDocument, {});
    await app.metrics.idle();
    const all = (await app.ok(RuleAllHistoryDocument, {})).segments;
    for (const s of all) expect(s.history.at(-1)).toEqual({ size: s.size, cause: 'REFRESH' });
  });

  it('counts entries and exits of every segment as its list of changes does, in one statement', async () => {
    const since = new Date(Date.now() - 86_400_000).toISOString();
    const { segments } = await app.ok(RuleChangeCountsDocument, { since });
    for (const s of segments) {
      const entered = s.changes.edges.filter((e) => e.node.entered).length;
      expect(s.changes.totalCount, s.key).toBeLessThan(500);
      expect(s.changeCounts, s.key).toEqual({ entered, left: s.changes.totalCount - entered });
    }
    expect(segments.filter((s) => s.changeCounts.entered > 0 && s.changeCounts.left > 0).length).toBeGreaterThan(0);
    const counted = await app.countStatements(() => app.ok(RuleChangeCountsOnlyDocument, { since }));
    const keysOnly = await app.countStatements(() => app.ok(RuleSegmentKeysDocument, {}));
    expect(segments.length).toBeGreaterThan(5);
    expect(counted).toBe(keysOnly + 1);
  });

  it('reads memberships, rules and histories of many customers and segments in a fixed number of statements', async () => {
    const few = await app.countStatements(() => app.ok(RuleCustomerPageDocument, { first: 2 }));
    const many = await app.countStatements(() => app.ok(RuleCustomerPageDocument, { first: 100 }));
    expect(many).toBe(few);
    const page = (await app.ok(RuleCustomerPageDocument, { first: 100 })).customers.edges;
    expect(page.find((e) => e.node.externalId === 'A')!.node.segmentMemberships.length).toBeGreaterThan(3);
    const segments = await app.countStatements(() => app.ok(RuleAllHistoryDocument, {}));
    expect(segments).toBeLessThanOrEqual(6);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config/config';
import { loadMetricsSetup } from '../src/metrics/host/create-metrics-runtime';
import { MetricsSetupError } from '../src/metrics/host/metrics-setup';
import {
  ReadsCustomerDocument, ReadsLinkCustomersDocument, ReadsPluginSegmentsDocument, ReadsRecordInteractionsDocument, ReadsRefreshDocument,
  ReadsUpsertCustomersDocument,
} from './generated/graphql';
import { writeMetricsConfig } from './support/metrics-config-file';
import { startTestApp, type TestApp } from './support/test-app';

// Plugins that read other plugins' metrics (value-tier and referral-value read clv), on the real
// server. They are listed BEFORE the clv plugin (the spend-clv fixture: CLV = 2 x net revenue),
// so right values prove the host refreshed clv first.
//
// Customers (purchase amount / margin), CLV = 2 x amount:
//   R 100/40 (200)  A 300/120 (600)  B 50/10 (100)  A1 200/20 (400)  A2 none (no CLV)  B1 80/30 (160)
//   X 500/50 (1000) Y 90/30 + 2 support cases (180)  Z 60/20 + 1 support case, trait costToServe 15 (120)
// Referrals: R -> A, R -> B; A -> A1, A -> A2; B -> B1.
//
// value-tier (mvcShare 0.2, mgcShare 0.25, SUPPORT_CASE 15): Y costs 30 (net 0, not below zero),
// Z costs 15 + 15 = 30 > 20: BZ. A2 has no purchases and no cost: no tier. Ranked: the other 7.
//   MVC: ceil(0.2 x 7) = 2, actual values desc 120 (A), 50 (X) -> cut 50.
//   MGC among the other 5: ceil(0.25 x 5) = 2, CLVs desc 400 (A1), 200 (R) -> cut 200.
//   OTHER: B, B1, Y.
// referral-value (depth 2, second level x 0.5):
//   R: 600 + 100 + 0.5 x (400 + 0 + 160) = 980 over 5;  A: 400 + 0 = 400 over 2;  B: 160 over 1.
let app: TestApp;
const keys = ['value-tier', 'value-tier.potential', 'value-tier.net-value', 'referral-value', 'referral-value.count'];
const purchases: [string, number, number][] = [
  ['R', 100, 40], ['A', 300, 120], ['B', 50, 10], ['A1', 200, 20], ['B1', 80, 30], ['X', 500, 50], ['Y', 90, 30], ['Z', 60, 20],
];

/** A customer's CLV and free metrics, by key: [value, label]. */
async function served(externalId: string) {
  const c = (await app.ok(ReadsCustomerDocument, { externalId, keys })).customer!;
  for (const m of c.metrics) expect(m.error, `${externalId} ${m.key}`).toBeNull();
  return {
    clv: c.clv?.value ?? null,
    metrics: Object.fromEntries(c.metrics.map((m) => [m.key, [m.value, m.label]])),
    entries: c.metrics,
  };
}

beforeAll(async () => {
  app = await startTestApp({
    METRICS_CONFIG: writeMetricsConfig({
      plugins: ['value-tier', 'referral-value', 'spend-clv'],
      options: {
        'value-tier': { mvcShare: 0.2, mgcShare: 0.25, interactionCosts: { SUPPORT_CASE: 15 } },
        'referral-value': { depth: 2, secondLevelWeight: 0.5 },
        'spend-clv': { multiple: 2 },
      },
    }),
  });
  const ids = ['R', 'A', 'B', 'A1', 'A2', 'B1', 'X', 'Y', 'Z'];
  await app.ok(ReadsUpsertCustomersDocument, {
    input: ids.map((externalId) => ({ externalId, ...(externalId === 'Z' ? { traits: { costToServe: 15 } } : {}) })),
  });
  await app.ok(ReadsRecordInteractionsDocument, {
    input: [
      ...purchases.map(([id, amount, margin]) => ({
        externalId: `rp-${id}`, customerExternalId: id, occurredAt: '2025-06-01T10:00:00.000Z', type: 'PURCHASE' as const, amount, margin,
      })),
      ...['Y', 'Y', 'Z'].map((id, i) => ({ externalId: `rs-${i}`, customerExternalId: id, occurredAt: '2025-07-01T10:00:00.000Z', type: 'SUPPORT_CASE' as const })),
    ],
  });
  const referrals = [['R', 'A'], ['R', 'B'], ['A', 'A1'], ['A', 'A2'], ['B', 'B1']];
  const { linkCustomers } = await app.ok(ReadsLinkCustomersDocument, {
    input: referrals.map(([fromExternalId, toExternalId]) => ({ fromExternalId, toExternalId, type: 'REFERRED' as const })),
  });
  expect(linkCustomers.created).toBe(5);
});
afterAll(async () => { await app?.close(); });

describe('plugins reading other plugins\' metrics', () => {
  it('refreshes clv first despite the configuration order, then tiers and referral values from it', async () => {
    const { refreshMetrics } = await app.ok(ReadsRefreshDocument, {});
    expect(refreshMetrics.map((r) => [r.plugin, r.status, r.customersScored, r.customersFailed])).toEqual([
      ['spend-clv', 'SUCCEEDED', 9, 0], ['value-tier', 'SUCCEEDED', 9, 0], ['referral-value', 'SUCCEEDED', 9, 0],
    ]);
    expect(refreshMetrics[1].params).toEqual({ mvcShare: 0.2, mgcShare: 0.25, defaultMarginRatio: null, mvcCut: 50, mgcCut: 200, ranked: 7, sampled: 7 });
    expect(refreshMetrics[1].diagnostics).toEqual({ customers: 9, buyers: 8, belowZero: 1, ranked: 7, rankedWithClv: 7, sampled: 7, invalidCost: 0 });

    const tiers = Object.fromEntries(await Promise.all(['R', 'A', 'B', 'A1', 'A2', 'B1', 'X', 'Y', 'Z'].map(async (id) => [id, (await served(id)).metrics['value-tier'] ?? null])));
    expect(tiers).toEqual({
      A: [120, 'MVC'], X: [50, 'MVC'], A1: [20, 'MGC'], R: [40, 'MGC'], B: [10, 'OTHER'], B1: [30, 'OTHER'], Y: [30, 'OTHER'], Z: [20, 'BZ'], A2: null,
    });
    const r = await served('R');
    expect(r.metrics).toEqual({
      'value-tier': [40, 'MGC'], 'value-tier.potential': [240, null], 'value-tier.net-value': [40, null],
      'referral-value': [980, null], 'referral-value.count': [5, null],
    });
    expect((await served('A')).metrics).toMatchObject({ 'referral-value': [400, null], 'referral-value.count': [2, null], 'value-tier.potential': [720, null] });
    expect((await served('B')).metrics).toMatchObject({ 'referral-value': [160, null], 'referral-value.count': [1, null] });
    expect((await served('Y')).metrics).toMatchObject({ 'value-tier.net-value': [0, null], 'value-tier.potential': [210, null] });
    expect((await served('Z')).metrics).toMatchObject({ 'value-tier.net-value': [-10, null] });
    for (const id of ['A1', 'A2', 'B1', 'X', 'Y', 'Z']) expect((await served(id)).metrics['referral-value'], id).toBeUndefined();
  });

  it('publishes the tiers as plugin segments', async () => {
    const { segments } = await app.ok(ReadsPluginSegmentsDocument, {});
    const mine = segments.filter((s) => s.key.startsWith('value-tier-'))
      .map((s) => [s.key, s.name, s.size, s.members.edges.map((e) => e.node.externalId).sort()]);
    expect(mine.sort()).toEqual([
      ['value-tier-bz', 'BZ', 1, ['Z']],
      ['value-tier-mgc', 'MGC', 2, ['A1', 'R']],
      ['value-tier-mvc', 'MVC', 2, ['A', 'X']],
      ['value-tier-other', 'OTHER', 3, ['B', 'B1', 'Y']],
    ]);
  });

  it('re-scores a referred customer after a purchase, reading its fresh CLV, and its referrers two levels up', async () => {
    const a1Before = await served('A1');
    const aBefore = await served('A');
    await app.ok(ReadsRecordInteractionsDocument, {
      input: [{ externalId: 'rp-A1-2', customerExternalId: 'A1', occurredAt: '2025-09-01T10:00:00.000Z', type: 'PURCHASE', amount: 100, margin: 60 }],
    });
    // A1: CLV 2 x 300 = 600, margin 80 >= the MVC cut 50 (the cut points stay until the next refresh): MVC,
    // potential 80 + 600 = 680, which only the fresh CLV gives (the old one would give 480).
    const a1 = await served('A1');
    expect(a1.clv).toBe(600);
    expect(a1.metrics).toMatchObject({ 'value-tier': [80, 'MVC'], 'value-tier.potential': [680, null], 'value-tier.net-value': [80, null] });
    const tierEntry = (s: Awaited<ReturnType<typeof served>>) => s.entries.find((m) => m.key === 'value-tier')!;
    expect(tierEntry(a1).modelRunId).toBe(tierEntry(a1Before).modelRunId);
    expect(Date.parse(tierEntry(a1).asOf)).toBeGreaterThan(Date.parse(tierEntry(a1Before).asOf));
    // A referred A1, R referred A: both re-scored at once with A1's new CLV, in the same run.
    // A: 600 + 0 = 600; R: 600 + 100 + 0.5 x (600 + 0 + 160) = 1080.
    const a = await served('A');
    expect(a.metrics['referral-value']).toEqual([600, null]);
    const ref = (s: Awaited<ReturnType<typeof served>>) => s.entries.find((m) => m.key === 'referral-value')!;
    expect(ref(a).modelRunId).toBe(ref(aBefore).modelRunId);
    expect(Date.parse(ref(a).asOf)).toBeGreaterThan(Date.parse(ref(aBefore).asOf));
    expect((await served('R')).metrics).toMatchObject({ 'referral-value': [1080, null], 'referral-value.count': [5, null] });
    // B's referrals did not change: B is not linked to A1 and keeps the refresh's value.
    expect((await served('B')).metrics['referral-value']).toEqual([160, null]);
    const { segments } = await app.ok(ReadsPluginSegmentsDocument, {});
    expect(segments.find((s) => s.key === 'value-tier-mvc')!.members.edges.map((e) => e.node.externalId).sort()).toEqual(['A', 'A1', 'X']);
  });

  it('refits the cut points at the next refresh; the referral values stay as re-scored', async () => {
    const { refreshMetrics } = await app.ok(ReadsRefreshDocument, {});
    expect(refreshMetrics.map((r) => [r.plugin, r.status])).toEqual([['spend-clv', 'SUCCEEDED'], ['value-tier', 'SUCCEEDED'], ['referral-value', 'SUCCEEDED']]);
    // A: 600 + 0 = 600; R: 600 + 100 + 0.5 x (600 + 0 + 160) = 1080.
    expect((await served('A')).metrics['referral-value']).toEqual([600, null]);
    expect((await served('R')).metrics).toMatchObject({ 'referral-value': [1080, null], 'referral-value.count': [5, null] });
    // Actual values desc 120 (A), 80 (A1) | 50, 40, 30, 30, 10: MVC cut 80, so X drops out of MVC;
    // the other 5's CLVs desc 1000 (X), 200 (R) | 180, 160, 100: MGC cut 200.
    expect(refreshMetrics[1].params).toMatchObject({ mvcCut: 80, mgcCut: 200 });
    const tiers = await Promise.all(['A', 'A1', 'X', 'R', 'B'].map(async (id) => (await served(id)).metrics['value-tier']));
    expect(tiers).toEqual([[120, 'MVC'], [80, 'MVC'], [50, 'MGC'], [40, 'MGC'], [10, 'OTHER']]);
  });
});

describe('startup problems of plugins that read metrics', () => {
  async function problemsOf(plugins: string[]): Promise<string[]> {
    try {
      await loadMetricsSetup(loadConfig({ METRICS_CONFIG: writeMetricsConfig({ plugins }) }));
    } catch (e) {
      if (e instanceof MetricsSetupError) return e.problems;
      throw e;
    }
    return [];
  }

  it('names each plugin that reads clv when nobody serves it, and what is served', async () => {
    expect(await problemsOf(['rfm', 'value-tier', 'referral-value'])).toEqual([
      'plugin "value-tier" reads "clv", which no loaded plugin serves (served: rfm, value-tier, value-tier.cost-to-serve, value-tier.net-value, value-tier.potential, referral-value, referral-value.count)',
      'plugin "referral-value" reads "clv", which no loaded plugin serves (served: rfm, value-tier, value-tier.cost-to-serve, value-tier.net-value, value-tier.potential, referral-value, referral-value.count)',
    ]);
  });

  it('loads once a clv plugin is listed, in any order', async () => {
    expect(await problemsOf(['referral-value', 'value-tier', 'spend-clv'])).toEqual([]);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  SegAddMembersDocument, CustomerClvDetailsDocument, CustomersByMetricDocument, PluginListDocument, RecordInteractionsDocument,
  RefreshMetricsDocument, RuleDefineDocument, RuleMembersDocument, SegmentValueDocument, SegUpsertDocument, UpsertCustomersDocument,
} from './generated/graphql';
import { loadConfig } from '../src/config/config';
import { loadMetricsSetup } from '../src/metrics/host/create-metrics-runtime';
import { MetricsSetupError } from '../src/metrics/host/metrics-setup';
import { writeMetricsConfig } from './support/metrics-config-file';
import { startTestApp, type TestApp } from './support/test-app';

// Two clv plugins side by side: contract-clv for CONTRACTUAL customers (10 x revenue), flat-clv
// (100 for everyone) for the others, chosen in the config. Revenues: n1 30, n2 50, k1 2, k2 8,
// so contractual values are 20 and 80, and by clv: k1 20, k2 80, n1 100, n2 100.
let app: TestApp;
const customers = [
  { externalId: 'n1', revenue: 30, relationship: 'NON_CONTRACTUAL' as const },
  { externalId: 'n2', revenue: 50, relationship: 'NON_CONTRACTUAL' as const },
  { externalId: 'k1', revenue: 2, relationship: 'CONTRACTUAL' as const },
  { externalId: 'k2', revenue: 8, relationship: 'CONTRACTUAL' as const },
];

beforeAll(async () => {
  app = await startTestApp({
    METRICS_CONFIG: writeMetricsConfig({ plugins: ['flat-clv', 'contract-clv'], select: { clv: { NON_CONTRACTUAL: 'flat-clv', CONTRACTUAL: 'contract-clv' } } }),
  });
  await app.ok(UpsertCustomersDocument, { input: customers.map(({ externalId, relationship }) => ({ externalId, relationship })) });
  await app.ok(RecordInteractionsDocument, {
    input: customers.map((c) => ({ externalId: `p-${c.externalId}`, customerExternalId: c.externalId, occurredAt: '2025-05-01T00:00:00.000Z', type: 'PURCHASE' as const, amount: c.revenue })),
  });
  await app.ok(RefreshMetricsDocument, {});
});
afterAll(async () => { await app?.close(); });

describe('routing a core kind by relationship', () => {
  it('evaluates rules on the served value of each customer, from the run of its relationship', async () => {
    const members = async (key: string, rule: object) => {
      await app.ok(RuleDefineDocument, { input: { key, name: key, rule } });
      return (await app.ok(RuleMembersDocument, { key })).segment!.members.edges.map((e) => e.node.externalId).sort();
    };
    expect(await members('clv-over-50', { field: 'metrics.clv', op: 'GT', value: 50 })).toEqual(['k2', 'n1', 'n2']);
    expect(await members('clv-under-90-or-n2', { or: [{ field: 'metrics.clv', op: 'LT', value: 90 }, { field: 'revenue', op: 'EQ', value: 50 }] })).toEqual(['k1', 'k2', 'n2']);
  });

  it('says which plugin serves which customers', async () => {
    const { plugins } = await app.ok(PluginListDocument, {});
    expect(plugins.map((p) => [p.name, p.selected])).toEqual([['flat-clv', ['clv:NON_CONTRACTUAL']], ['contract-clv', ['clv:CONTRACTUAL']]]);
  });

  it('serves each customer the value of its own model, with the optional fields defaulted', async () => {
    const n1 = (await app.ok(CustomerClvDetailsDocument, { externalId: 'n1' })).customer!;
    expect(n1.clv).toEqual({ value: 100, model: 'flat-clv', basis: null, pAlive: null, inputs: [], discountRate: null });
    const k2 = (await app.ok(CustomerClvDetailsDocument, { externalId: 'k2' })).customer!;
    expect(k2.clv).toEqual({ value: 80, model: 'contract-clv', basis: 'REVENUE', pAlive: null, inputs: [], discountRate: 0.1 });
  });

  it('sorts, filters and averages across both models', async () => {
    const sorted = await app.ok(CustomersByMetricDocument, { orderBy: { metric: 'clv', direction: 'ASC' }, first: 10 });
    expect(sorted.customers.edges.map((e) => [e.node.externalId, e.node.clv?.value])).toEqual([['k1', 20], ['k2', 80], ['n1', 100], ['n2', 100]]);
    const ranged = await app.ok(CustomersByMetricDocument, { filter: { metrics: [{ key: 'clv', min: 50, max: 100 }] }, first: 10 });
    expect(ranged.customers.edges.map((e) => e.node.externalId)).toEqual(['n1', 'n2', 'k2']);
    await app.ok(SegUpsertDocument, { input: { key: 'mixed', name: 'Mixed' } });
    await app.ok(SegAddMembersDocument, { key: 'mixed', customerExternalIds: ['n1', 'k1', 'k2'] });
    // (100 + 20 + 80) / 3
    const { segment } = await app.ok(SegmentValueDocument, { key: 'mixed', metric: 'clv' });
    expect(segment!.metricAverage).toEqual({ key: 'clv', average: 200 / 3, count: 3 });
  });
});

describe('selection problems', () => {
  const problemsOf = async (select: unknown, env: Record<string, string> = {}) => {
    const config = loadConfig({ METRICS_CONFIG: writeMetricsConfig({ plugins: ['flat-clv', 'contract-clv'], select: select as never }), ...env });
    try {
      await loadMetricsSetup(config);
    } catch (e) {
      if (e instanceof MetricsSetupError) return e.problems;
      throw e;
    }
    return [];
  };

  it('asks for a choice only where two plugins serve the same customers', async () => {
    expect(await problemsOf({})).toEqual([
      'clv for CONTRACTUAL customers: provided by both "flat-clv" and "contract-clv"; choose one with select.clv.CONTRACTUAL or METRICS_SELECT=clv.CONTRACTUAL=<plugin>',
    ]);
    // flat-clv chosen by name serves both kinds of customer; contract-clv then serves nobody.
    expect(await problemsOf({ clv: 'flat-clv' })).toEqual([]);
    expect(await problemsOf({}, { METRICS_SELECT: 'clv.CONTRACTUAL=contract-clv' })).toEqual([]);
  });

  it('refuses a plugin for customers it does not serve', async () => {
    expect(await problemsOf({ clv: { NON_CONTRACTUAL: 'contract-clv', CONTRACTUAL: 'nope' } })).toEqual([
      'select.clv.NON_CONTRACTUAL: plugin "contract-clv" does not serve NON_CONTRACTUAL customers (its clv is for CONTRACTUAL)',
      'select.clv.CONTRACTUAL: unknown plugin "nope" (loaded: flat-clv, contract-clv)',
    ]);
    expect(await problemsOf({}, { METRICS_SELECT: 'clv.RETAIL=flat-clv' })).toContain('METRICS_SELECT: "clv.RETAIL=flat-clv": RETAIL is not NON_CONTRACTUAL or CONTRACTUAL');
  });
});

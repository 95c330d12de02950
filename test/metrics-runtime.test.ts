import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CustomerClvOnlyDocument, CustomerMetricKeysDocument, CustomerMetricsDocument, CustomersByMetricDocument, ModelRunListDocument, PluginListDocument,
  RecordInteractionsDocument, RefreshMetricsDocument, UpsertCustomersDocument,
} from './generated/graphql';
import { writeMetricsConfig } from './support/metrics-config-file';
import { startTestApp, type TestApp } from './support/test-app';

let app: TestApp;
const revenue = (k: number) => (k % 4 === 0 ? 0 : k * 10);
const ids = Array.from({ length: 13 }, (_, k) => `m-${String(k).padStart(2, '0')}`);

beforeAll(async () => {
  app = await startTestApp({
    METRICS_CONFIG: writeMetricsConfig({ plugins: ['spend-clv', 'crashy'], options: { 'spend-clv': { multiple: 3 } } }),
  });
  await app.ok(UpsertCustomersDocument, { input: [...ids, 'm-boom', 'm-nan'].map((externalId) => ({ externalId })) });
  const purchases = ids.flatMap((id, k) => (revenue(k) ? [{
    externalId: `mp-${k}`, customerExternalId: id, occurredAt: '2025-03-01T10:00:00.000Z', type: 'PURCHASE' as const, amount: revenue(k),
  }] : []));
  await app.ok(RecordInteractionsDocument, { input: purchases });
});
afterAll(async () => { await app?.close(); });

describe('metric runtime', () => {
  it('lists the loaded plugins and what each one is selected for', async () => {
    const { plugins } = await app.ok(PluginListDocument, {});
    expect(plugins).toEqual([
      { name: 'spend-clv', version: '1.0.0', kinds: ['clv'], selected: ['clv'] },
      { name: 'crashy', version: '1.0.0', kinds: ['churn', 'spend-tier', 'link-count'], selected: ['churn'] },
    ]);
  });

  it('refuses to refresh an unknown plugin, naming it and the loaded ones', async () => {
    const r = await app.gql(RefreshMetricsDocument, { plugins: ['spend-clv', 'nope'] });
    expect(r.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', index: 1 });
    expect(r.errors![0].message).toContain('unknown plugin "nope" (loaded: spend-clv, crashy)');
    expect((await app.ok(ModelRunListDocument, {})).modelRuns).toEqual([]);
  });

  it('serves nothing before the first refresh, then every value of the new run', async () => {
    expect((await app.ok(CustomerMetricsDocument, { externalId: 'm-01' })).customer!.clv).toBeNull();
    const { refreshMetrics } = await app.ok(RefreshMetricsDocument, {});
    expect(refreshMetrics.map((r) => [r.plugin, r.status])).toEqual([['spend-clv', 'SUCCEEDED'], ['crashy', 'SUCCEEDED']]);
    const clvRun = refreshMetrics[0];
    expect(clvRun.customersScored).toBe(15);
    // Mean revenue over the 15 customers: (10+20+30+50+60+70+90+100+110) / 15 = 36.
    expect(clvRun.params).toEqual({ meanRevenue: 36 });
    expect(clvRun.diagnostics).toEqual({ customers: 15 });

    const c = (await app.ok(CustomerMetricsDocument, { externalId: 'm-05' })).customer!;
    expect(c.clv).toMatchObject({ value: 150, currency: 'USD', horizonMonths: 12, expectedPurchases: 1, model: 'spend-clv', modelRunId: clvRun.id });
    expect(c.churn).toMatchObject({ probability: 0.5, pAlive: null, model: 'crashy' });
    expect(c.metrics.map((m) => [m.key, m.value, m.label])).toEqual([['link-count', 0, null], ['spend-tier', 50, 'high']]);
    expect((await app.ok(CustomerMetricsDocument, { externalId: 'm-04' })).customer!.clv).toBeNull();
    const picked = await app.ok(CustomerMetricKeysDocument, { externalId: 'm-05', keys: ['spend-tier'] });
    expect(picked.customer!.metrics).toEqual([{ key: 'spend-tier', value: 50, label: 'high' }]);
    const typo = await app.gql(CustomerMetricKeysDocument, { externalId: 'm-05', keys: ['spend-teir'] });
    expect(typo.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'keys' });
    expect(typo.errors![0].message).toContain('free metrics: spend-tier, link-count');
  });

  it('isolates a plugin failure to the field of the customer it failed on', async () => {
    const boom = await app.gql(CustomerMetricsDocument, { externalId: 'm-boom' });
    expect(boom.data!.customer!.externalId).toBe('m-boom');
    expect(boom.data!.customer!.churn).toBeNull();
    expect(boom.data!.customer!.clv).toBeNull();
    expect(boom.errors).toHaveLength(1);
    expect(boom.errors![0].path).toEqual(['customer', 'churn']);
    expect(boom.errors![0].extensions).toMatchObject({ code: 'METRIC_FAILED', plugin: 'crashy' });
    expect(boom.errors![0].message).toContain('cannot score m-boom');

    const nan = await app.gql(CustomerMetricsDocument, { externalId: 'm-nan' });
    expect(nan.errors![0].message).toContain('non-finite');
    const runs = await app.ok(ModelRunListDocument, { plugin: 'crashy', first: 1 });
    expect(runs.modelRuns[0].customersFailed).toBe(2);
  });

  it('keeps serving the previous values when a refresh fails', async () => {
    const before = (await app.ok(CustomerMetricsDocument, { externalId: 'm-05' })).customer!.churn!;
    const { refreshMetrics } = await app.ok(RefreshMetricsDocument, { plugins: ['crashy'], asOf: '1999-06-01T00:00:00.000Z' });
    expect(refreshMetrics[0]).toMatchObject({ plugin: 'crashy', status: 'FAILED', error: 'the likelihood did not converge' });
    const after = (await app.ok(CustomerMetricsDocument, { externalId: 'm-05' })).customer!.churn!;
    expect(after).toEqual(before);
    const runs = await app.ok(ModelRunListDocument, { plugin: 'crashy', first: 5 });
    expect(runs.modelRuns.map((r) => r.status)).toEqual(['FAILED', 'SUCCEEDED']);
  });

  it('re-scores customers right after their interactions are recorded', async () => {
    const before = (await app.ok(CustomerClvOnlyDocument, { externalId: 'm-05' })).customer!.clv!;
    await app.ok(RecordInteractionsDocument, {
      input: [{ externalId: 'mp-extra', customerExternalId: 'm-05', occurredAt: '2025-04-01T10:00:00.000Z', type: 'PURCHASE', amount: 25 }],
    });
    const after = (await app.ok(CustomerClvOnlyDocument, { externalId: 'm-05' })).customer!.clv!;
    expect(after.value).toBe((50 + 25) * 3);
    expect(after.modelRunId).toBe(before.modelRunId);
    expect(Date.parse(after.asOf)).toBeGreaterThan(Date.parse(before.asOf));
    // crashy (needs interactions) is re-scored from the same pass: 1 / (1 + 2 interactions).
    const churn = (await app.ok(CustomerMetricsDocument, { externalId: 'm-05' })).customer!.churn!;
    expect(churn.probability).toBeCloseTo(1 / 3, 12);
  });

  it('sorts and filters customers by a metric across pages', async () => {
    const seen: { id: string; clv: number | null }[] = [];
    let after: string | null | undefined;
    do {
      const page = await app.ok(CustomersByMetricDocument, { orderBy: { metric: 'clv', direction: 'DESC' }, first: 4, after });
      seen.push(...page.customers.edges.map((e) => ({ id: e.node.externalId, clv: e.node.clv?.value ?? null })));
      after = page.customers.pageInfo.hasNextPage ? page.customers.pageInfo.endCursor : null;
    } while (after);
    expect(seen).toHaveLength(15);
    expect(new Set(seen.map((s) => s.id)).size).toBe(15);
    const values = seen.map((s) => s.clv);
    const withValue = values.filter((v): v is number => v !== null);
    expect(withValue).toEqual([...withValue].sort((a, b) => b - a));
    expect(values.slice(withValue.length).every((v) => v === null)).toBe(true);
    expect(seen[0]).toEqual({ id: 'm-11', clv: 330 });

    const top = await app.ok(CustomersByMetricDocument, { filter: { metrics: [{ key: 'clv', min: 200 }] }, first: 50 });
    expect(top.customers.edges.map((e) => e.node.externalId).sort()).toEqual(['m-05', 'm-07', 'm-09', 'm-10', 'm-11']);
    const high = await app.ok(CustomersByMetricDocument, { filter: { metrics: [{ key: 'spend-tier', labels: ['high'] }] }, first: 50 });
    expect(high.customers.totalCount).toBe(6); // revenue >= 50: m-05, m-06, m-07, m-09, m-10, m-11
    const unknown = await app.gql(CustomersByMetricDocument, { orderBy: { metric: 'ltv' } });
    expect(unknown.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'orderBy.metric' });
    expect(unknown.errors![0].message).toContain('known: clv, churn, spend-tier, link-count');
  });
});

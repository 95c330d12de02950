import { afterAll, beforeAll, expect, it } from 'vitest';
import { Role } from '../src/auth/roles';
import { seedDemoData } from '../src/seed/seed-demo-data';
import { HistDocument, HistValuesDocument, RuleRefreshDocument } from './generated/graphql';
import { startTestApp, type TestApp } from './support/test-app';

// metricHistogram against a brute-force histogram of the served values read through the API.

let app: TestApp;
let values: { clv: number[]; churn: number[] };
beforeAll(async () => {
  app = await startTestApp();
  await seedDemoData(app.ds, app.config, { seed: 11, customers: 300, end: new Date('2026-06-01T00:00:00Z') });
  await app.ok(RuleRefreshDocument, {});
  await app.metrics.idle();
  const nodes = (await app.ok(HistValuesDocument, {})).customers.edges.map((e) => e.node);
  values = {
    clv: nodes.flatMap((c) => (c.clv?.value == null ? [] : [c.clv.value])),
    churn: nodes.flatMap((c) => (c.churn?.probability == null ? [] : [c.churn.probability])),
  };
}, 120_000);
afterAll(async () => { await app?.close(); });

/** The histogram computed here: the same bins by definition. */
function expected(xs: number[], bins: number, log: boolean) {
  const kept = log ? xs.filter((x) => x > 0) : xs;
  const t = (x: number) => (log ? Math.log10(x) : x);
  const lo = Math.min(...kept.map(t));
  const hi = Math.max(...kept.map(t));
  const n = hi > lo ? bins : 1;
  const width = hi > lo ? (hi - lo) / n : 1;
  const counts = Array.from({ length: n }, () => 0);
  for (const x of kept) counts[Math.max(0, Math.min(n - 1, Math.floor((t(x) - lo) / width)))] += 1;
  const sorted = [...xs].sort((a, b) => b - a);
  const total = xs.reduce((a, b) => a + b, 0);
  const top = (share: number) => sorted.slice(0, Math.max(1, Math.ceil(xs.length * share))).reduce((a, b) => a + b, 0) / total;
  return { counts, nonPositive: xs.length - kept.length, total, topDecileShare: top(0.1), topPercentileShare: top(0.01), min: Math.min(...xs), max: Math.max(...xs) };
}

it('bins CLV on a log scale and churn probability linearly as a brute force does, with the top shares', async () => {
  expect(values.clv.length).toBeGreaterThan(100);
  expect(values.churn.length).toBeGreaterThan(100);
  for (const [key, xs, scale] of [['clv', values.clv, 'LOG'], ['churn', values.churn, 'LINEAR'], ['clv', values.clv, 'LINEAR']] as const) {
    const h = (await app.ok(HistDocument, { key, bins: 12, scale })).metricHistogram;
    const want = expected(xs, 12, scale === 'LOG');
    expect(h.customers, key).toBe(300);
    expect(h.valued, key).toBe(xs.length);
    expect(h.bins.map((b) => b.customers), `${key} ${scale}`).toEqual(want.counts);
    expect(h.bins.reduce((n, b) => n + b.customers, 0) + h.nonPositive).toBe(xs.length);
    expect(h.nonPositive).toBe(scale === 'LOG' ? want.nonPositive : 0);
    expect(h.total!).toBeCloseTo(want.total, 4);
    expect(h.min!).toBeCloseTo(want.min, 9);
    expect(h.max!).toBeCloseTo(want.max, 9);
    expect(h.topDecileShare!).toBeCloseTo(want.topDecileShare, 9);
    expect(h.topPercentileShare!).toBeCloseTo(want.topPercentileShare, 9);
    expect(h.bins[0].from).toBeCloseTo(want.min > 0 || scale === 'LINEAR' ? want.min : Math.min(...xs.filter((x) => x > 0)), 9);
    expect(h.bins.at(-1)!.to).toBeCloseTo(want.max, 9);
  }
});

it('follows the customer filter, refuses unknown metrics and bad bin counts, and is open to every role', async () => {
  const h = (await app.ok(HistDocument, { key: 'clv', filter: { relationship: ['CONTRACTUAL'] }, bins: 5 })).metricHistogram;
  expect(h.customers).toBeGreaterThan(0);
  expect(h.customers).toBeLessThan(300);
  expect(h.bins.reduce((n, b) => n + b.customers, 0)).toBe(h.valued);
  const unknown = await app.gql(HistDocument, { key: 'nope' });
  expect(unknown.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'key' });
  const bad = await app.gql(HistDocument, { key: 'clv', bins: 0 });
  expect(bad.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'bins' });
  const reader = await app.createKey([Role.READER]);
  expect((await app.gql(HistDocument, { key: 'churn' }, { authorization: `Bearer ${reader}` })).errors).toBeUndefined();
});

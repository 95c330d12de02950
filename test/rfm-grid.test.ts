import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoData } from '../src/seed/seed-demo-data';
import { GridByRecencyDocument, GridCustomersDocument, GridDocument, RecordInteractionsDocument, RuleRefreshDocument, UpsertCustomersDocument } from './generated/graphql';
import { writeMetricsConfig } from './support/metrics-config-file';
import { startTestApp, type TestApp } from './support/test-app';

// The R x F grid in SQL (customerStats grouped by RFM_R and RFM_F) against the scores each
// customer's Customer.rfm { r f } gives, read through the API.

describe('the R x F grid', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
    await seedDemoData(app.ds, app.config, { seed: 5, customers: 300, end: new Date('2026-06-01T00:00:00Z') });
    await app.ok(RuleRefreshDocument, {});
    await app.metrics.idle();
  }, 120_000);
  afterAll(async () => { await app?.close(); });

  it('counts the customers of every cell as their own scores do, with their revenue', async () => {
    const nodes = (await app.ok(GridCustomersDocument, {})).customers.edges.map((e) => e.node);
    const want = new Map<string, { count: number; revenue: number }>();
    for (const c of nodes) {
      const cell = `${c.rfm?.r ?? null}|${c.rfm?.f ?? null}`;
      const w = want.get(cell) ?? { count: 0, revenue: 0 };
      want.set(cell, { count: w.count + 1, revenue: w.revenue + c.summary.revenue });
    }
    const got = (await app.ok(GridDocument, {})).customerStats;
    expect(got.length).toBe(want.size);
    expect(got.length).toBeGreaterThan(10);
    for (const row of got) {
      const w = want.get(`${row.rfmR}|${row.rfmF}`);
      expect(w, `cell ${row.rfmR} ${row.rfmF}`).toBeDefined();
      expect(row.count).toBe(w!.count);
      expect(row.revenue!).toBeCloseTo(w!.revenue, 2);
    }
    // Every score from 1 to 5 occurs on both axes.
    expect(new Set(got.map((r) => r.rfmR).filter((r) => r !== null))).toEqual(new Set([1, 2, 3, 4, 5]));
    expect(new Set(got.map((r) => r.rfmF).filter((r) => r !== null)).size).toBeGreaterThan(2);
    // Interactions can be grouped by their customer's score too.
    const byR = (await app.ok(GridByRecencyDocument, {})).interactionStats;
    expect(byR.map((r) => r.rfmR).filter((r) => r !== null).sort()).toEqual([1, 2, 3, 4, 5]);
  });
});

describe('an rfm model over a window', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ METRICS_CONFIG: writeMetricsConfig({ plugins: ['rfm'], options: { rfm: { windowDays: 365 } } }) });
    await app.ok(UpsertCustomersDocument, { input: [{ externalId: 'w-1' }] });
    await app.ok(RecordInteractionsDocument, { input: [{ externalId: 'wp-1', customerExternalId: 'w-1', type: 'PURCHASE', amount: 10, occurredAt: new Date().toISOString() }] });
    await app.ok(RuleRefreshDocument, {});
    await app.metrics.idle();
  });
  afterAll(async () => { await app?.close(); });

  it('cannot be grouped by its scores in SQL, and says so', async () => {
    const res = await app.gql(GridDocument, {});
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'groupBy' });
    expect(res.errors?.[0].message).toContain('cannot group customers by R and F');
  });
});

import { afterAll, beforeAll, expect, it } from 'vitest';
import { seedDemoData } from '../src/seed/seed-demo-data';
import { DemoModelsDocument, RuleRefreshDocument } from './generated/graphql';
import { startTestApp, type TestApp } from './support/test-app';

// The demo data `npm start` seeds (seed 42, 3,000 customers) and the default metrics config agree:
// every selected plugin fits it. contract-sbg used to fail on its contracts (one churn
// probability for everyone made the sBG fit run off along alpha, beta -> infinity), leaving the
// 387 contractual customers without CLV or churn.

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
  await seedDemoData(app.ds, app.config, { seed: 42, customers: 3000, end: new Date('2026-12-01T00:00:00Z') });
  await app.ok(RuleRefreshDocument, {});
  await app.metrics.idle();
}, 300_000);
afterAll(async () => { await app?.close(); });

it('fits every selected plugin on the demo data, and scores every contractual customer', async () => {
  const d = await app.ok(DemoModelsDocument, {});
  const selected = d.plugins.filter((p) => p.selected.length).map((p) => p.name);
  expect(selected).toContain('contract-sbg');
  for (const name of selected) {
    const last = d.modelRuns.find((r) => r.plugin === name);
    expect(last, name).toMatchObject({ status: 'SUCCEEDED', error: null });
  }
  expect(d.contractual.totalCount).toBeGreaterThan(300);
  expect(d.contractual.totalCount).toBeLessThanOrEqual(500);
  const unscored = d.contractual.edges.filter((e) => e.node.clv?.value == null || e.node.churn?.probability == null);
  expect(unscored.length).toBe(0);
});

import { afterAll, beforeAll, expect, it } from 'vitest';
import { DiCustomerMetricsDocument, DiLinkDocument, DiRecordDocument, DiUpsertDocument, RefreshMetricsDocument } from './generated/graphql';
import { writeMetricsConfig } from './support/metrics-config-file';
import { startTestApp, type TestApp } from './support/test-app';

// After an ingest, every served plugin's value for the customer follows it, the plugins that
// read other plugins' metrics (value-tier, referral-value) included. Those re-score in a second
// wave that also reads links two levels deep; a customer without links once made that read
// `IN ()`, a syntax error on MySQL/MariaDB (SQLite accepts it), and the whole wave kept its old
// values: value-tier showed the revenue before the ingest.

const CUSTOMERS = 30;
let app: TestApp;

beforeAll(async () => {
  app = await startTestApp({
    METRICS_CONFIG: writeMetricsConfig({
      plugins: ['rfm', 'clv-historical', 'churn-inactivity', 'value-tier', 'referral-value', 'satisfaction'],
      select: { clv: 'clv-historical', churn: 'churn-inactivity' },
      // As the default configuration: referral-value reads links two levels deep.
      options: { 'referral-value': { depth: 2, secondLevelWeight: 0.5 } },
    }),
  });
  await app.ok(DiUpsertDocument, { input: Array.from({ length: CUSTOMERS }, (_, k) => ({ externalId: `rs-${k}` })) });
  await app.ok(DiRecordDocument, {
    input: Array.from({ length: CUSTOMERS }, (_, k) => [
      { externalId: `rs-p-${k}`, customerExternalId: `rs-${k}`, occurredAt: new Date(Date.UTC(2025, k % 12, 1 + k)).toISOString(), type: 'PURCHASE' as const, amount: 10 + 7 * k },
      { externalId: `rs-q-${k}`, customerExternalId: `rs-${k}`, occurredAt: new Date(Date.UTC(2025, k % 12, 20 + (k % 8))).toISOString(), type: 'PURCHASE' as const, amount: 5 },
      { externalId: `rs-s-${k}`, customerExternalId: `rs-${k}`, occurredAt: new Date(Date.UTC(2025, k % 12, 2 + k)).toISOString(), type: 'SURVEY' as const, expectationScore: 5, perceptionScore: 3 + (k % 5) },
    ]).flat(),
  });
  // Some customers refer others; rs-0, the one ingested for below, has no link at all.
  await app.ok(DiLinkDocument, { input: [1, 2, 3].map((k) => ({ type: 'REFERRED' as const, fromExternalId: `rs-${k}`, toExternalId: `rs-${k + 10}` })) });
  const runs = await app.ok(RefreshMetricsDocument, {});
  expect(runs.refreshMetrics.map((r) => [r.plugin, r.status])).toEqual(runs.refreshMetrics.map((r) => [r.plugin, 'SUCCEEDED']));
});
afterAll(async () => { await app?.close(); });

it('re-scores every served metric of a customer without links after an ingest', async () => {
  const before = (await app.ok(DiCustomerMetricsDocument, { externalId: 'rs-0' })).customer!;
  const ingested = new Date();
  await app.ok(DiRecordDocument, {
    input: [
      { externalId: 'rs-new-p', customerExternalId: 'rs-0', occurredAt: new Date(Date.now() - 60_000).toISOString(), type: 'PURCHASE', amount: 5000 },
      { externalId: 'rs-new-s', customerExternalId: 'rs-0', occurredAt: new Date(Date.now() - 60_000).toISOString(), type: 'SURVEY', expectationScore: 5, perceptionScore: 10 },
    ],
  });
  const after = (await app.ok(DiCustomerMetricsDocument, { externalId: 'rs-0' })).customer!;

  // Every value the customer has now was scored after the ingest...
  const asOfs = [after.rfm?.asOf, after.clv?.asOf, after.churn?.asOf, ...after.metrics.map((m) => m.asOf)];
  expect(asOfs.every((a) => a !== undefined && a !== null && new Date(a) >= ingested)).toBe(true);
  expect(after.metrics.filter((m) => m.error)).toEqual([]);
  // ...every plugin that had one still has one...
  expect(after.metrics.map((m) => m.key).sort()).toEqual(before.metrics.map((m) => m.key).sort());
  // ...and they reflect it: value-tier's actual value is the net revenue (no margins recorded).
  const value = (key: string) => after.metrics.find((m) => m.key === key)?.value;
  expect(value('value-tier')).toBe(10 + 5 + 5000);
  expect(after.clv?.value).toBeGreaterThan(before.clv?.value ?? 0);
  expect(value('value-tier.potential')).toBe(10 + 5 + 5000 + after.clv!.value);
  expect(value('satisfaction')).not.toBe(before.metrics.find((m) => m.key === 'satisfaction')?.value);
});

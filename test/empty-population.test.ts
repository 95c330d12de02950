import { afterAll, beforeAll, expect, it } from 'vitest';
import { MissingMetricsDocument, PluginStatusesDocument, RecordInteractionsDocument, StatusRefreshDocument, UpsertCustomersDocument } from './generated/graphql';
import { startTestApp, type TestApp } from './support/test-app';

// A database without customers is a normal state: a refresh SKIPS every run ("no customers
// yet") instead of failing every fit with an error (and a stack trace in the log).

let app: TestApp;
beforeAll(async () => { app = await startTestApp(); });
afterAll(async () => { await app?.close(); });

it('skips every run while there is no customer, then fits them once there is one', async () => {
  const empty = (await app.ok(StatusRefreshDocument, {})).refreshMetrics;
  expect(empty.length).toBeGreaterThan(3);
  for (const r of empty) expect(r, r.plugin).toMatchObject({ status: 'SKIPPED', error: null, customersScored: 0, diagnostics: { note: 'no customers yet: nothing to fit' } });
  const statuses = (await app.ok(PluginStatusesDocument, {})).plugins;
  expect(new Set(statuses.filter((p) => p.lastRun).map((p) => p.status))).toEqual(new Set(['NO_CUSTOMERS']));

  await app.ok(UpsertCustomersDocument, { input: [{ externalId: 'first' }] });
  expect((await app.ok(MissingMetricsDocument, { externalId: 'first' })).customer!.missingMetrics).toEqual(expect.arrayContaining([
    { kind: 'rfm', plugin: 'rfm', reason: 'NO_SERVED_RUN', message: expect.stringContaining('found no customer to fit') },
  ]));
  await app.ok(RecordInteractionsDocument, { input: [{ externalId: 'f-1', customerExternalId: 'first', type: 'PURCHASE', amount: 12, occurredAt: '2026-01-05T10:00:00.000Z' }] });
  const rfm = (await app.ok(StatusRefreshDocument, {})).refreshMetrics.find((r) => r.plugin === 'rfm')!;
  expect(rfm).toMatchObject({ status: 'SUCCEEDED', customersScored: 1 });
});

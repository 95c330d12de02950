import { afterAll, beforeAll, expect, it } from 'vitest';
import { MissingMetricsDocument, PluginStatusesDocument, RecordInteractionsDocument, RefreshMetricsDocument, UpsertCustomersDocument } from './generated/graphql';
import { writeMetricsConfig } from './support/metrics-config-file';
import { startTestApp, type TestApp } from './support/test-app';

// A served model that fails is visible in the API: `plugins { status lastRun servedRun }` and
// `Customer.missingMetrics` say why a customer has no value, instead of a silent null. The
// crashy fixture's fit fails for observation ends before 2026, and its score fails for "boom".

let app: TestApp;
const day = 86_400_000;
beforeAll(async () => {
  app = await startTestApp({
    METRICS_CONFIG: writeMetricsConfig({ plugins: ['rfm', 'crashy'], select: { churn: 'crashy' }, options: { crashy: { failFitBefore: '2026-01-01' } } }),
  });
  await app.ok(UpsertCustomersDocument, { input: [{ externalId: 'ok-1' }, { externalId: 'boom-1' }, { externalId: 'quiet' }] });
  await app.ok(RecordInteractionsDocument, {
    input: ['ok-1', 'boom-1'].map((c, k) => ({ externalId: `p-${c}`, customerExternalId: c, type: 'PURCHASE' as const, amount: 20 + k, occurredAt: new Date(Date.UTC(2025, 2, 1 + k)).toISOString() })),
  });
});
afterAll(async () => { await app?.close(); });

const statusOf = async (name: string) => (await app.ok(PluginStatusesDocument, {})).plugins.find((p) => p.name === name)!;
// Through gql, not ok: a customer whose score failed has an error on its churn field too.
const missing = async (externalId: string) => (await app.gql(MissingMetricsDocument, { externalId })).data!.customer!.missingMetrics;

it('says a plugin never ran, then that its only run failed and why, then serving, then stale', async () => {
  expect(await statusOf('crashy')).toMatchObject({ status: 'NOT_RUN', lastRun: null, servedRun: null });

  const failed = await app.ok(RefreshMetricsDocument, { plugins: ['crashy'], asOf: new Date(Date.UTC(2025, 5, 1)).toISOString() });
  expect(failed.refreshMetrics[0].status).toBe('FAILED');
  const afterFailure = await statusOf('crashy');
  expect(afterFailure).toMatchObject({ status: 'FAILED', servedRun: null, lastRun: { status: 'FAILED' } });
  expect(afterFailure.lastRun!.error).toContain('the likelihood did not converge');
  expect(await missing('ok-1')).toEqual(expect.arrayContaining([
    { kind: 'churn', plugin: 'crashy', reason: 'NO_SERVED_RUN', message: expect.stringContaining('the likelihood did not converge') },
    { kind: 'clv', plugin: null, reason: 'NOT_SELECTED', message: expect.stringContaining('no plugin is selected for clv') },
  ]));

  await app.ok(RefreshMetricsDocument, { plugins: ['rfm', 'crashy'] });
  expect(await statusOf('crashy')).toMatchObject({ status: 'SERVING', lastRun: { status: 'SUCCEEDED' } });
  expect((await missing('ok-1')).map((m) => m.kind)).toEqual(['clv']);
  expect(await missing('boom-1')).toEqual(expect.arrayContaining([
    { kind: 'churn', plugin: 'crashy', reason: 'SCORE_FAILED', message: expect.stringContaining('cannot score boom-1') },
  ]));
  // rfm leaves customers without a purchase out.
  expect(await missing('quiet')).toEqual(expect.arrayContaining([{ kind: 'rfm', plugin: 'rfm', reason: 'NOT_SCORED', message: expect.stringContaining('no value for this customer') }]));

  const served = (await statusOf('crashy')).servedRun!.id;
  await app.ok(RefreshMetricsDocument, { plugins: ['crashy'], asOf: new Date(Date.now() - 400 * day).toISOString() });
  const stale = await statusOf('crashy');
  expect(stale).toMatchObject({ status: 'STALE', servedRun: { id: served }, lastRun: { status: 'FAILED' } });
  // The older values stay served.
  expect((await app.ok(MissingMetricsDocument, { externalId: 'ok-1' })).customer!.churn?.probability).toBeGreaterThan(0);
});

it('reads the status of every plugin in a fixed number of statements (the served runs, then two for all plugins)', async () => {
  const n = await app.countStatements(() => app.ok(PluginStatusesDocument, {}));
  expect(n).toBeLessThanOrEqual(3);
});

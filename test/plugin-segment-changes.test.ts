import { afterAll, beforeAll, expect, it } from 'vitest';
import { RecordInteractionsDocument, RefreshMetricsDocument, RuleChangesDocument, RuleMembershipsDocument, UpsertCustomersDocument } from './generated/graphql';
import { startTestApp, type TestApp } from './support/test-app';

// Plugin segments keep since-when across refreshes, and record entries and exits: between runs,
// and when a re-score after an ingest moves a customer.

let app: TestApp;
const ids = Array.from({ length: 12 }, (_, k) => `ps-${k}`);
beforeAll(async () => {
  app = await startTestApp();
  await app.ok(UpsertCustomersDocument, { input: ids.map((externalId) => ({ externalId })) });
  await app.ok(RecordInteractionsDocument, {
    input: ids.flatMap((customerExternalId, k) => Array.from({ length: (k % 4) + 1 }, (_, j) => ({
      externalId: `ps-${k}-${j}`, customerExternalId, type: 'PURCHASE' as const, amount: 10 * (k + 1), occurredAt: new Date(Date.UTC(2026, 0, 1 + 20 * j + k)).toISOString(),
    }))),
  });
});
afterAll(async () => { await app?.close(); });

const rfmOf = async (externalId: string) => (await app.ok(RuleMembershipsDocument, { externalId })).customer!.segmentMemberships.find((m) => m.segment.key.startsWith('rfm-'))!;
const refresh = async () => {
  expect((await app.ok(RefreshMetricsDocument, { plugins: ['rfm'] })).refreshMetrics[0]!.status).toBe('SUCCEEDED');
  await app.metrics.idle();
};
const changes = async (key: string, since: string) => (await app.ok(RuleChangesDocument, { key, since, first: 100 })).segment!.changes.edges.map((e) => `${e.node.entered ? '+' : '-'}${e.node.customer.externalId}`);

it('keeps since-when across refreshes and records who a re-score or a refresh moves', async () => {
  await refresh();
  const first = await rfmOf('ps-0');
  const t0 = new Date().toISOString();
  await refresh();
  expect(await rfmOf('ps-0')).toEqual(first);
  expect(await changes(first.segment.key, t0)).toEqual([]);

  // Many recent, large purchases: ps-0's RFM segment changes at once (re-scored after the ingest).
  await app.ok(RecordInteractionsDocument, {
    input: Array.from({ length: 6 }, (_, j) => ({ externalId: `ps-0-new-${j}`, customerExternalId: 'ps-0', type: 'PURCHASE' as const, amount: 900, occurredAt: new Date(Date.now() - j * 3_600_000).toISOString() })),
  });
  const moved = await rfmOf('ps-0');
  expect(moved.segment.key).not.toBe(first.segment.key);
  expect(await changes(first.segment.key, t0)).toEqual(['-ps-0']);
  expect(await changes(moved.segment.key, t0)).toEqual(['+ps-0']);

  // A refresh that keeps ps-0 where the re-score put it keeps its since-when; others it moves are recorded.
  const t1 = new Date().toISOString();
  await refresh();
  const after = await rfmOf('ps-0');
  if (after.segment.key === moved.segment.key) expect(after.since).toBe(moved.since);
  const moves = (await Promise.all([...new Set([first.segment.key, moved.segment.key, after.segment.key])].map((k) => changes(k, t1)))).flat();
  expect(moves.filter((m) => m.endsWith('ps-0')).length).toBe(after.segment.key === moved.segment.key ? 0 : 2);
});

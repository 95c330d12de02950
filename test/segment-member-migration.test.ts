import { afterAll, beforeAll, expect, it } from 'vitest';
import { RecordInteractionsDocument, RefreshMetricsDocument, SegAddMembersDocument, SegListDocument, SegUpsertDocument, UpsertCustomersDocument } from './generated/graphql';
import { startTestApp, type TestApp } from './support/test-app';
import { undoMigrationsThrough } from './support/migrations';

// The migration that files plugin segment members under their run, run down and up again on a
// database whose plugin segments have members: readers see the same segments before and after.

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
  const ids = Array.from({ length: 12 }, (_, k) => `mm-${k}`);
  await app.ok(UpsertCustomersDocument, { input: ids.map((externalId) => ({ externalId })) });
  await app.ok(RecordInteractionsDocument, {
    input: ids.flatMap((customerExternalId, k) => Array.from({ length: k + 1 }, (_, j) => ({
      externalId: `mm-${k}-${j}`, customerExternalId, type: 'PURCHASE' as const, amount: 10 * (k + 1), occurredAt: new Date(Date.UTC(2026, 0, 1 + 9 * j + k)).toISOString(),
    }))),
  });
  await app.ok(SegUpsertDocument, { input: { key: 'vip', name: 'VIP' } });
  await app.ok(SegAddMembersDocument, { key: 'vip', customerExternalIds: ['mm-1', 'mm-2'] });
  const { refreshMetrics } = await app.ok(RefreshMetricsDocument, { plugins: ['rfm'] });
  expect(refreshMetrics[0].status).toBe('SUCCEEDED');
  await app.metrics.idle();
});
afterAll(async () => { await app?.close(); });

const sizes = async () => Object.fromEntries((await app.ok(SegListDocument, {})).segments.map((s) => [s.key, s.size]));

it('files the members of plugin segments under their plugin\'s served run, and undoes it', async () => {
  const before = await sizes();
  expect(before.vip).toBe(2);
  expect(Object.keys(before).filter((k) => k.startsWith('rfm-')).length).toBeGreaterThan(1);
  await undoMigrationsThrough(app.ds, 'SegmentMemberRun1765400000000');
  const columns = async () => (await app.ds.createQueryRunner().getTable('segment_member'))!.columns.map((c) => c.name).sort();
  expect(await columns()).toEqual(['added_at', 'customer_id', 'segment_id']);

  await app.ds.runMigrations({ transaction: 'each' });
  expect(await columns()).toEqual(['added_at', 'customer_id', 'run_id', 'segment_id']);
  const served = new Map((await app.ds.query('SELECT plugin, run_id AS run FROM metric_current') as { plugin: string; run: number }[]).map((c) => [c.plugin, Number(c.run)]));
  // The plugin that owns a key: the longest name that starts it (rfm-champions: rfm).
  const owner = (key: string) => [...served.keys()].filter((p) => key.startsWith(`${p}-`)).sort((a, b) => b.length - a.length)[0]!;
  const rows = await app.ds.query(
    `SELECT s.kind AS kind, s.${app.config.database.kind === 'mysql' ? '`key`' : '"key"'} AS k, sm.run_id AS run FROM segment_member sm JOIN segment s ON s.id = sm.segment_id`,
  ) as { kind: string; k: string; run: number }[];
  expect(rows.filter((r) => r.kind === 'PLUGIN').length).toBeGreaterThanOrEqual(12);
  for (const r of rows) expect(Number(r.run), `${r.kind} ${r.k}`).toBe(r.kind === 'STATIC' ? 0 : served.get(owner(r.k)));
  expect(await sizes()).toEqual(before);
});

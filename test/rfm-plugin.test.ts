import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  CustomerRfmDocument, CustomersByMetricDocument, PluginSegmentsDocument, RecordInteractionsDocument, RefreshMetricsDocument, SegCustomersDocument,
  SegmentValueDocument, UpsertCustomersDocument,
} from './generated/graphql';
import { SegmentKind } from '../src/common/enums';
import { Segment } from '../src/segments/segment.entity';
import { startTestApp, type TestApp } from './support/test-app';

// The shipped configuration (metrics.config.json: the rfm plugin, 5 bins, total monetary).
// Customer k (1..10) bought k times for 10 each, the last time (11 - k) * 10 days before asOf, so
// recency, frequency and monetary all rank the same way and quintiles put two customers per score:
// k = 9, 10 -> 5-5-5; k = 7, 8 -> 4-4-4; ... k = 1, 2 -> 1-1-1.
const asOf = new Date('2026-01-01T00:00:00.000Z');
const day = 86_400_000;
let app: TestApp;

beforeAll(async () => {
  app = await startTestApp();
  const ks = Array.from({ length: 10 }, (_, i) => i + 1);
  await app.ok(UpsertCustomersDocument, { input: [...ks.map((k) => ({ externalId: `r-${k}` })), { externalId: 'r-none' }, { externalId: 'r-staff', origin: 'INTERNAL' }] });
  const purchases = ks.flatMap((k) => Array.from({ length: k }, (_, j) => ({
    externalId: `rp-${k}-${j}`, customerExternalId: `r-${k}`, type: 'PURCHASE' as const, amount: 10,
    occurredAt: new Date(asOf.getTime() - ((11 - k) * 10 + j * 3) * day).toISOString(),
  })));
  purchases.push({ externalId: 'rp-staff', customerExternalId: 'r-staff', type: 'PURCHASE', amount: 999, occurredAt: new Date(asOf.getTime() - day).toISOString() });
  await app.ok(RecordInteractionsDocument, { input: purchases });
  const { refreshMetrics } = await app.ok(RefreshMetricsDocument, { plugins: ['rfm'], asOf: asOf.toISOString() });
  expect(refreshMetrics[0].status).toBe('SUCCEEDED');
});
afterAll(async () => { await app?.close(); });

it('scores customers by quintiles and names their segment', async () => {
  const best = (await app.ok(CustomerRfmDocument, { externalId: 'r-10' })).customer!;
  expect(best.rfm).toMatchObject({ recency: 10, frequency: 10, monetary: 100, r: 5, f: 5, m: 5, cell: '5-5-5', segment: 'Champions', score: 15, model: 'rfm' });
  expect(best.rfm!.asOf).toBe(asOf.toISOString());
  expect((await app.ok(CustomerRfmDocument, { externalId: 'r-7' })).customer!.rfm).toMatchObject({ cell: '4-4-4', segment: 'Champions', score: 12 });
  expect((await app.ok(CustomerRfmDocument, { externalId: 'r-5' })).customer!.rfm).toMatchObject({ cell: '3-3-3', segment: 'Need Attention' });
  expect((await app.ok(CustomerRfmDocument, { externalId: 'r-1' })).customer!.rfm).toMatchObject({ recency: 100, cell: '1-1-1', segment: 'Lost', score: 3 });
  // No purchases: not applicable. Internal customers are left out of metrics by default.
  expect((await app.ok(CustomerRfmDocument, { externalId: 'r-none' })).customer!.rfm).toBeNull();
  expect((await app.ok(CustomerRfmDocument, { externalId: 'r-staff' })).customer!.rfm).toBeNull();
});

it('publishes each named segment as a PLUGIN segment with its members', async () => {
  const { segments } = await app.ok(PluginSegmentsDocument, {});
  const members = Object.fromEntries(segments.map((s) => [s.key, s.members.edges.map((e) => e.node.externalId).sort()]));
  expect(segments.every((s) => s.kind === 'PLUGIN')).toBe(true);
  expect(members['rfm-champions']).toEqual(['r-10', 'r-7', 'r-8', 'r-9']);
  expect(members['rfm-lost']).toEqual(['r-1', 'r-2']);
  expect(segments.reduce((n, s) => n + s.size, 0)).toBe(10);
  const c = (await app.ok(CustomerRfmDocument, { externalId: 'r-10' })).customer!;
  expect(c.segments).toEqual([{ key: 'rfm-champions', name: 'Champions', kind: 'PLUGIN' }]);
});

it('re-scores and re-files a customer as soon as new purchases arrive', async () => {
  const recent = new Date(Date.now() - day).toISOString();
  await app.ok(RecordInteractionsDocument, {
    input: Array.from({ length: 12 }, (_, j) => ({ externalId: `rp-comeback-${j}`, customerExternalId: 'r-1', type: 'PURCHASE' as const, amount: 10, occurredAt: recent })),
  });
  const c = (await app.ok(CustomerRfmDocument, { externalId: 'r-1' })).customer!;
  expect(c.rfm).toMatchObject({ frequency: 13, monetary: 130, cell: '5-5-5', segment: 'Champions' });
  expect(c.segments.map((s) => s.key)).toEqual(['rfm-champions']);
  const { segments } = await app.ok(PluginSegmentsDocument, {});
  expect(segments.find((s) => s.key === 'rfm-lost')!.members.edges.map((e) => e.node.externalId)).toEqual(['r-2']);
});

it('filters customers by RFM segment and orders them by RFM score', async () => {
  const atRiskOrLost = await app.ok(CustomersByMetricDocument, { filter: { metrics: [{ key: 'rfm', labels: ['Lost'] }] }, first: 10 });
  expect(atRiskOrLost.customers.edges.map((e) => e.node.externalId)).toEqual(['r-2']);
  const top = await app.ok(CustomersByMetricDocument, { orderBy: { metric: 'rfm', direction: 'DESC' }, first: 3 });
  expect(top.customers.edges.map((e) => e.node.externalId)).toEqual(['r-10', 'r-9', 'r-1']);
});

it('ignores interactions after asOf when refreshing', async () => {
  // r-1's comeback purchases happened after asOf: a refresh as of asOf scores it as before.
  await app.ok(RefreshMetricsDocument, { plugins: ['rfm'], asOf: asOf.toISOString() });
  expect((await app.ok(CustomerRfmDocument, { externalId: 'r-1' })).customer!.rfm).toMatchObject({ frequency: 1, cell: '1-1-1', segment: 'Lost' });
});

it('reports what a segment is worth: members\' revenue and the average of a metric', async () => {
  // After the refresh as of asOf, Champions are r-7 (4-4-4), r-8 (4-4-4), r-9 and r-10 (5-5-5).
  const { segment } = await app.ok(SegmentValueDocument, { key: 'rfm-champions', metric: 'rfm' });
  expect(segment).toEqual({ key: 'rfm-champions', size: 4, revenue: 70 + 80 + 90 + 100, metricAverage: { key: 'rfm', average: (12 + 12 + 15 + 15) / 4, count: 4 } });
  const unknown = await app.gql(SegmentValueDocument, { key: 'rfm-champions', metric: 'ltv' });
  expect(unknown.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'key' });
});

it('serves a run\'s segment members only with the run, and drops the replaced run\'s members after it', async () => {
  const servedRun = async () => Number((await app.ds.query("SELECT run_id FROM metric_current WHERE plugin = 'rfm'") as { run_id: number }[])[0]!.run_id);
  const served = await servedRun();
  const view = async () => ({
    segments: (await app.ok(PluginSegmentsDocument, {})).segments,
    lost: (await app.ok(SegCustomersDocument, { filter: { segmentKeys: ['rfm-lost'] }, first: 20 })).customers,
    champion: (await app.ok(CustomerRfmDocument, { externalId: 'r-10' })).customer!.segments,
    worth: (await app.ok(SegmentValueDocument, { key: 'rfm-lost', metric: 'rfm' })).segment,
  });
  const before = await view();
  expect(before.lost.totalCount).toBe(2);
  // A refresh in progress has filed every customer as Lost under its run, not served yet: readers see none of it.
  const pending = served + 1000;
  await app.ds.query(
    `INSERT INTO segment_member (segment_id, run_id, customer_id, added_at)
     SELECT (SELECT id FROM segment WHERE ${app.config.database.kind === 'mysql' ? '`key`' : '"key"'} = 'rfm-lost'), ?, customer_id, added_at FROM segment_member WHERE run_id = ?`,
    [pending, served],
  );
  expect(await view()).toEqual(before);
  await app.ds.query('DELETE FROM segment_member WHERE run_id = ?', [pending]);

  const { refreshMetrics } = await app.ok(RefreshMetricsDocument, { plugins: ['rfm'], asOf: asOf.toISOString() });
  expect(refreshMetrics[0].status).toBe('SUCCEEDED');
  expect(await servedRun()).toBeGreaterThan(served);
  expect(await view()).toEqual(before);
  await app.metrics.idle();
  const rows = await app.ds.query(
    "SELECT sm.run_id AS run, COUNT(*) AS n FROM segment_member sm JOIN segment s ON s.id = sm.segment_id WHERE s.kind = 'PLUGIN' GROUP BY sm.run_id",
  ) as { run: number; n: number }[];
  expect(rows.map((r) => [Number(r.run), Number(r.n)])).toEqual([[await servedRun(), 10]]);
});

it('files members only in its own segments, not in those of a plugin whose name starts like its own', async () => {
  const segments = app.ds.getRepository(Segment);
  const now = new Date();
  // What a plugin named rfm-x would publish for its label Champions: its key starts with rfm- too.
  const other = await segments.save(segments.create({ key: 'rfm-x-champions', name: 'Champions', description: null, kind: SegmentKind.PLUGIN, createdAt: now, updatedAt: now }));
  try {
    await app.ok(RefreshMetricsDocument, { plugins: ['rfm'], asOf: asOf.toISOString() });
    const sizes = Object.fromEntries((await app.ok(PluginSegmentsDocument, {})).segments.map((s) => [s.key, s.size]));
    expect(sizes['rfm-champions']).toBe(4);
    expect(sizes['rfm-x-champions']).toBe(0);
  } finally {
    await segments.delete({ id: other.id });
  }
});

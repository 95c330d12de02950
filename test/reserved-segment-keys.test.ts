import { afterAll, beforeAll, expect, it } from 'vitest';
import { SegmentKind } from '../src/common/enums';
import { Segment } from '../src/segments/segment.entity';
import { SegmentMember } from '../src/segments/segment-member.entity';
import {
  ModelRunListDocument, RecordInteractionsDocument, RefreshMetricsDocument, SegAddMembersDocument, SegDeleteDocument,
  SegOneDocument, SegRemoveMembersDocument, SegUpsertDocument, UpsertCustomersDocument,
} from './generated/graphql';
import { writeMetricsConfig } from './support/metrics-config-file';
import { startTestApp, type TestApp } from './support/test-app';

// rfm and satisfaction publish their labels as PLUGIN segments (`rfm-*`, `satisfaction-*`);
// clv-historical publishes none, so its name is no reserved prefix.
const day = 86_400_000;
let app: TestApp;

beforeAll(async () => {
  app = await startTestApp({ METRICS_CONFIG: writeMetricsConfig({ plugins: ['rfm', 'satisfaction', 'clv-historical'] }) });
  const ks = Array.from({ length: 10 }, (_, i) => i + 1);
  await app.ok(UpsertCustomersDocument, { input: ks.map((k) => ({ externalId: `k-${k}` })) });
  await app.ok(RecordInteractionsDocument, {
    input: ks.flatMap((k) => Array.from({ length: k }, (_, j) => ({
      externalId: `kp-${k}-${j}`, customerExternalId: `k-${k}`, type: 'PURCHASE' as const, amount: 10,
      occurredAt: new Date(Date.now() - ((11 - k) * 10 + j * 3) * day).toISOString(),
    }))),
  });
});
afterAll(async () => { await app?.close(); });

const refreshRfm = async () => (await app.ok(RefreshMetricsDocument, { plugins: ['rfm'] })).refreshMetrics[0];

it('refuses upsertSegment with a key a loaded plugin publishes or may publish, naming the key and the plugin', async () => {
  for (const [key, plugin] of [['rfm-champions', 'rfm'], ['rfm-anything-new', 'rfm'], ['satisfaction-satisfied', 'satisfaction']]) {
    const r = await app.gql(SegUpsertDocument, { input: { key, name: 'Mine' } });
    expect(r.errors?.[0]?.extensions, key).toMatchObject({ code: 'BAD_USER_INPUT', field: 'key' });
    expect(r.errors![0].message).toContain(`"${key}"`);
    expect(r.errors![0].message).toContain(`reserved for plugin "${plugin}"`);
    expect((await app.ok(SegOneDocument, { key })).segment).toBeNull();
  }
  // Only the namespaces of plugins that publish segments are reserved.
  for (const key of ['rfm', 'rfmx-1', 'clv-historical-top']) {
    expect((await app.ok(SegUpsertDocument, { input: { key, name: 'Mine' } })).upsertSegment.kind, key).toBe('STATIC');
  }
});

it('keeps the RFM refresh working after a refused upsertSegment, and refuses to edit or delete its segments', async () => {
  await app.gql(SegUpsertDocument, { input: { key: 'rfm-champions', name: 'Mine' } });
  for (let i = 0; i < 2; i += 1) {
    const run = await refreshRfm();
    expect(run, `refresh ${i + 1}`).toMatchObject({ status: 'SUCCEEDED', error: null });
  }
  const champions = (await app.ok(SegOneDocument, { key: 'rfm-champions' })).segment;
  expect(champions).toMatchObject({ kind: 'PLUGIN' });
  expect(champions!.size).toBeGreaterThan(0);

  const refusals = [
    await app.gql(SegUpsertDocument, { input: { key: 'rfm-champions', name: 'Mine' } }),
    await app.gql(SegAddMembersDocument, { key: 'rfm-champions', customerExternalIds: ['k-1'] }),
    await app.gql(SegRemoveMembersDocument, { key: 'rfm-champions', customerExternalIds: ['k-10'] }),
    await app.gql(SegDeleteDocument, { key: 'rfm-champions' }),
  ];
  for (const r of refusals) {
    expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'key' });
    expect(r.errors![0].message).toMatch(/"rfm-champions".*reserved for plugin "rfm"/);
  }
  expect((await app.ok(SegOneDocument, { key: 'rfm-champions' })).segment).toMatchObject({ kind: 'PLUGIN', size: champions!.size });
});

it('fails the refresh with a coded message while a user segment from before the reservation holds a key it publishes, until it is deleted', async () => {
  // A database from before the reservation: a STATIC segment has a key rfm publishes.
  const now = new Date();
  const published = await app.ds.getRepository(Segment).findOneByOrFail({ key: 'rfm-lost' });
  await app.ds.getRepository(SegmentMember).delete({ segmentId: published.id });
  await app.ds.getRepository(Segment).delete({ id: published.id });
  await app.ds.getRepository(Segment).insert({ key: 'rfm-lost', name: 'Our lost ones', description: null, kind: SegmentKind.STATIC, createdAt: now, updatedAt: now });

  // Only rfm fails: clv-historical, refreshed in the same wave, is published.
  const runs = (await app.ok(RefreshMetricsDocument, { plugins: ['rfm', 'clv-historical'] })).refreshMetrics;
  expect(runs.find((r) => r.plugin === 'clv-historical')).toMatchObject({ status: 'SUCCEEDED', error: null });
  const failed = runs.find((r) => r.plugin === 'rfm')!;
  expect(failed.status).toBe('FAILED');
  expect(failed.error).toMatch(/^SEGMENT_KEY_TAKEN: .*"rfm-lost"/);
  expect(failed.error).toContain('deleteSegment');
  expect(failed.error).not.toMatch(/UNIQUE|Duplicate|ER_|SQLITE_|IDX_|constraint/i);
  expect((await app.ok(ModelRunListDocument, { plugin: 'rfm', first: 3 })).modelRuns.map((r) => r.status)).toEqual(['FAILED', 'SUCCEEDED', 'SUCCEEDED']);
  // The previous run and its segments stay served.
  expect((await app.ok(SegOneDocument, { key: 'rfm-champions' })).segment).toMatchObject({ kind: 'PLUGIN' });
  // The user's segment is kept as it was; growing it is refused, emptying and deleting it are not.
  expect((await app.ok(SegOneDocument, { key: 'rfm-lost' })).segment).toMatchObject({ kind: 'STATIC', name: 'Our lost ones' });
  const add = await app.gql(SegAddMembersDocument, { key: 'rfm-lost', customerExternalIds: ['k-1'] });
  expect(add.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'key' });
  expect((await app.ok(SegRemoveMembersDocument, { key: 'rfm-lost', customerExternalIds: ['k-1'] })).removeSegmentMembers.removed).toBe(0);
  expect((await app.ok(SegDeleteDocument, { key: 'rfm-lost' })).deleteSegment).toBe(true);

  expect(await refreshRfm()).toMatchObject({ status: 'SUCCEEDED', error: null });
  expect((await app.ok(SegOneDocument, { key: 'rfm-lost' })).segment).toMatchObject({ kind: 'PLUGIN' });
});

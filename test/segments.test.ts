import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SegmentKind } from '../src/common/enums';
import { Segment } from '../src/segments/segment.entity';
import {
  SegAddMembersDocument, SegCustomerSegmentsDocument, SegCustomersDocument, SegDeleteDocument, SegEraseCustomerDocument,
  SegListDocument, SegMembersDocument, type SegMembersQuery, SegOneDocument, SegRemoveMembersDocument, SegUpsertCustomersDocument, SegUpsertDocument,
} from './generated/graphql';
import { startTestApp, type TestApp } from './support/test-app';

const BATCH_MAX = 40;
let app: TestApp;
beforeAll(async () => { app = await startTestApp({ BATCH_SIZE_MAX: String(BATCH_MAX) }); });
afterAll(async () => { await app?.close(); });

async function people(...externalIds: string[]): Promise<void> {
  await app.ok(SegUpsertCustomersDocument, { input: externalIds.map((externalId) => ({ externalId })) });
}
async function size(key: string): Promise<number | undefined> {
  return (await app.ok(SegOneDocument, { key })).segment?.size;
}
async function segmentsOf(externalId: string): Promise<string[]> {
  return (await app.ok(SegCustomerSegmentsDocument, { externalId })).customer?.segments.map((s) => s.key) ?? [];
}
async function allMembers(key: string, first: number): Promise<{ ids: string[]; pages: number; totalCount: number }> {
  const ids: string[] = [];
  let after: string | null = null;
  let pages = 0;
  let totalCount = -1;
  for (;;) {
    const r: SegMembersQuery = await app.ok(SegMembersDocument, { key, first, after });
    const conn = r.segment!.members;
    pages += 1;
    totalCount = conn.totalCount;
    expect(conn.edges.length).toBeLessThanOrEqual(first);
    ids.push(...conn.edges.map((e) => e.node.externalId));
    if (!conn.pageInfo.hasNextPage) break;
    after = conn.pageInfo.endCursor;
    if (pages > 50) throw new Error('pagination does not end');
  }
  return { ids, pages, totalCount };
}

describe('upsertSegment, segments and segment', () => {
  it('creates a STATIC segment, then updates name and description by key', async () => {
    const created = await app.ok(SegUpsertDocument, { input: { key: 'vip-2026', name: 'VIP 2026', description: 'Top spenders' } });
    expect(created.upsertSegment).toMatchObject({ key: 'vip-2026', name: 'VIP 2026', description: 'Top spenders', kind: 'STATIC', size: 0 });

    const renamed = await app.ok(SegUpsertDocument, { input: { key: 'vip-2026', name: 'VIP' } });
    expect(renamed.upsertSegment).toMatchObject({ id: created.upsertSegment.id, name: 'VIP', description: 'Top spenders' });
    expect(renamed.upsertSegment.createdAt).toBe(created.upsertSegment.createdAt);

    const cleared = await app.ok(SegUpsertDocument, { input: { key: 'vip-2026', name: 'VIP', description: null } });
    expect(cleared.upsertSegment.description).toBeNull();
    expect(await app.ok(SegOneDocument, { key: 'vip-2026' })).toEqual({
      segment: { key: 'vip-2026', name: 'VIP', description: null, kind: 'STATIC', size: 0 },
    });
  });

  it('rejects bad keys, names and descriptions, naming the field, and writes nothing', async () => {
    for (const key of ['VIP', '-vip', '', 'a b', 'x'.repeat(101)]) {
      const r = await app.gql(SegUpsertDocument, { input: { key, name: 'n' } });
      expect(r.errors![0].extensions, key).toMatchObject({ code: 'BAD_USER_INPUT', field: 'key' });
    }
    const name = await app.gql(SegUpsertDocument, { input: { key: 'ok-key', name: '  ' } });
    expect(name.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'name' });
    const long = await app.gql(SegUpsertDocument, { input: { key: 'ok-key', name: 'n'.repeat(201), description: 'd'.repeat(2001) } });
    const fields = (long.errors![0].extensions!.problems as { field: string }[]).map((p) => p.field);
    expect(fields).toEqual(['name', 'description']);
    expect((await app.ok(SegOneDocument, { key: 'ok-key' })).segment).toBeNull();
  });

  it('lists segments by key, filtered by kind, and refuses to change non-STATIC ones', async () => {
    await app.ok(SegUpsertDocument, { input: { key: 'alpha', name: 'Alpha' } });
    await app.ds.getRepository(Segment).insert({
      key: 'rule-1', name: 'Rule', description: null, kind: SegmentKind.RULE, createdAt: new Date(), updatedAt: new Date(),
    });
    expect((await app.ok(SegListDocument, {})).segments.map((s) => s.key)).toEqual(['alpha', 'rule-1', 'vip-2026']);
    expect((await app.ok(SegListDocument, { kind: 'STATIC' })).segments.map((s) => s.key)).toEqual(['alpha', 'vip-2026']);
    expect((await app.ok(SegListDocument, { kind: 'RULE' })).segments).toEqual([{ key: 'rule-1', name: 'Rule', kind: 'RULE', size: 0 }]);
    expect((await app.ok(SegListDocument, { kind: 'PLUGIN' })).segments).toEqual([]);
    expect((await app.ok(SegOneDocument, { key: 'nope' })).segment).toBeNull();

    // A PLUGIN segment is its plugin's: not renamed, deleted or edited through the API (RULE segments: rule-segments.test.ts).
    await app.ds.getRepository(Segment).insert({
      key: 'computed-1', name: 'Computed', description: null, kind: SegmentKind.PLUGIN, createdAt: new Date(), updatedAt: new Date(),
    });
    const update = await app.gql(SegUpsertDocument, { input: { key: 'computed-1', name: 'Hijack' } });
    expect(update.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'key' });
    const del = await app.gql(SegDeleteDocument, { key: 'computed-1' });
    expect(del.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'key' });
    await people('rule-c');
    for (const key of ['computed-1', 'rule-1']) {
      const add = await app.gql(SegAddMembersDocument, { key, customerExternalIds: ['rule-c'] });
      expect(add.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'key' });
    }
    expect((await app.ok(SegOneDocument, { key: 'computed-1' })).segment).toMatchObject({ name: 'Computed', size: 0 });
  });
});

describe('segment members', () => {
  const members = ['m-1', 'm-2', 'm-3', 'm-4', 'm-5', 'm-6', 'm-7'];

  it('adds members idempotently and reports size', async () => {
    await people(...members, 'outsider');
    const first = await app.ok(SegAddMembersDocument, { key: 'vip-2026', customerExternalIds: members.slice(0, 5) });
    expect(first.addSegmentMembers).toMatchObject({ added: 5, alreadyMembers: 0, segment: { key: 'vip-2026', size: 5 } });

    const again = await app.ok(SegAddMembersDocument, { key: 'vip-2026', customerExternalIds: ['m-1', 'm-5', 'm-6', 'm-7', 'm-7'] });
    expect(again.addSegmentMembers).toMatchObject({ added: 2, alreadyMembers: 3, segment: { size: 7 } });
    expect(await size('vip-2026')).toBe(7);
    await app.ok(SegAddMembersDocument, { key: 'alpha', customerExternalIds: ['m-1', 'm-2'] });
  });

  it('rejects unknown or erased customers with index and field, writing nothing', async () => {
    await people('gone');
    await app.ok(SegEraseCustomerDocument, { externalId: 'gone' });
    const r = await app.gql(SegAddMembersDocument, { key: 'vip-2026', customerExternalIds: ['outsider', 'ghost', 'gone'] });
    expect(r.data).toBeNull();
    expect(r.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', index: 1, field: 'customerExternalIds' });
    const problems = r.errors![0].extensions!.problems as { index: number; field: string }[];
    expect(problems.map((p) => `${p.index}.${p.field}`)).toEqual(['1.customerExternalIds', '2.customerExternalIds']);
    expect(await size('vip-2026')).toBe(7);
    expect(await segmentsOf('outsider')).toEqual([]);

    const removal = await app.gql(SegRemoveMembersDocument, { key: 'vip-2026', customerExternalIds: ['m-1', 'ghost'] });
    expect(removal.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', index: 1, field: 'customerExternalIds' });
    expect(await size('vip-2026')).toBe(7);

    const tooMany = await app.gql(SegAddMembersDocument, { key: 'vip-2026', customerExternalIds: Array.from({ length: BATCH_MAX + 1 }, () => 'outsider') });
    expect(tooMany.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(tooMany.errors![0].message).toContain(String(BATCH_MAX));
    expect(await segmentsOf('outsider')).toEqual([]);
  });

  it('pages through members two at a time: every member once, nobody else', async () => {
    const { ids, pages, totalCount } = await allMembers('vip-2026', 2);
    expect(pages).toBe(4);
    expect(totalCount).toBe(7);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(members);
  });

  it('keeps members scoped to the segment whatever the filter says, and sorts like customers', async () => {
    const scoped = await app.ok(SegMembersDocument, { key: 'alpha', filter: { segmentKeys: ['vip-2026'] } });
    expect(scoped.segment!.members.edges.map((e) => e.node.externalId)).toEqual(['m-1', 'm-2']);
    const filtered = await app.ok(SegMembersDocument, { key: 'vip-2026', filter: { externalIds: ['m-3', 'outsider'] } });
    expect(filtered.segment!.members.edges.map((e) => e.node.externalId)).toEqual(['m-3']);
    const desc = await app.ok(SegMembersDocument, { key: 'alpha', orderBy: { field: 'ID', direction: 'DESC' } });
    expect(desc.segment!.members.edges.map((e) => e.node.externalId)).toEqual(['m-2', 'm-1']);
    const tooBig = await app.gql(SegMembersDocument, { key: 'alpha', first: app.config.pageSizeMax + 1 });
    expect(tooBig.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
  });

  it('shows memberships on Customer.segments and in customers(filter: {segmentKeys})', async () => {
    expect(await segmentsOf('m-1')).toEqual(['alpha', 'vip-2026']);
    expect(await segmentsOf('m-7')).toEqual(['vip-2026']);
    const inAlpha = await app.ok(SegCustomersDocument, { filter: { segmentKeys: ['alpha'] } });
    expect(inAlpha.customers.totalCount).toBe(2);
    expect(inAlpha.customers.edges.map((e) => e.node.externalId)).toEqual(['m-1', 'm-2']);
    const inEither = await app.ok(SegCustomersDocument, { filter: { segmentKeys: ['alpha', 'vip-2026'] } });
    expect(inEither.customers.totalCount).toBe(7);
  });

  it('removes members, counting only actual members', async () => {
    const r = await app.ok(SegRemoveMembersDocument, { key: 'vip-2026', customerExternalIds: ['m-6', 'm-7', 'outsider', 'm-7'] });
    expect(r.removeSegmentMembers).toEqual({ removed: 2, segment: { key: 'vip-2026', size: 5 } });
    expect(await segmentsOf('m-7')).toEqual([]);
    const again = await app.ok(SegRemoveMembersDocument, { key: 'vip-2026', customerExternalIds: ['m-7'] });
    expect(again.removeSegmentMembers.removed).toBe(0);
    expect((await allMembers('vip-2026', 2)).ids.sort()).toEqual(members.slice(0, 5));
  });

  it('answers NOT_FOUND for an unknown segment key', async () => {
    for (const r of [
      await app.gql(SegAddMembersDocument, { key: 'missing', customerExternalIds: ['m-1'] }),
      await app.gql(SegRemoveMembersDocument, { key: 'missing', customerExternalIds: ['m-1'] }),
      await app.gql(SegDeleteDocument, { key: 'missing' }),
    ]) {
      expect(r.errors![0].extensions).toMatchObject({ code: 'NOT_FOUND', field: 'key' });
    }
  });
});

describe('deleteSegment', () => {
  it('deletes the segment and its memberships, not the customers', async () => {
    expect((await app.ok(SegDeleteDocument, { key: 'alpha' })).deleteSegment).toBe(true);
    expect((await app.ok(SegOneDocument, { key: 'alpha' })).segment).toBeNull();
    expect(await segmentsOf('m-1')).toEqual(['vip-2026']);
    expect((await app.ok(SegCustomersDocument, { filter: { segmentKeys: ['alpha'] } })).customers.totalCount).toBe(0);
    const again = await app.gql(SegDeleteDocument, { key: 'alpha' });
    expect(again.errors![0].extensions).toMatchObject({ code: 'NOT_FOUND' });

    // The key can be reused, and starts empty.
    const reborn = await app.ok(SegUpsertDocument, { input: { key: 'alpha', name: 'Alpha again' } });
    expect(reborn.upsertSegment.size).toBe(0);
  });
});

import { afterAll, beforeAll, expect, it } from 'vitest';
import { SegAddMembersDocument, SegOneDocument, SegRemoveMembersDocument, SegUpsertCustomersDocument, SegUpsertDocument } from './generated/graphql';
import { startTestApp, type TestApp } from './support/test-app';

// Many requests editing one STATIC segment's members at once, with overlapping lists: each must
// succeed or get a CONFLICT, never a deadlock or duplicate-key internal error (30 of 60 calls
// failed so on MariaDB), and the counts they report must add up to what is stored.

const CALLS = 60;
const ids = Array.from({ length: 40 }, (_, k) => `sc-${k}`);
let app: TestApp;

beforeAll(async () => {
  app = await startTestApp();
  await app.ok(SegUpsertCustomersDocument, { input: ids.map((externalId) => ({ externalId })) });
  await app.ok(SegUpsertDocument, { input: { key: 'busy', name: 'Busy' } });
});
afterAll(async () => { await app?.close(); });

it('serves concurrent overlapping adds and removes of one segment without internal errors', async () => {
  // Windows of 12 ids sliding by 7: every call overlaps its neighbours; every third removes.
  const results = await Promise.all(Array.from({ length: CALLS }, (_, k) => {
    const list = ids.slice((k * 7) % 28, ((k * 7) % 28) + 12);
    return k % 3 === 2
      ? app.gql(SegRemoveMembersDocument, { key: 'busy', customerExternalIds: list }).then((r) => ({ r, delta: -(r.data?.removeSegmentMembers.removed ?? 0) }))
      : app.gql(SegAddMembersDocument, { key: 'busy', customerExternalIds: [...list, list[0]] }).then((r) => ({ r, delta: r.data?.addSegmentMembers.added ?? 0 }));
  }));

  for (const { r } of results) {
    if (r.errors) expect(r.errors[0].extensions).toMatchObject({ code: 'CONFLICT' });
  }
  // Most calls get through: a CONFLICT only after every bounded retry lost.
  expect(results.filter(({ r }) => !r.errors).length).toBeGreaterThan(CALLS * 0.9);
  // Serialised edits: what was reported added minus removed is what the segment holds.
  const size = (await app.ok(SegOneDocument, { key: 'busy' })).segment!.size;
  expect(size).toBe(results.reduce((sum, { delta }) => sum + delta, 0));
  const [{ n }] = await app.ds.query("SELECT COUNT(*) AS n FROM segment_member sm JOIN segment s ON s.id = sm.segment_id WHERE s.key = 'busy'") as { n: number | string }[];
  expect(Number(n)).toBe(size);
});

it('adds members idempotently when the same list arrives several times at once', async () => {
  await app.ok(SegUpsertDocument, { input: { key: 'same', name: 'Same' } });
  const results = await Promise.all([1, 2, 3, 4].map(() => app.gql(SegAddMembersDocument, { key: 'same', customerExternalIds: ids })));
  for (const r of results) expect(r.errors).toBeUndefined();
  expect(results.reduce((sum, r) => sum + r.data!.addSegmentMembers.added, 0)).toBe(ids.length);
  expect((await app.ok(SegOneDocument, { key: 'same' })).segment!.size).toBe(ids.length);
});

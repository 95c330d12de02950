import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type LinkInput, RelAddSegmentMembersDocument, RelCustomerDocument, RelCustomerPageDocument, RelEraseCustomerDocument,
  type RelCustomerPageQuery, RelLinkDocument, RelUnlinkDocument, RelUpsertCustomersDocument, RelUpsertSegmentDocument,
} from './generated/graphql';
import { startTestApp, type TestApp } from './support/test-app';

const BATCH_MAX = 40;
let app: TestApp;
beforeAll(async () => { app = await startTestApp({ BATCH_SIZE_MAX: String(BATCH_MAX) }); });
afterAll(async () => { await app?.close(); });

const ids = (list: { externalId: string }[] | undefined) => (list ?? []).map((c) => c.externalId).sort();

async function people(...externalIds: string[]): Promise<void> {
  for (let i = 0; i < externalIds.length; i += BATCH_MAX) {
    await app.ok(RelUpsertCustomersDocument, { input: externalIds.slice(i, i + BATCH_MAX).map((externalId) => ({ externalId })) });
  }
}
async function orgs(...externalIds: string[]): Promise<void> {
  await app.ok(RelUpsertCustomersDocument, { input: externalIds.map((externalId) => ({ externalId, party: 'ORGANIZATION' as const })) });
}
async function rel(externalId: string) {
  const r = await app.ok(RelCustomerDocument, { externalId });
  if (!r.customer) throw new Error(`no customer ${externalId}`);
  return r.customer;
}
async function linkErrors(input: LinkInput[]) {
  const r = await app.gql(RelLinkDocument, { input });
  // null when refused during execution, absent when refused before it (an oversized list)
  expect(r.data ?? null).toBeNull();
  expect(r.errors).toHaveLength(1);
  return r.errors![0];
}

describe('linkCustomers and the relationship fields', () => {
  it('stores every link type and reads each one from both ends', async () => {
    await people('alice', 'bob', 'carol', 'dave', 'eve');
    await orgs('acme');
    const r = await app.ok(RelLinkDocument, {
      input: [
        { type: 'REFERRED', fromExternalId: 'alice', toExternalId: 'bob' },
        { type: 'REFERRED', fromExternalId: 'alice', toExternalId: 'carol' },
        { type: 'MEMBER_OF', fromExternalId: 'dave', toExternalId: 'acme' },
        { type: 'MEMBER_OF', fromExternalId: 'eve', toExternalId: 'acme' },
        // carol was created after bob (higher id): stored as bob-carol, read both ways.
        { type: 'HOUSEHOLD', fromExternalId: 'carol', toExternalId: 'bob' },
        { type: 'BUYS_FOR', fromExternalId: 'dave', toExternalId: 'alice' },
      ],
    });
    expect(r.linkCustomers).toEqual({ created: 6, unchanged: 0 });

    const alice = await rel('alice');
    expect(alice.referredBy).toBeNull();
    expect(ids(alice.referrals)).toEqual(['bob', 'carol']);
    expect(ids(alice.buyers)).toEqual(['dave']);
    expect(alice.buysFor).toEqual([]);
    expect(alice.organization).toBeNull();
    expect(alice.household).toEqual([]);

    const bob = await rel('bob');
    expect(bob.referredBy).toEqual({ externalId: 'alice' });
    expect(bob.referrals).toEqual([]);
    expect(ids(bob.household)).toEqual(['carol']);

    const carol = await rel('carol');
    expect(carol.referredBy).toEqual({ externalId: 'alice' });
    expect(ids(carol.household)).toEqual(['bob']);

    const dave = await rel('dave');
    expect(dave.organization).toEqual({ externalId: 'acme' });
    expect(ids(dave.buysFor)).toEqual(['alice']);
    expect(dave.buyers).toEqual([]);
    expect(dave.members).toEqual([]);

    const acme = await rel('acme');
    expect(ids(acme.members)).toEqual(['dave', 'eve']);
    expect(acme.organization).toBeNull();
  });

  it('is idempotent: existing links, reversed households and repeats in a batch are unchanged', async () => {
    const r = await app.ok(RelLinkDocument, {
      input: [
        { type: 'REFERRED', fromExternalId: 'alice', toExternalId: 'bob' },
        { type: 'HOUSEHOLD', fromExternalId: 'bob', toExternalId: 'carol' },
        { type: 'HOUSEHOLD', fromExternalId: 'carol', toExternalId: 'bob' },
        { type: 'MEMBER_OF', fromExternalId: 'dave', toExternalId: 'acme' },
        { type: 'BUYS_FOR', fromExternalId: 'eve', toExternalId: 'bob' },
        { type: 'BUYS_FOR', fromExternalId: 'eve', toExternalId: 'bob' },
      ],
    });
    expect(r.linkCustomers).toEqual({ created: 1, unchanged: 5 });
    expect(ids((await rel('bob')).household)).toEqual(['carol']);
    expect(ids((await rel('carol')).household)).toEqual(['bob']);
    expect(ids((await rel('bob')).buyers)).toEqual(['eve']);
    expect((await rel('bob')).referredBy).toEqual({ externalId: 'alice' });
  });

  it('rejects a second referrer (stored or earlier in the batch) as CONFLICT and writes nothing', async () => {
    await people('frank', 'gina');
    const stored = await linkErrors([
      { type: 'BUYS_FOR', fromExternalId: 'frank', toExternalId: 'gina' },
      { type: 'REFERRED', fromExternalId: 'dave', toExternalId: 'bob' },
    ]);
    expect(stored.extensions).toMatchObject({ code: 'CONFLICT', index: 1, field: 'toExternalId' });
    expect((await rel('frank')).buysFor).toEqual([]);
    expect((await rel('bob')).referredBy).toEqual({ externalId: 'alice' });

    const inBatch = await linkErrors([
      { type: 'REFERRED', fromExternalId: 'frank', toExternalId: 'gina' },
      { type: 'REFERRED', fromExternalId: 'eve', toExternalId: 'gina' },
    ]);
    expect(inBatch.extensions).toMatchObject({ code: 'CONFLICT', index: 1, field: 'toExternalId' });
    expect((await rel('gina')).referredBy).toBeNull();
  });

  it('allows one organisation per member (CONFLICT on fromExternalId) and only organisations as MEMBER_OF targets', async () => {
    await orgs('globex');
    const second = await linkErrors([{ type: 'MEMBER_OF', fromExternalId: 'dave', toExternalId: 'globex' }]);
    expect(second.extensions).toMatchObject({ code: 'CONFLICT', index: 0, field: 'fromExternalId' });

    const inBatch = await linkErrors([
      { type: 'MEMBER_OF', fromExternalId: 'frank', toExternalId: 'globex' },
      { type: 'MEMBER_OF', fromExternalId: 'frank', toExternalId: 'acme' },
    ]);
    expect(inBatch.extensions).toMatchObject({ code: 'CONFLICT', index: 1, field: 'fromExternalId' });
    expect((await rel('frank')).organization).toBeNull();

    const notOrg = await linkErrors([
      { type: 'MEMBER_OF', fromExternalId: 'frank', toExternalId: 'acme' },
      { type: 'MEMBER_OF', fromExternalId: 'gina', toExternalId: 'bob' },
    ]);
    expect(notOrg.extensions).toMatchObject({ code: 'BAD_USER_INPUT', index: 1, field: 'toExternalId' });
    expect((await rel('frank')).organization).toBeNull();
    expect(ids((await rel('acme')).members)).toEqual(['dave', 'eve']);
  });

  it('rejects self-links and unknown or erased customers, naming every item and field', async () => {
    const self = await linkErrors([
      { type: 'BUYS_FOR', fromExternalId: 'frank', toExternalId: 'gina' },
      { type: 'HOUSEHOLD', fromExternalId: 'frank', toExternalId: 'frank' },
    ]);
    expect(self.extensions).toMatchObject({ code: 'BAD_USER_INPUT', index: 1, field: 'toExternalId' });

    await people('henry');
    await app.ok(RelEraseCustomerDocument, { externalId: 'henry' });
    const unknown = await linkErrors([
      { type: 'BUYS_FOR', fromExternalId: 'frank', toExternalId: 'gina' },
      { type: 'REFERRED', fromExternalId: 'nobody', toExternalId: 'gina' },
      { type: 'HOUSEHOLD', fromExternalId: 'gina', toExternalId: 'henry' },
    ]);
    expect(unknown.extensions).toMatchObject({ code: 'BAD_USER_INPUT', index: 1, field: 'fromExternalId' });
    const problems = unknown.extensions!.problems as { index: number; field: string }[];
    expect(problems.map((p) => `${p.index}.${p.field}`)).toEqual(['1.fromExternalId', '2.toExternalId']);
    expect((await rel('frank')).buysFor).toEqual([]);
    expect((await rel('gina')).referredBy).toBeNull();
  });

  it(`rejects batches over BATCH_SIZE_MAX (${BATCH_MAX})`, async () => {
    const input: LinkInput[] = Array.from({ length: BATCH_MAX + 1 }, () => ({ type: 'BUYS_FOR', fromExternalId: 'frank', toExternalId: 'gina' }));
    const e = await linkErrors(input);
    expect(e.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(e.message).toContain(String(BATCH_MAX));
    expect((await rel('frank')).buysFor).toEqual([]);
  });
});

describe('unlinkCustomers', () => {
  it('removes links (households either way round), counts missing ones as 0, and frees the referrer slot', async () => {
    const r = await app.ok(RelUnlinkDocument, {
      input: [
        { type: 'REFERRED', fromExternalId: 'alice', toExternalId: 'bob' },
        { type: 'HOUSEHOLD', fromExternalId: 'carol', toExternalId: 'bob' },
        { type: 'REFERRED', fromExternalId: 'alice', toExternalId: 'bob' },
        { type: 'BUYS_FOR', fromExternalId: 'frank', toExternalId: 'gina' },
      ],
    });
    expect(r.unlinkCustomers.removed).toBe(2);
    const bob = await rel('bob');
    expect(bob.referredBy).toBeNull();
    expect(bob.household).toEqual([]);
    expect((await rel('carol')).household).toEqual([]);
    expect(ids((await rel('alice')).referrals)).toEqual(['carol']);

    const again = await app.ok(RelUnlinkDocument, { input: [{ type: 'REFERRED', fromExternalId: 'alice', toExternalId: 'bob' }] });
    expect(again.unlinkCustomers.removed).toBe(0);

    const relinked = await app.ok(RelLinkDocument, { input: [{ type: 'REFERRED', fromExternalId: 'dave', toExternalId: 'bob' }] });
    expect(relinked.linkCustomers).toEqual({ created: 1, unchanged: 0 });
    expect((await rel('bob')).referredBy).toEqual({ externalId: 'dave' });
  });

  it('rejects unknown customers and writes nothing', async () => {
    const r = await app.gql(RelUnlinkDocument, {
      input: [
        { type: 'REFERRED', fromExternalId: 'dave', toExternalId: 'bob' },
        { type: 'REFERRED', fromExternalId: 'dave', toExternalId: 'nobody' },
      ],
    });
    expect(r.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', index: 1, field: 'toExternalId' });
    expect((await rel('bob')).referredBy).toEqual({ externalId: 'dave' });
  });
});

describe('statement count', () => {
  it('reads a page of 10 or 30 customers with their relationships and segments in the same number of statements', async () => {
    const n = 30;
    const refs = Array.from({ length: n }, (_, i) => `sc-ref-${i}`);
    const kids = Array.from({ length: n }, (_, i) => `sc-${i}`);
    await people(...refs, ...kids);
    await app.ok(RelLinkDocument, { input: kids.map((k, i) => ({ type: 'REFERRED' as const, fromExternalId: refs[i], toExternalId: k })) });
    await app.ok(RelUpsertSegmentDocument, { input: { key: 'sc-seg', name: 'Statement count' } });
    expect((await app.ok(RelAddSegmentMembersDocument, { key: 'sc-seg', customerExternalIds: kids })).addSegmentMembers.added).toBe(n);

    const filter = { externalIds: kids };
    const small = await app.countStatements(() => app.ok(RelCustomerPageDocument, { first: 10, filter }));
    let thirty: RelCustomerPageQuery | undefined;
    const large = await app.countStatements(async () => { thirty = await app.ok(RelCustomerPageDocument, { first: 30, filter }); });
    const edges = thirty!.customers.edges;
    expect(edges).toHaveLength(n);
    for (const { node } of edges) {
      const i = kids.indexOf(node.externalId);
      expect(node.referredBy).toEqual({ externalId: refs[i] });
      expect(node.segments).toEqual([{ key: 'sc-seg' }]);
    }
    console.info(`statements: first 10 -> ${small}, first 30 -> ${large}`);
    expect(large).toBe(small);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CustomerIdsDocument, ListsLinkDocument, ListsOrgDocument, UpsertCustomersDocument } from './generated/graphql';
import type { CustomerFilter } from './generated/graphql';
import { startTestApp, type TestApp } from './support/test-app';

let app: TestApp;
const members = Array.from({ length: 7 }, (_, k) => `acme-${k}`);
beforeAll(async () => {
  app = await startTestApp();
  await app.ok(UpsertCustomersDocument, {
    input: [{ externalId: 'ACME', party: 'ORGANIZATION' }, { externalId: 'X' }, { externalId: 'Y' }, ...members.map((externalId) => ({ externalId }))],
  });
  await app.ok(ListsLinkDocument, {
    input: [
      ...members.map((m) => ({ type: 'MEMBER_OF' as const, fromExternalId: m, toExternalId: 'ACME' })),
      ...members.slice(0, 4).map((m) => ({ type: 'REFERRED' as const, fromExternalId: 'X', toExternalId: m })),
      { type: 'HOUSEHOLD', fromExternalId: 'Y', toExternalId: 'X' },
    ],
  });
});
afterAll(async () => { await app?.close(); });

async function walk(filter: CustomerFilter): Promise<string[]> {
  const seen: string[] = [];
  let after: string | null | undefined;
  do {
    const page = await app.ok(CustomerIdsDocument, { filter, first: 3, after });
    seen.push(...page.customers.edges.map((e) => e.node.externalId));
    after = page.customers.pageInfo.hasNextPage ? page.customers.pageInfo.endCursor : null;
  } while (after);
  return seen;
}

describe('relationship lists', () => {
  it('are capped by first, in id order, and refuse more than a page', async () => {
    const three = await app.ok(ListsOrgDocument, { externalId: 'ACME', first: 3 });
    expect(three.customer!.members.map((m) => m.externalId)).toEqual(members.slice(0, 3));
    const all = await app.ok(ListsOrgDocument, { externalId: 'ACME' });
    expect(all.customer!.members.map((m) => m.externalId)).toEqual(members);
    const tooMany = await app.gql(ListsOrgDocument, { externalId: 'ACME', first: app.config.pageSizeMax + 1 });
    expect(tooMany.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
  });

  it('can be walked in pages through customers(filter: { linkedTo })', async () => {
    expect(await walk({ linkedTo: [{ type: 'MEMBER_OF', end: 'FROM', externalId: 'ACME' }] })).toEqual(members);
    expect(await walk({ linkedTo: [{ type: 'REFERRED', end: 'TO', externalId: 'X' }] })).toEqual(members.slice(0, 4));
    expect(await walk({ linkedTo: [{ type: 'REFERRED', end: 'FROM', externalId: 'acme-2' }] })).toEqual(['X']);
    expect(await walk({ linkedTo: [{ type: 'HOUSEHOLD', end: 'FROM', externalId: 'X' }] })).toEqual(['Y']);
    expect(await walk({ linkedTo: [{ type: 'HOUSEHOLD', end: 'TO', externalId: 'Y' }] })).toEqual(['X']);
    // Several links are AND-ed: members of ACME that X referred.
    expect(await walk({ linkedTo: [
      { type: 'MEMBER_OF', end: 'FROM', externalId: 'ACME' }, { type: 'REFERRED', end: 'TO', externalId: 'X' },
    ] })).toEqual(members.slice(0, 4));
    expect(await walk({ linkedTo: [{ type: 'MEMBER_OF', end: 'FROM', externalId: 'nobody' }] })).toEqual([]);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CustomerByExternalIdDocument, CustomerByIdDocument, CustomerLookupBothDocument, DeleteCustomerDocument,
  RecordInteractionsDocument, TraitSearchDocument, UpsertCustomersDocument,
} from './generated/graphql';
import { startTestApp, type TestApp } from './support/test-app';

let app: TestApp;
beforeAll(async () => { app = await startTestApp(); });
afterAll(async () => { await app?.close(); });

describe('upsertCustomers', () => {
  it('creates, then updates only what changed, and reports re-sent content as unchanged', async () => {
    const created = await app.ok(UpsertCustomersDocument, {
      input: [
        { externalId: 'cu-1', name: 'Ana Lima', email: 'ana@example.com', country: 'br', traits: { tier: 'gold', vip: true, visits: 3 } },
        { externalId: 'cu-2', name: 'Acme Ltd', party: 'ORGANIZATION', relationship: 'CONTRACTUAL', consent: { email: true } },
      ],
    });
    expect(created.upsertCustomers).toMatchObject({ created: 2, updated: 0, unchanged: 0 });
    const [ana, acme] = created.upsertCustomers.customers;
    expect(ana).toMatchObject({ externalId: 'cu-1', country: 'BR', party: 'PERSON', relationship: 'NON_CONTRACTUAL', consent: { email: false } });
    expect(acme).toMatchObject({ party: 'ORGANIZATION', relationship: 'CONTRACTUAL', consent: { email: true, sms: false } });

    const again = await app.ok(UpsertCustomersDocument, { input: [{ externalId: 'cu-1', name: 'Ana Lima', email: 'ana@example.com', country: 'BR' }] });
    expect(again.upsertCustomers).toMatchObject({ created: 0, updated: 0, unchanged: 1 });
    expect(again.upsertCustomers.customers[0].updatedAt).toBe(ana.updatedAt);

    // Omitted fields keep their value; null clears.
    const changed = await app.ok(UpsertCustomersDocument, { input: [{ externalId: 'cu-1', email: null, consent: { sms: true } }] });
    expect(changed.upsertCustomers).toMatchObject({ created: 0, updated: 1, unchanged: 0 });
    const read = await app.ok(CustomerByExternalIdDocument, { externalId: 'cu-1' });
    expect(read.customer).toMatchObject({ name: 'Ana Lima', email: null, country: 'BR', consent: { email: false, sms: true }, traits: { tier: 'gold', vip: true, visits: 3 } });

    // Updating traits re-indexes them for filtering.
    await app.ok(UpsertCustomersDocument, { input: [{ externalId: 'cu-1', traits: { tier: 'platinum' } }] });
    const platinum = await app.ok(TraitSearchDocument, { filter: { traits: [{ key: 'tier', value: 'platinum' }] } });
    expect(platinum.customers.edges.map((e) => e.node.externalId)).toEqual(['cu-1']);
    const gold = await app.ok(TraitSearchDocument, { filter: { traits: [{ key: 'tier', value: 'gold' }] } });
    expect(gold.customers.totalCount).toBe(0);
  });

  it('rejects a bad batch as a whole, naming every bad item and field', async () => {
    const r = await app.gql(UpsertCustomersDocument, {
      input: [
        { externalId: 'cu-ok', name: 'Fine' },
        { externalId: 'cu-bad', email: 'not-an-email' },
        { externalId: 'cu-bad2', country: 'Vietnam', birthDate: '2001-02-30' },
        { externalId: '', acquisitionCost: -5 },
      ],
    });
    expect(r.errors).toHaveLength(1);
    const e = r.errors![0];
    expect(e.extensions).toMatchObject({ code: 'BAD_USER_INPUT', index: 1, field: 'email' });
    expect(e.message).toContain('input[1].email');
    const problems = e.extensions!.problems as { index: number; field: string }[];
    expect(problems.map((p) => `${p.index}.${p.field}`)).toEqual(
      expect.arrayContaining(['1.email', '2.country', '2.birthDate', '3.externalId', '3.acquisitionCost']),
    );
    const none = await app.ok(CustomerByExternalIdDocument, { externalId: 'cu-ok' });
    expect(none.customer).toBeNull();
  });

  it('rejects duplicate externalIds within a batch, future dates, over-long strings and oversized batches', async () => {
    const dup = await app.gql(UpsertCustomersDocument, { input: [{ externalId: 'd-1' }, { externalId: 'd-1' }] });
    expect(dup.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', index: 1, field: 'externalId' });

    const future = new Date(Date.now() + 3600_000).toISOString();
    const fut = await app.gql(UpsertCustomersDocument, { input: [{ externalId: 'f-1', acquiredAt: future }] });
    expect(fut.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', index: 0, field: 'acquiredAt' });

    const reserved = await app.gql(UpsertCustomersDocument, { input: [{ externalId: 'erased:1' }] });
    expect(reserved.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', index: 0, field: 'externalId' });

    const long = await app.gql(UpsertCustomersDocument, { input: [{ externalId: 'l-1', name: 'x'.repeat(201) }] });
    expect(long.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', index: 0, field: 'name' });

    const many = Array.from({ length: app.config.batchSizeMax + 1 }, (_, i) => ({ externalId: `m-${i}` }));
    const big = await app.gql(UpsertCustomersDocument, { input: many });
    expect(big.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    expect(big.errors![0].message).toContain('BATCH_SIZE_MAX');
  });

  it('reports a malformed timestamp or unknown enum with the item path', async () => {
    const r = await app.gql(UpsertCustomersDocument, { input: [{ externalId: 'ok' }, { externalId: 't', acquiredAt: 'yesterday' }] });
    expect(r.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    expect(r.errors![0].message).toMatch(/input\[1\]\.acquiredAt|at "input\[1\]\.acquiredAt"/);
    const e = await app.gql(UpsertCustomersDocument, { input: [{ externalId: 'ok', party: 'ALIEN' as never }] });
    expect(e.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    expect(e.errors![0].message).toContain('input[0].party');
  });
});

describe('customer lookup', () => {
  it('finds by id or externalId and insists on exactly one', async () => {
    const byExt = await app.ok(CustomerByExternalIdDocument, { externalId: 'cu-2' });
    const byId = await app.ok(CustomerByIdDocument, { id: byExt.customer!.id });
    expect(byId.customer!.externalId).toBe('cu-2');
    const missing = await app.ok(CustomerByIdDocument, { id: '999999' });
    expect(missing.customer).toBeNull();
    const both = await app.gql(CustomerLookupBothDocument, { id: '1', externalId: 'cu-2' });
    expect(both.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
  });
});

describe('deleteCustomer', () => {
  it('erases personal data, keeps anonymous interactions, and frees the externalId', async () => {
    await app.ok(UpsertCustomersDocument, { input: [{ externalId: 'gone', name: 'Private Person', email: 'p@example.com', country: 'DE', city: 'Berlin' }] });
    await app.ok(RecordInteractionsDocument, {
      input: [{ externalId: 'gone-i1', customerExternalId: 'gone', occurredAt: '2025-01-01T10:00:00.000Z', type: 'PURCHASE', amount: 40, note: 'called about my address' }],
    });
    const erased = await app.ok(DeleteCustomerDocument, { externalId: 'gone' });
    expect(erased.deleteCustomer).toMatchObject({ name: null, email: null, country: 'DE' });
    expect(erased.deleteCustomer.externalId).toBe(`erased:${erased.deleteCustomer.id}`);
    expect(erased.deleteCustomer.erasedAt).toBeTruthy();

    expect((await app.ok(CustomerByExternalIdDocument, { externalId: 'gone' })).customer).toBeNull();
    const [row] = await app.ds.query('SELECT note, amount FROM interaction WHERE external_id = ?', ['gone-i1']);
    expect(row.note).toBeNull();
    expect(Number(row.amount)).toBe(40);

    const again = await app.gql(DeleteCustomerDocument, { externalId: 'gone' });
    expect(again.errors![0].extensions!.code).toBe('NOT_FOUND');
  });
});

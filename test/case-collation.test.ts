import { afterAll, beforeAll, expect, it } from 'vitest';
import type { CustomerFilter } from './generated/graphql';
import { DiCustomerDocument, DiCustomerIdsDocument, DiInteractionIdsDocument, DiRecordDocument, DiUpsertDocument } from './generated/graphql';
import { startTestApp, type TestApp } from './support/test-app';

// Case and collation, decided once and the same on SQLite and MySQL/MariaDB (whose
// utf8mb4_unicode_ci ignores case and accents where SQLite compares bytes):
// - trait keys and values are exact: `tier` and `Tier` are two traits, "gold" is not "Gold";
// - search ignores case and accents; country and currency codes are upper-cased;
// - other text attributes (region, city, acquisition source) match exactly.

let app: TestApp;

beforeAll(async () => {
  app = await startTestApp();
  await app.ok(DiUpsertDocument, {
    input: [
      { externalId: 'cc-ana', name: 'Ana Lima', email: 'Ana.Lima@Example.com', country: 'br', city: 'Recife', traits: { Tier: 'Gold', tier: 'silver' } },
      { externalId: 'cc-jose', name: 'José Émile', email: 'jose@example.org', country: 'VN', city: 'recife', traits: { tier: 'gold' } },
      { externalId: 'cc-bob', name: 'Bob', traits: { TIER: 'gold', 'tier ': 'padded' } },
    ],
  });
});
afterAll(async () => { await app?.close(); });

const ids = async (filter: CustomerFilter) => (await app.ok(DiCustomerIdsDocument, { filter, first: 10 })).customers.edges.map((e) => e.node.externalId).sort();

it('keeps trait keys that differ only in case or spacing apart, batch after batch', async () => {
  // Such keys collided on MariaDB's case-insensitive index: a "retry" CONFLICT no retry could cure.
  const again = await app.ok(DiUpsertDocument, { input: [{ externalId: 'cc-ana', traits: { Tier: 'Platinum', tier: 'silver', TIER: 'x' } }] });
  expect(again.upsertCustomers.updated).toBe(1);
  expect((await app.ok(DiCustomerDocument, { externalId: 'cc-ana' })).customer!.traits).toEqual({ Tier: 'Platinum', tier: 'silver', TIER: 'x' });
  expect((await app.ok(DiCustomerDocument, { externalId: 'cc-bob' })).customer!.traits).toEqual({ TIER: 'gold', 'tier ': 'padded' });
});

it('filters traits by exact key and value', async () => {
  expect(await ids({ traits: [{ key: 'tier', value: 'gold' }] })).toEqual(['cc-jose']);
  expect(await ids({ traits: [{ key: 'Tier', value: 'Platinum' }] })).toEqual(['cc-ana']);
  expect(await ids({ traits: [{ key: 'tier', value: 'Gold' }] })).toEqual([]);
  expect(await ids({ traits: [{ key: 'TIER', value: 'gold' }] })).toEqual(['cc-bob']);
  expect(await ids({ traits: [{ key: 'tier', value: 'padded' }] })).toEqual([]);
  expect(await ids({ traits: [{ key: 'tier ', value: 'padded' }] })).toEqual(['cc-bob']);
});

it('searches names and emails ignoring case and accents', async () => {
  expect(await ids({ search: 'ana' })).toEqual(['cc-ana']);
  expect(await ids({ search: 'LIMA@EXAMPLE' })).toEqual(['cc-ana']);
  expect(await ids({ search: 'jose' })).toEqual(['cc-jose']);
  expect(await ids({ search: 'ÉMILE' })).toEqual(['cc-jose']);
  expect(await ids({ search: 'josé émile' })).toEqual(['cc-jose']);
  expect(await ids({ search: 'example' })).toEqual(['cc-ana', 'cc-jose']);
});

it('upper-cases country and currency codes and matches other text attributes exactly', async () => {
  expect((await app.ok(DiCustomerDocument, { externalId: 'cc-ana' })).customer!.country).toBe('BR');
  expect(await ids({ country: ['br'] })).toEqual(['cc-ana']);
  expect(await ids({ country: [' vn ', 'BR'] })).toEqual(['cc-ana', 'cc-jose']);
  expect(await ids({ city: ['Recife'] })).toEqual(['cc-ana']);
  expect(await ids({ city: ['recife'] })).toEqual(['cc-jose']);
  expect(await ids({ city: ['Récife'] })).toEqual([]);

  await app.ok(DiRecordDocument, { input: [{ externalId: 'cc-p1', customerExternalId: 'cc-ana', occurredAt: '2025-01-01T00:00:00.000Z', type: 'PURCHASE', amount: 5 }] });
  const page = await app.ok(DiInteractionIdsDocument, { filter: { currencies: ['usd'] }, first: 5 });
  expect(page.interactions.edges.map((e) => e.node.externalId)).toEqual(['cc-p1']);
});

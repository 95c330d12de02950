import { afterAll, beforeAll, expect, it } from 'vitest';
import { DiCustomerDocument, DiInteractionIdsDocument, DiRecordDocument, DiUpsertDocument } from './generated/graphql';
import { startTestApp, type TestApp } from './support/test-app';

// Dates have documented bounds, the same on every engine: timestamps from 1900-01-01 to now plus
// the clock skew, birth dates from 1900-01-01 to today. Year 0 was stored and read back as year
// 2000 on MariaDB (and as itself on SQLite).

let app: TestApp;
const tomorrow = new Date(Date.now() + 86_400_000);

beforeAll(async () => {
  app = await startTestApp();
  await app.ok(DiUpsertDocument, { input: [{ externalId: 'dated' }] });
});
afterAll(async () => { await app?.close(); });

const interaction = (externalId: string, occurredAt: string) => ({ externalId, customerExternalId: 'dated', occurredAt, type: 'VISIT' as const });

it('refuses interactions before 1900 or in the future, naming the item and field, and writes nothing', async () => {
  const r = await app.gql(DiRecordDocument, {
    input: [
      interaction('fine', '2025-01-01T00:00:00.000Z'),
      interaction('year-0', '0000-01-01T00:00:00.000Z'),
      interaction('before-1900', '1899-12-31T23:59:59.999Z'),
      interaction('tomorrow', tomorrow.toISOString()),
    ],
  });
  expect(r.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', index: 1, field: 'occurredAt' });
  expect(r.errors?.[0].message).toMatch(/^input\[1\]\.occurredAt: must not be before 1900-01-01/);
  const problems = r.errors?.[0].extensions?.problems as { index: number; field: string; message: string }[];
  expect(problems.map((p) => [p.index, p.field])).toEqual([[1, 'occurredAt'], [2, 'occurredAt'], [3, 'occurredAt']]);
  expect(problems[2].message).toMatch(/future/);
  expect((await app.ok(DiInteractionIdsDocument, { first: 10 })).interactions.edges).toEqual([]);
});

it('stores the earliest allowed timestamp and reads it back unchanged', async () => {
  await app.ok(DiRecordDocument, { input: [interaction('earliest', '1900-01-01T00:00:00.000Z')] });
  const page = await app.ok(DiInteractionIdsDocument, { first: 10 });
  expect(page.interactions.edges.map((e) => e.node)).toEqual([{ externalId: 'earliest', occurredAt: '1900-01-01T00:00:00.000Z' }]);
});

it('refuses birth dates before 1900 or after today and customer timestamps before 1900', async () => {
  const r = await app.gql(DiUpsertDocument, {
    input: [
      { externalId: 'b-0', birthDate: '0000-01-01' },
      { externalId: 'b-1', birthDate: '1899-12-31' },
      { externalId: 'b-2', birthDate: tomorrow.toISOString().slice(0, 10) },
      { externalId: 'b-3', acquiredAt: '0001-01-01T00:00:00.000Z', contractStartedAt: '1850-06-01T00:00:00.000Z', contractEndedAt: '1899-01-01T00:00:00.000Z' },
      { externalId: 'b-4', contractEndedAt: tomorrow.toISOString() },
    ],
  });
  expect(r.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', index: 0, field: 'birthDate' });
  const problems = r.errors?.[0].extensions?.problems as { index: number; field: string }[];
  expect(problems.map((p) => [p.index, p.field])).toEqual([
    [0, 'birthDate'], [1, 'birthDate'], [2, 'birthDate'], [3, 'acquiredAt'], [3, 'contractStartedAt'], [3, 'contractEndedAt'], [4, 'contractEndedAt'],
  ]);
  expect((await app.gql(DiCustomerDocument, { externalId: 'b-0' })).data?.customer).toBeNull();
});

it('stores the earliest allowed dates of a customer and reads them back unchanged', async () => {
  const early = '1900-01-01T00:00:00.000Z';
  await app.ok(DiUpsertDocument, { input: [{ externalId: 'old', birthDate: '1900-01-01', acquiredAt: early, contractStartedAt: early, contractEndedAt: early }] });
  const { customer } = await app.ok(DiCustomerDocument, { externalId: 'old' });
  expect(customer).toMatchObject({ birthDate: '1900-01-01', acquiredAt: early, contractStartedAt: early, contractEndedAt: early });
});

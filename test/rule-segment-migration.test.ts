import { afterAll, beforeAll, expect, it } from 'vitest';
import { RuleAddMembersDocument, RuleDefineDocument, RuleMembersDocument, RuleUpsertCustomersDocument } from './generated/graphql';
import { startTestApp, type TestApp } from './support/test-app';
import { undoMigrationsThrough } from './support/migrations';

// The RuleSegments migration, run down and up again: rule segments go with their tables, and
// numeric trait values are backfilled from their text the way ingest computes them.

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
  await app.ok(RuleUpsertCustomersDocument, { input: [{ externalId: 'm-1', traits: { wallet: 1200, tier: 'gold', code: '01', ratio: '-2.5e1', flag: true } }] });
  await app.ok(RuleDefineDocument, { input: { key: 'rich', name: 'Rich', rule: { field: 'traits.wallet', op: 'GT', value: 1000 } } });
  await app.ok(RuleDefineDocument, { input: { key: 'kept', name: 'Kept' } });
  await app.ok(RuleAddMembersDocument, { key: 'kept', ids: ['m-1'] });
});
afterAll(async () => { await app?.close(); });

const numbers = async () => Object.fromEntries((await app.ds.query('SELECT `key` AS k, number_value AS n FROM customer_trait'.replace(/`/g, app.config.database.kind === 'mysql' ? '`' : '"')) as { k: string; n: unknown }[])
  .map((r) => [r.k, r.n === null ? null : Number(r.n)]));

it('drops rule segments and numeric traits on the way down, and backfills numeric traits on the way up', async () => {
  const expected = { wallet: 1200, tier: null, code: null, ratio: -25, flag: null };
  expect(await numbers()).toEqual(expected);
  expect((await app.ok(RuleMembersDocument, { key: 'rich' })).segment?.size).toBe(1);

  await undoMigrationsThrough(app.ds, 'RuleSegments1765600000000');
  const columns = async (table: string) => (await app.ds.createQueryRunner().getTable(table))?.columns.map((c) => c.name).sort();
  expect(await columns('customer_trait')).toEqual(['customer_id', 'key', 'value']);
  expect(await columns('segment_rule')).toBeUndefined();
  expect(await app.ds.query("SELECT id FROM segment WHERE kind = 'RULE'")).toEqual([]);

  await app.ds.runMigrations({ transaction: 'each' });
  expect(await columns('customer_trait')).toEqual(['customer_id', 'key', 'number_value', 'value']);
  expect(await numbers()).toEqual(expected);
  // Other segments keep their members both ways (a copied segment table would have cascaded to them on SQLite).
  expect((await app.ok(RuleMembersDocument, { key: 'kept' })).segment?.size).toBe(1);
});

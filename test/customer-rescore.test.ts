import { afterAll, beforeAll, expect, it } from 'vitest';
import { changedSince } from '../src/summaries/summary-store';
import { RecordInteractionsDocument, RefreshMetricsDocument, UpsertCustomersDocument } from './generated/graphql';
import { writeMetricsConfig } from './support/metrics-config-file';
import { startTestApp, type TestApp } from './support/test-app';

// Upserting customers re-scores those whose metric inputs changed (type fields, contract dates,
// traits) and the new ones, and marks them changed so a refresh scoring meanwhile catches up;
// a change of contact details alone does neither.

let app: TestApp;
const idOf = async (externalId: string) => Number(((await app.ds.query('SELECT id FROM customer WHERE external_id = ?', [externalId])) as { id: number | string }[])[0].id);
const changedAfter = async (since: Date) => new Set(await changedSince(app.ds.manager, since));
const tick = () => new Promise((r) => setTimeout(r, 20));

beforeAll(async () => {
  app = await startTestApp({ METRICS_CONFIG: writeMetricsConfig({ plugins: ['flat-clv'] }) });
  await app.ok(UpsertCustomersDocument, { input: [{ externalId: 'cr-buyer', name: 'Ann' }, { externalId: 'cr-quiet', name: 'Bob' }] });
  await app.ok(RecordInteractionsDocument, { input: [{ externalId: 'cr-p1', customerExternalId: 'cr-buyer', occurredAt: '2025-05-01T00:00:00.000Z', type: 'PURCHASE', amount: 5 }] });
  await app.ok(RefreshMetricsDocument, {});
});
afterAll(async () => { await app?.close(); });

it('re-scores and marks only customers whose metric inputs changed, and new ones', async () => {
  const [buyer, quiet] = [await idOf('cr-buyer'), await idOf('cr-quiet')];
  await tick();
  let since = new Date();
  await tick();
  const nameOnly = await app.countStatements(() => app.ok(UpsertCustomersDocument, { input: [{ externalId: 'cr-buyer', name: 'Anna', email: 'a@example.com' }] }));
  expect(await changedAfter(since)).toEqual(new Set());

  since = new Date();
  await tick();
  const relationship = await app.countStatements(() => app.ok(UpsertCustomersDocument, { input: [{ externalId: 'cr-buyer', relationship: 'CONTRACTUAL' }] }));
  expect(await changedAfter(since)).toEqual(new Set([buyer]));
  // The re-score reads the customer and writes its values: well over a name change's statements.
  expect(relationship).toBeGreaterThan(nameOnly + 3);

  since = new Date();
  await tick();
  await app.ok(UpsertCustomersDocument, { input: [{ externalId: 'cr-quiet', contractStartedAt: '2025-01-01T00:00:00.000Z', traits: { tier: 'gold' } }, { externalId: 'cr-new' }] });
  expect(await changedAfter(since)).toEqual(new Set([quiet, await idOf('cr-new')]));
});

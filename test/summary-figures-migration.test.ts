import { afterAll, beforeAll, expect, it } from 'vitest';
import { fromSqlDate } from '../src/db/sql-date';
import { SmRecordDocument, SmUpsertDocument } from './generated/graphql';
import { undoMigrationsThrough } from './support/migrations';
import { startTestApp, type TestApp } from './support/test-app';

// The SummaryFiguresOnCustomer migration, run down and up again: the twelve figures it adds to
// the customer row are filled from the stored summaries, and customers without one keep zeros.

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
  await app.ok(SmUpsertDocument, { input: [{ externalId: 'fm-buyer' }, { externalId: 'fm-quiet' }] });
  const at = (day: number) => new Date(Date.UTC(2025, 0, day, 12)).toISOString();
  await app.ok(SmRecordDocument, {
    input: [
      { externalId: 'fm-1', customerExternalId: 'fm-buyer', occurredAt: at(3), type: 'PURCHASE', channel: 'WEB', amount: 120, currency: 'USD', margin: 30 },
      { externalId: 'fm-2', customerExternalId: 'fm-buyer', occurredAt: at(9), type: 'PURCHASE', channel: 'STORE', amount: 80, currency: 'USD', margin: 20 },
      { externalId: 'fm-3', customerExternalId: 'fm-buyer', occurredAt: at(10), type: 'REFUND', channel: 'STORE', amount: 30, currency: 'USD', margin: 5 },
      { externalId: 'fm-4', customerExternalId: 'fm-buyer', occurredAt: at(1), type: 'SURVEY', channel: 'EMAIL', expectationScore: 8, perceptionScore: 5 },
    ],
  });
});
afterAll(async () => { await app?.close(); });

const FIGURES = ['gross_revenue', 'refunded_amount', 'refund_count', 'purchase_margin', 'refund_margin', 'base_purchase_count',
  'interaction_count', 'purchase_days', 'scored_survey_count', 'satisfaction_gap_sum', 'first_purchase_at', 'first_interaction_at'];

async function figures(externalId: string): Promise<Record<string, unknown>> {
  const [row] = await app.ds.query(`SELECT ${FIGURES.map((f) => `stat_${f} AS ${f}`).join(', ')} FROM customer WHERE external_id = ?`, [externalId]) as Record<string, unknown>[];
  return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, k.endsWith('_at') ? fromSqlDate(v)?.toISOString() ?? null : Number(v)]));
}

it('adds the figures on the way up, filled from the summaries, and drops them on the way down', async () => {
  const buyer = {
    gross_revenue: 200, refunded_amount: 30, refund_count: 1, purchase_margin: 50, refund_margin: 5, base_purchase_count: 2,
    interaction_count: 4, purchase_days: 2, scored_survey_count: 1, satisfaction_gap_sum: -3,
    first_purchase_at: '2025-01-03T12:00:00.000Z', first_interaction_at: '2025-01-01T12:00:00.000Z',
  };
  const quiet = Object.fromEntries(FIGURES.map((f) => [f, f.endsWith('_at') ? null : 0]));
  expect(await figures('fm-buyer')).toEqual(buyer);
  expect(await figures('fm-quiet')).toEqual(quiet);

  await undoMigrationsThrough(app.ds, 'SummaryFiguresOnCustomer1765800000000');
  const columns = (await app.ds.createQueryRunner().getTable('customer'))?.columns.map((c) => c.name) ?? [];
  expect(columns.filter((c) => c.startsWith('stat_')).sort()).toEqual(['stat_last_interaction_at', 'stat_last_purchase_at', 'stat_purchase_count', 'stat_revenue']);

  await app.ds.runMigrations({ transaction: 'each' });
  expect(await figures('fm-buyer')).toEqual(buyer);
  expect(await figures('fm-quiet')).toEqual(quiet);
});

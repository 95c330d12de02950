import { afterAll, beforeAll, expect, it } from 'vitest';
import { toSqlDate } from '../src/db/sql-date';
import { ModelRunListDocument, RecordInteractionsDocument, RefreshMetricsDocument, UpsertCustomersDocument } from './generated/graphql';
import { writeMetricsConfig } from './support/metrics-config-file';
import { startTestApp, type TestApp } from './support/test-app';

// A database failure during a refresh fails the run with a coded, human message; the driver's
// message (SQL, table and index names, the database's name, error codes) stays in the server log.
const day = 86_400_000;
let app: TestApp;
let database: string;

beforeAll(async () => {
  app = await startTestApp({ METRICS_CONFIG: writeMetricsConfig({ plugins: ['rfm', 'crashy'] }) });
  database = String(app.ds.options.database);
  await app.ok(UpsertCustomersDocument, { input: Array.from({ length: 6 }, (_, k) => ({ externalId: `e-${k}` })) });
  await app.ok(RecordInteractionsDocument, {
    input: Array.from({ length: 6 }, (_, k) => ({
      externalId: `ep-${k}`, customerExternalId: `e-${k}`, type: 'PURCHASE' as const, amount: 10 + k, occurredAt: new Date(Date.now() - (k + 1) * day).toISOString(),
    })),
  });
});
afterAll(async () => { await app?.close(); });

/** Runs `fn` with `table` renamed away, so that every statement on it fails in the driver. */
async function withoutTable<T>(table: string, fn: () => Promise<T>): Promise<T> {
  await app.ds.query(`ALTER TABLE ${table} RENAME TO ${table}_away`);
  try {
    return await fn();
  } finally {
    await app.ds.query(`ALTER TABLE ${table}_away RENAME TO ${table}`);
  }
}

function expectNoDriverText(error: string | null, table: string): void {
  expect(error).toBeTruthy();
  for (const leak of [table, database, 'SQLITE_', 'ER_', 'SqliteError', 'QueryFailedError', 'no such table', "doesn't exist", 'SELECT', 'INSERT', 'DELETE']) {
    expect(error, leak).not.toContain(leak);
  }
}

it('fails a run whose values cannot be published with a coded message, not the driver message', async () => {
  const [run] = (await withoutTable('segment_member', () => app.ok(RefreshMetricsDocument, { plugins: ['rfm'] }))).refreshMetrics;
  expect(run.status).toBe('FAILED');
  expect(run.error).toMatch(/^REFRESH_FAILED: the refresh of plugin rfm failed while publishing; the server log has the details \(run id \d+\)$/);
  expectNoDriverText(run.error, 'segment_member');
  const [stored] = (await app.ok(ModelRunListDocument, { plugin: 'rfm', first: 1 })).modelRuns;
  expect(stored).toMatchObject({ id: run.id, status: 'FAILED', error: run.error });
  // Nothing is left broken: with the table back, the next refresh is served.
  expect((await app.ok(RefreshMetricsDocument, { plugins: ['rfm'] })).refreshMetrics[0]).toMatchObject({ status: 'SUCCEEDED', error: null });
});

it('fails a run whose population cannot be read with a coded message, not the driver message', async () => {
  const [run] = (await withoutTable('customer_summary', () => app.ok(RefreshMetricsDocument, { plugins: ['rfm'] }))).refreshMetrics;
  expect(run.status).toBe('FAILED');
  expect(run.error).toMatch(/^REFRESH_FAILED: the refresh of plugin rfm failed while (reading its inputs|fitting|scoring); the server log has the details \(run id \d+\)$/);
  expectNoDriverText(run.error, 'customer_summary');
});

it('fails a run whose fit cannot read the population with a coded message, not the driver message', async () => {
  // As of a past date the fit reads interactions, not the stored summaries.
  const asOf = new Date(Date.now() - 3 * day).toISOString();
  const [run] = (await withoutTable('interaction', () => app.ok(RefreshMetricsDocument, { plugins: ['rfm'], asOf }))).refreshMetrics;
  expect(run.status).toBe('FAILED');
  expect(run.error).toMatch(/^REFRESH_FAILED: the refresh of plugin rfm failed while fitting; the server log has the details \(run id \d+\)$/);
  expectNoDriverText(run.error, 'interaction');
});

it("keeps the message a plugin's own failure wrote", async () => {
  const [run] = (await app.ok(RefreshMetricsDocument, { plugins: ['crashy'], asOf: '1999-06-01T00:00:00Z' })).refreshMetrics;
  expect(run).toMatchObject({ status: 'FAILED', error: 'the likelihood did not converge' });
});

it('does not show a driver message that an older version stored in a run', async () => {
  const at = toSqlDate(new Date());
  for (const error of ['SqliteError: UNIQUE constraint failed: segment.key', "Duplicate entry 'rfm-champions' for key 'IDX_segment_key'"]) {
    await app.ds.query(
      "INSERT INTO model_run (plugin, plugin_version, kinds, as_of, customers_scored, customers_failed, status, error, started_at) VALUES ('legacy', '1', 'rfm', ?, 0, 0, 'FAILED', ?, ?)",
      [at, error, at],
    );
  }
  const runs = (await app.ok(ModelRunListDocument, { plugin: 'legacy', first: 5 })).modelRuns;
  expect(runs).toHaveLength(2);
  for (const r of runs) {
    expect(r.error).toBe(`REFRESH_FAILED: the refresh of plugin legacy failed; the server log has the details (run id ${r.id})`);
  }
});

import { afterAll, beforeAll, expect, it } from 'vitest';
import type { GraphQLFormattedError } from 'graphql';
import { DiEraseDocument, DiRecordDocument, DiUpsertDocument, RefreshMetricsDocument } from './generated/graphql';
import { erasedAmong } from '../src/customers/customer-locks';
import { fromSqlDate } from '../src/db/sql-date';
import { startTestApp, type TestApp } from './support/test-app';

// An erasure racing a write to the same customer: whichever wins, no personal data may be left
// on (or brought back to) an erased customer, and the loser gets a coded answer, never a 500.
// Without the row lock and the one-statement erasure, 16 of 30 rounds left PII on MariaDB.

const ROUNDS = 30;
let app: TestApp;

beforeAll(async () => { app = await startTestApp(); });
afterAll(async () => { await app?.close(); });

const PERSONAL = ['name', 'email', 'phone', 'birth_date', 'gender', 'income_band', 'region', 'city', 'churn_reason', 'traits'];
const CONSENT = ['consent_email', 'consent_sms', 'consent_phone', 'consent_profiling'];

/** Erased customers that still hold a personal column, a consent flag or an indexed trait. */
async function erasedWithPersonalData(): Promise<unknown[]> {
  const set = [...PERSONAL.map((c) => `c.${c} IS NOT NULL`), ...CONSENT.map((c) => `c.${c} <> 0`),
    'EXISTS (SELECT 1 FROM customer_trait t WHERE t.customer_id = c.id)'];
  return app.ds.query(`SELECT c.id FROM customer c WHERE c.erased_at IS NOT NULL AND (${set.join(' OR ')})`);
}

/** The loser of a race is told so with a CONFLICT naming the item, the field and the erasure. */
function expectErasedConflict(errors: readonly GraphQLFormattedError[], field: string): void {
  expect(errors[0].extensions).toMatchObject({ code: 'CONFLICT', index: 0, field });
  expect(errors[0].message).toMatch(/erased/);
}

it('leaves no personal data on a customer erased while it is upserted', async () => {
  const erasedIds: string[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const externalId = `race-${r}`;
    await app.ok(DiUpsertDocument, { input: [{ externalId, name: 'Ana Lima', email: `ana${r}@example.com`, traits: { tier: 'gold' } }] });
    const [upsert, erase] = await Promise.all([
      app.gql(DiUpsertDocument, {
        input: [{
          externalId, name: 'Bea Lima', email: `bea${r}@example.com`, phone: '+1 555 0100', birthDate: '1990-02-03', city: 'Recife',
          consent: { email: true, profiling: true }, traits: { tier: 'silver', nickname: 'Bea' },
        }],
      }),
      app.gql(DiEraseDocument, { externalId }),
    ]);
    expect(erase.errors).toBeUndefined();
    erasedIds.push(erase.data!.deleteCustomer.id);
    // Before the erasure (then erased), after it (a new customer under the freed key), or refused.
    if (upsert.errors) expectErasedConflict(upsert.errors, 'externalId');
    else expect(upsert.data!.upsertCustomers.created + upsert.data!.upsertCustomers.updated).toBe(1);
  }
  expect(await erasedWithPersonalData()).toEqual([]);
  // Every acknowledged erasure stands: none was undone by the upsert it raced.
  const stillErased = await app.ds.query(`SELECT COUNT(*) AS n FROM customer WHERE erased_at IS NOT NULL AND id IN (${erasedIds.join(', ')})`) as { n: number | string }[];
  expect(Number(stillErased[0].n)).toBe(ROUNDS);
});

it('leaves no note or metadata on a customer erased while its interactions are recorded', async () => {
  for (let r = 0; r < ROUNDS; r++) {
    const externalId = `race-note-${r}`;
    await app.ok(DiUpsertDocument, { input: [{ externalId, name: 'Caio' }] });
    const [record, erase] = await Promise.all([
      app.gql(DiRecordDocument, {
        input: [{ externalId: `note-${r}`, customerExternalId: externalId, occurredAt: '2025-03-01T10:00:00.000Z', type: 'CALL', note: 'asked about his divorce', metadata: { agent: 'Zoe' } }],
      }),
      app.gql(DiEraseDocument, { externalId }),
    ]);
    expect(erase.errors).toBeUndefined();
    if (record.errors) {
      // Erased before the lookup (the key is free: unknown) or between lookup and lock (refused).
      expect(record.errors[0].extensions).toMatchObject({ index: 0, field: 'customerExternalId' });
      expect(['CONFLICT', 'BAD_USER_INPUT']).toContain(record.errors[0].extensions?.code);
    }
  }
  const left = await app.ds.query(
    'SELECT i.id FROM interaction i JOIN customer c ON c.id = i.customer_id WHERE c.erased_at IS NOT NULL AND (i.note IS NOT NULL OR i.metadata IS NOT NULL)',
  );
  expect(left).toEqual([]);
});

// Re-scoring after an ingest reads the customer, scores it, then writes its values. An erasure
// committed in between removed the values it found; the re-score must not write them back. The
// interleaving is forced: the erasure's transaction is held open while the re-score runs.
it.skipIf(!process.env.TEST_DATABASE_URL?.startsWith('mysql'))('writes no metric values back onto a customer erased while it is re-scored', async () => {
  await app.ok(DiUpsertDocument, { input: Array.from({ length: 12 }, (_, k) => ({ externalId: `rs-race-${k}` })) });
  await app.ok(DiRecordDocument, {
    input: Array.from({ length: 12 }, (_, k) => ({
      externalId: `rs-race-p-${k}`, customerExternalId: `rs-race-${k}`, occurredAt: new Date(Date.UTC(2025, k, 3)).toISOString(), type: 'PURCHASE' as const, amount: 20 + k,
    })),
  });
  const runs = await app.ok(RefreshMetricsDocument, { plugins: ['rfm'] });
  expect(runs.refreshMetrics.map((r) => r.status)).toEqual(['SUCCEEDED']);
  const [{ id }] = await app.ds.query("SELECT id FROM customer WHERE external_id = 'rs-race-0'") as { id: number }[];
  const valuesOf = async () => app.ds.query('SELECT metric_key FROM metric_value WHERE customer_id = ?', [id]) as Promise<unknown[]>;
  expect((await valuesOf()).length).toBeGreaterThan(0);

  // The erasure as the server writes it (customer row locked, erased, its values deleted), not yet committed.
  const eraser = app.ds.createQueryRunner();
  await eraser.connect();
  await eraser.startTransaction('READ COMMITTED');
  try {
    await eraser.query('SELECT id FROM customer WHERE id = ? FOR UPDATE', [id]);
    await eraser.query("UPDATE customer SET erased_at = NOW(), name = NULL, external_id = CONCAT('erased:', id) WHERE id = ?", [id]);
    await eraser.query('DELETE FROM metric_value WHERE customer_id = ?', [id]);
    const rescore = app.metrics.rescore([id]);
    // The re-score has read the customer (reads do not wait for the lock) and is about to write.
    await new Promise((resolve) => setTimeout(resolve, 500));
    await eraser.commitTransaction();
    await rescore;
  } finally {
    await eraser.release();
  }
  expect(await valuesOf()).toEqual([]);
});

// The other order: the re-score locks first. A customer it found not erased must stay locked
// until its values are committed, or an erasure could slip in between and be undone.
it.skipIf(!process.env.TEST_DATABASE_URL?.startsWith('mysql'))('keeps a customer found not erased locked until the re-score commits', async () => {
  await app.ok(DiUpsertDocument, { input: [{ externalId: 'lock-probe' }] });
  const [{ id }] = await app.ds.query("SELECT id FROM customer WHERE external_id = 'lock-probe'") as { id: number }[];
  const writer = app.ds.createQueryRunner();
  const eraser = app.ds.createQueryRunner();
  await writer.connect();
  await eraser.connect();
  try {
    await writer.startTransaction('READ COMMITTED');
    expect(await erasedAmong(writer.manager, [id])).toEqual(new Set());
    await eraser.startTransaction('READ COMMITTED');
    await expect(eraser.query('SELECT id FROM customer WHERE id = ? FOR UPDATE NOWAIT', [id])).rejects.toThrow(/lock/i);
    await eraser.rollbackTransaction();
    await writer.commitTransaction();
  } finally {
    await writer.release();
    await eraser.release();
  }
});

// A refresh scores a customer, the customer is erased, then the refresh writes and publishes: the
// new run must not serve values for the erased customer (the erasure marks it changed, and the
// refresh re-scores changed customers before it publishes, dropping the erased ones' values).
// Without that, this failed in 2 of 3 runs on MariaDB (when the erasure beat the run's writes).
it('serves no values a refresh scored for a customer erased before it published', async () => {
  const n = 5000;
  for (let from = 0; from < n; from += 1000) {
    const ks = Array.from({ length: 1000 }, (_, i) => from + i);
    await app.ok(DiUpsertDocument, { input: ks.map((k) => ({ externalId: `rf-${k}` })) });
    await app.ok(DiRecordDocument, {
      input: ks.map((k) => ({ externalId: `rf-p-${k}`, customerExternalId: `rf-${k}`, occurredAt: new Date(Date.UTC(2025, k % 12, 1 + (k % 27))).toISOString(), type: 'PURCHASE' as const, amount: 10 + (k % 50) })),
    });
  }
  // As if ingested long ago: the refresh's catch-up with recent changes does not re-score them anyway.
  await app.ds.query("UPDATE customer_summary SET changed_at = '2020-01-01 00:00:00.000'");
  let erasure: ReturnType<typeof eraseFirst> | undefined;
  const eraseFirst = () => app.ok(DiEraseDocument, { externalId: 'rf-0' });
  // Erased once the first batch is scored, while the refresh goes on with the others.
  const [run] = await app.metrics.refresh(['rfm'], new Date(), () => { erasure ??= eraseFirst(); });
  const erased = (await erasure!).deleteCustomer;
  expect(run.status).toBe('SUCCEEDED');
  const [{ erasedAt }] = await app.ds.query('SELECT erased_at AS erasedAt FROM customer WHERE id = ?', [erased.id]) as { erasedAt: unknown }[];
  // The erasure came before the run was published, or this test would prove nothing.
  expect(fromSqlDate(erasedAt)!.getTime()).toBeLessThan(run.finishedAt!.getTime());
  const left = await app.ds.query(
    'SELECT mv.customer_id FROM metric_value mv JOIN customer c ON c.id = mv.customer_id WHERE c.erased_at IS NOT NULL AND mv.run_id = ?', [run.id],
  );
  expect(left).toEqual([]);
});

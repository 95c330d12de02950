import { afterAll, beforeAll, expect, it } from 'vitest';
import { RecordInteractionsDocument, UpsertCustomersDocument } from './generated/graphql';
import { runCli } from './support/cli';
import { startTestApp, type TestApp } from './support/test-app';

// `npm run metrics:refresh` as an operator runs it, on the server's database: runs SKIPPED while
// there is no customer (exit 0), then fitted once there are.

let app: TestApp;
beforeAll(async () => { app = await startTestApp(); });
afterAll(async () => { await app?.close(); });

it('skips every plugin on an empty database, then refreshes them, exiting 0 both times', async () => {
  const empty = await runCli('metrics-refresh.cli.ts', [], app.config.database);
  expect(empty.code).toBe(0);
  expect(empty.out).toMatch(/rfm@[\d.]+: run \d+ SKIPPED: no customers yet/);

  await app.ok(UpsertCustomersDocument, { input: [{ externalId: 'cli-1' }, { externalId: 'cli-2' }] });
  await app.ok(RecordInteractionsDocument, {
    input: ['cli-1', 'cli-2'].map((c, k) => ({ externalId: `cli-p-${k}`, customerExternalId: c, type: 'PURCHASE' as const, amount: 10 + k, occurredAt: '2026-01-05T10:00:00.000Z' })),
  });
  const full = await runCli('metrics-refresh.cli.ts', ['--plugin', 'rfm'], app.config.database);
  expect(full.code).toBe(0);
  expect(full.out).toMatch(/rfm@[\d.]+: run \d+ SUCCEEDED, 2 customers scored/);
}, 120_000);

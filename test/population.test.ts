import { afterAll, beforeAll, expect, it } from 'vitest';
import { population } from '../src/metrics/store/population';
import type { MetricSubject } from '../src/plugin-api';
import { UpsertCustomersDocument } from './generated/graphql';
import { startTestApp, type TestApp } from './support/test-app';

// The population stream on edge cases a large population meets in some batch.

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
  await app.ok(UpsertCustomersDocument, { input: Array.from({ length: 5 }, (_, k) => ({ externalId: `pop-${k}` })) });
});
afterAll(async () => { await app?.close(); });

it('streams customers without any link when links two levels deep are asked for', async () => {
  const seen: MetricSubject[] = [];
  for await (const batch of population(app.ds, { asOf: new Date(), currency: 'USD', requires: new Set(['summary', 'relationships']), linkDepth: 2, batchSize: 2 })) {
    seen.push(...batch);
  }
  expect(seen.map((s) => [s.customer.externalId, s.links])).toEqual(Array.from({ length: 5 }, (_, k) => [`pop-${k}`, []]));
});

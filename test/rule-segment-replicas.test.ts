import { afterAll, beforeAll, expect, it } from 'vitest';
import type { DataSource } from 'typeorm';
import { createLogger } from '../src/common/logger';
import { openDatabase } from '../src/db/open-database';
import { RuleSegments } from '../src/segments/rules/rule-segments';
import { RuleDefineDocument, RuleUpsertCustomersDocument } from './generated/graphql';
import { startTestApp, type TestApp } from './support/test-app';

// Two replicas re-evaluating the same rule segment at the same moment (full passes, each evaluating
// its customer ranges two at a time, or a full pass and an ingest's re-evaluation): one of them
// records each entry and exit, never both.

const ids = Array.from({ length: 60 }, (_, k) => `rr-${k}`);
let app: TestApp;
let second: DataSource;
let replicas: RuleSegments[];
const half = ids.slice(0, 30).map((id) => `'${id}'`).join(', ');

beforeAll(async () => {
  app = await startTestApp();
  second = await openDatabase(app.config.database, createLogger('silent'));
  await app.ok(RuleUpsertCustomersDocument, { input: ids.map((externalId) => ({ externalId, country: 'VN' })) });
  await app.ok(RuleDefineDocument, { input: { key: 'vn', name: 'VN', rule: { field: 'country', op: 'EQ', value: 'VN' } } });
  const options = { intervalMinutes: 0, changesRetentionDays: 90, concurrency: 2 };
  replicas = [app.ds, second].map((ds) => new RuleSegments(ds, app.metrics, createLogger('silent'), options));
});
afterAll(async () => {
  await second?.destroy();
  await app?.close();
});

/** The segment's recorded exits and entries: [[0, exits], [1, entries]]. */
const changes = async () => (await app.ds.query("SELECT c.entered, COUNT(*) AS n FROM segment_change c JOIN segment s ON s.id = c.segment_id WHERE s.key = 'vn' GROUP BY c.entered ORDER BY c.entered") as { entered: unknown; n: number | string }[])
  .map((r) => [Number(r.entered), Number(r.n)]);

it('records each entry and exit once when two replicas evaluate a rule segment at once', async () => {
  for (const country of ['DE', 'VN', 'DE', 'VN']) {
    // Written behind the API's back: only the full passes below can notice.
    await app.ds.query(`UPDATE customer SET country = '${country}' WHERE external_id IN (${half})`);
    const passes = await Promise.all(replicas.map((r) => r.evaluateAll(['vn'])));
    const moved = passes.map((p) => p.get('vn')!);
    const want = country === 'DE' ? { entered: 0, left: 30 } : { entered: 30, left: 0 };
    expect({ entered: moved[0].entered + moved[1].entered, left: moved[0].left + moved[1].left }).toEqual(want);
  }
  const [{ n }] = await app.ds.query("SELECT COUNT(*) AS n FROM segment_member m JOIN segment s ON s.id = m.segment_id WHERE s.key = 'vn'") as { n: number | string }[];
  expect(Number(n)).toBe(60);
  // 60 entries at creation, then 30 exits, 30 entries, 30 exits, 30 entries: no duplicates.
  expect(await changes()).toEqual([[0, 60], [1, 120]]);
});

it('records each change once when an ingest\'s re-evaluation meets a full pass on another replica', async () => {
  const touched = (await app.ds.query(`SELECT id FROM customer WHERE external_id IN (${half})`) as { id: number | string }[]).map((r) => Number(r.id));
  const before = await changes();
  for (const country of ['DE', 'VN']) {
    await app.ds.query(`UPDATE customer SET country = '${country}' WHERE external_id IN (${half})`);
    // The same ingest seen by four more replicas: their re-evaluations race each other and the pass.
    const ingests = [1, 2, 3, 4].map(() => new RuleSegments(second, app.metrics, createLogger('silent'), { intervalMinutes: 0, changesRetentionDays: 90, concurrency: 2 }));
    await Promise.all([replicas[0].evaluateAll(['vn']), ...ingests.map((r) => r.afterChange(touched))]);
  }
  expect(await changes()).toEqual([[0, before[0][1] + 30], [1, before[1][1] + 30]]);
});

import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app';
import { hostileOperation, type HostileOperation } from './hostile-input.arbitraries';

// `npm test` sends 1,000 generated mutations; `npm run test:fuzz` 10,000 (FUZZ_RUNS), on the
// database TEST_DATABASE_URL names. FUZZ_SEED replays a failure fast-check reported.
const RUNS = Number(process.env.FUZZ_RUNS ?? 1000);
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;

/** Codes a refusal may carry; anything else (INTERNAL_SERVER_ERROR above all) is a defect. */
const CODES = new Set(['BAD_USER_INPUT', 'CONFLICT', 'NOT_FOUND', 'GRAPHQL_VALIDATION_FAILED', 'RATE_LIMITED']);
/** What a database or driver message looks like; none may reach a response. */
const DRIVER_TEXT = /\b(ER_[A-Z_]+|SQLITE_[A-Z_]+|SqliteError|QueryFailedError|SQLSTATE)\b|Duplicate entry|constraint failed|syntax to use near|Out of range value|Data too long|Incorrect \w+ value|no such (table|column)|doesn't exist|\bINSERT INTO\b|\bSELECT .* FROM\b/i;
/** Tables a mutation writes; a refused one must leave every one of them as it was. */
const TABLES = ['customer', 'customer_trait', 'interaction', 'customer_link', 'segment', 'segment_member', 'customer_summary'];

let app: TestApp;

async function fingerprint(): Promise<string> {
  const counts = await Promise.all(TABLES.map(async (t) => (await app.ds.query(`SELECT COUNT(*) AS n FROM ${t}`) as { n: number | string }[])[0]!.n));
  // Counts miss an update in place: the latest change and the erasures catch those.
  const [row] = await app.ds.query('SELECT MAX(updated_at) AS u, SUM(CASE WHEN erased_at IS NULL THEN 0 ELSE 1 END) AS e, SUM(stat_purchase_count) AS p FROM customer') as Record<string, unknown>[];
  const [seg] = await app.ds.query('SELECT MAX(updated_at) AS u FROM segment') as Record<string, unknown>[];
  return `${counts.join(',')}|${String(row!.u)}|${Number(row!.e)}|${Number(row!.p)}|${String(seg!.u)}`;
}

async function send(op: HostileOperation) {
  const res = await fetch(app.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${app.adminKey}` },
    body: JSON.stringify({ query: op.query, variables: op.variables }),
  });
  const text = await res.text();
  return { status: res.status, text, body: JSON.parse(text) as { data?: Record<string, unknown> | null; errors?: { message: string; extensions?: { code?: string } }[] } };
}

beforeAll(async () => {
  // No cost budget here: thousands of requests from one key are the point.
  app = await startTestApp({ RATE_LIMIT_POINTS: '0', BATCH_SIZE_MAX: '50' });
});
afterAll(() => app.close());

describe('hostile mutations', () => {
  it(`${RUNS} generated mutations: no internal error, no driver text, every refusal coded, nothing half-written`, async () => {
    const seen = new Map<string, number>();
    await fc.assert(fc.asyncProperty(hostileOperation, async (op) => {
      const before = await fingerprint();
      const { status, text, body } = await send(op);
      expect(status, text).toBeLessThan(500);
      expect(text).not.toMatch(DRIVER_TEXT);
      expect(text).not.toMatch(/\n\s+at .+\(.+:\d+:\d+\)/); // no stack trace
      for (const e of body.errors ?? []) expect(CODES, `${op.name}: ${e.message}`).toContain(e.extensions?.code);
      const refused = (body.errors?.length ?? 0) > 0;
      if (refused) expect(await fingerprint(), `${op.name} was refused but wrote: ${e2s(body.errors)}`).toBe(before);
      const key = `${op.name}:${refused ? body.errors![0]!.extensions?.code : 'ok'}`;
      seen.set(key, (seen.get(key) ?? 0) + 1);
    }), { numRuns: RUNS, seed: SEED, verbose: 1 });
    // The generator reaches both sides: accepted writes and coded refusals of every mutation.
    process.stdout.write(`fuzz outcomes: ${JSON.stringify(Object.fromEntries([...seen].sort()))}\n`);
    expect(seen.get('deleteCustomer:ok') ?? 0).toBeGreaterThan(0);
    for (const name of ['upsertCustomers', 'recordInteractions', 'linkCustomers']) {
      expect(seen.get(`${name}:ok`) ?? 0, name).toBeGreaterThan(0);
      expect(seen.get(`${name}:BAD_USER_INPUT`) ?? 0, name).toBeGreaterThan(0);
    }
  }, 30 * 60_000);
});

function e2s(errors: { message: string }[] | undefined): string {
  return (errors ?? []).map((e) => e.message).join('; ').slice(0, 300);
}

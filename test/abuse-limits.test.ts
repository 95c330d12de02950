import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './support/test-app';

interface Answer {
  status: number;
  headers: Headers;
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions: Record<string, unknown> }[];
  extensions?: { cost?: { requested: number; limit?: number; remaining?: number; resetSeconds?: number } };
}

async function post(app: TestApp, query: string, variables: Record<string, unknown> = {}, key = app.adminKey): Promise<Answer> {
  const res = await fetch(app.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` }, body: JSON.stringify({ query, variables }) });
  return { status: res.status, headers: res.headers, ...((await res.json()) as Omit<Answer, 'status' | 'headers'>) };
}
const code = (a: Answer) => a.errors?.[0]?.extensions.code;

describe('query limits', () => {
  let app: TestApp;
  beforeAll(async () => { app = await startTestApp(); });
  afterAll(() => app.close());

  it('prices lists without `first` at their real maximum, so nesting them is refused with 400, not run', async () => {
    await post(app, 'mutation { upsertSegment(input: { key: "vip", name: "VIP" }) { key } }');
    // Priced as one segment per list, this was 1 + 500 * 3: accepted, and as large as the data allowed.
    const nested = await post(app, '{ segments { key members(first: 500) { edges { node { segments { key members(first: 500) { totalCount } } } } } } }');
    expect(nested.status).toBe(400);
    expect(code(nested)).toBe('QUERY_TOO_COMPLEX');
    expect(nested.errors![0]!.extensions.cost).toBeGreaterThan(250_000);
    const flat = await post(app, '{ segments { key name size } }');
    expect(flat.status).toBe(200);
    expect(flat.extensions!.cost!.requested).toBe(1 + 3);
  });

  it('counts the items of list arguments in the cost, and refuses a list longer than BATCH_SIZE_MAX with its path', async () => {
    const ids = (n: number) => Array.from({ length: n }, (_, i) => `c-${i}`);
    const small = await post(app, 'query($ids: [String!]) { customers(filter: { externalIds: $ids }) { totalCount } }', { ids: ids(10) });
    const large = await post(app, 'query($ids: [String!]) { customers(filter: { externalIds: $ids }) { totalCount } }', { ids: ids(900) });
    expect(large.extensions!.cost!.requested - small.extensions!.cost!.requested).toBe(890);
    const tooLong = await post(app, 'query($ids: [String!]) { customers(filter: { externalIds: $ids }) { totalCount } }', { ids: ids(app.config.batchSizeMax + 1) });
    expect(tooLong.status).toBe(400);
    expect(tooLong.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.externalIds' });
    expect(tooLong.errors![0]!.message).toContain('BATCH_SIZE_MAX');
  });

  it('refuses too many aliases, a recursive fragment and too deep a query with 400 and a code', async () => {
    const aliases = Array.from({ length: app.config.queryAliasesMax + 1 }, (_, i) => `a${i}: plugins { name }`).join(' ');
    const many = await post(app, `{ ${aliases} }`);
    expect(many.status).toBe(400);
    expect(code(many)).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(many.errors![0]!.message).toMatch(/Aliases limit of 50 exceeded/);
    const recursive = await post(app, 'query { ...F } fragment F on Query { plugins { name } ...F }');
    expect(recursive.status).toBe(400);
    expect(code(recursive)).toBe('GRAPHQL_VALIDATION_FAILED');
    const deep = await post(app, `{ customers { edges { node { referredBy { referredBy { referredBy { referredBy { referredBy { referredBy { referredBy { referredBy { id } } } } } } } } } } } }`);
    expect(deep.status).toBe(400);
    expect(deep.errors![0]!.message).toMatch(/depth limit of 10 exceeded/);
    const persisted = await fetch(app.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${app.adminKey}` },
      body: JSON.stringify({ extensions: { persistedQuery: { version: 1, sha256Hash: 'f'.repeat(64) } } }),
    });
    expect(persisted.status).toBeLessThan(500);
    const mismatched = await fetch(app.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${app.adminKey}` },
      body: JSON.stringify({ query: '{ viewer { id } }', extensions: { persistedQuery: { version: 1, sha256Hash: 'f'.repeat(64) } } }),
    });
    expect(mismatched.status).toBe(400);
    expect(((await mismatched.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe('BAD_REQUEST');
  });

  it('refuses more than 20 filter clauses of one kind, and more than 20,000 list items for one field', async () => {
    const traits = Array.from({ length: 21 }, (_, i) => ({ key: `k${i}`, value: 'v' }));
    const many = await post(app, 'query($f: CustomerFilter) { customers(filter: $f) { totalCount } }', { f: { traits } });
    expect(many.status).toBe(400);
    expect(many.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.traits' });
    const twenty = await post(app, 'query($f: CustomerFilter) { customers(filter: $f) { totalCount } }', { f: { traits: traits.slice(1) } });
    expect(twenty.data).toEqual({ customers: { totalCount: 0 } });
  });

  it('refuses JSON traits nested deeper than 8 levels at the door, and the customer stays writable', async () => {
    let deep: Record<string, unknown> = { leaf: 1 };
    for (let i = 0; i < 2500; i += 1) deep = { d: deep };
    const refused = await post(app, 'mutation($input: [CustomerInput!]!) { upsertCustomers(input: $input) { created } }', { input: [{ externalId: 'deep', traits: deep }] });
    expect(refused.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', index: 0, field: 'traits' });
    expect(refused.errors![0]!.message).toContain('must not nest deeper than 8 levels');
    const ok = await post(app, 'mutation($input: [CustomerInput!]!) { upsertCustomers(input: $input) { created } }', { input: [{ externalId: 'deep', traits: { a: { b: { c: 1 } } } }] });
    expect(ok.data).toEqual({ upsertCustomers: { created: 1 } });
  });
});

describe('the cost budget per caller', () => {
  let app: TestApp;
  beforeAll(async () => { app = await startTestApp({ RATE_LIMIT_POINTS: '60', RATE_LIMIT_WINDOW_SECONDS: '60' }); });
  afterAll(() => app.close());

  it('charges each operation its cost, says what is left, and answers 429 with Retry-After once spent, per key', async () => {
    // Costs 1 + 100 * 2 = 201, more than the whole budget: refused at once, before anything is spent.
    const tooDear = await post(app, '{ plugins { name kinds } }');
    expect(tooDear.status).toBe(429);
    expect(tooDear.errors![0]!.extensions.cost).toBe(201);
    const cheap = '{ viewer { id } }';
    const first = await post(app, cheap);
    expect(first.status).toBe(200);
    expect(first.headers.get('x-ratelimit-limit')).toBe('60');
    const spentFirst = 60 - Number(first.headers.get('x-ratelimit-remaining'));
    expect(spentFirst).toBe(first.extensions!.cost!.requested);
    let last = first;
    while (last.status === 200) last = await post(app, cheap);
    expect(last.status).toBe(429);
    expect(code(last)).toBe('RATE_LIMITED');
    expect(Number(last.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(last.data).toBeUndefined();
    // Another key has its own budget.
    const other = await app.createKey(['reader' as never]);
    expect((await post(app, cheap, {}, other)).status).toBe(200);
  });
});

describe.skipIf(!process.env.TEST_REDIS_URL)('the cost budget shared through Redis', () => {
  let a: TestApp;
  let b: TestApp;
  beforeAll(async () => {
    const env = { RATE_LIMIT_POINTS: '30', RATE_LIMIT_WINDOW_SECONDS: '60', REDIS_URL: process.env.TEST_REDIS_URL! };
    a = await startTestApp(env);
    b = await startTestApp(env);
  });
  afterAll(async () => {
    await a.close();
    await b.close();
  });

  it('is one budget for every replica', async () => {
    // The same key on both replicas (b's database gets a's key hash).
    const [row] = await a.ds.query('SELECT prefix, secret_hash, roles, label, created_by, created_at FROM api_key WHERE prefix = ?', [a.adminKey.slice(0, 12)]) as Record<string, unknown>[];
    await b.ds.query('INSERT INTO api_key (prefix, secret_hash, roles, label, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?)', [row!.prefix, row!.secret_hash, row!.roles, row!.label, row!.created_by, '2026-01-01 00:00:00.000']);
    let spent = 0;
    while ((await post(a, '{ viewer { id } }')).status === 200) spent += 1;
    expect(spent).toBeGreaterThan(0);
    const onB = await post(b, '{ viewer { id } }', {}, a.adminKey);
    expect(onB.status).toBe(429);
    expect(code(onB)).toBe('RATE_LIMITED');
  });
});

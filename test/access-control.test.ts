import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role } from '../src/auth/roles';
import { startTestApp, type TestApp } from './support/test-app';

interface Answer {
  status: number;
  data: Record<string, unknown> | null | undefined;
  errors: { message: string; extensions?: Record<string, unknown> }[] | undefined;
}

let app: TestApp;
const keys = {} as Record<Role, string>;

async function post(query: string, variables: Record<string, unknown> = {}, authorization?: string): Promise<Answer> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (authorization !== undefined) headers.authorization = authorization;
  const res = await fetch(app.url, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
  const body = (await res.json()) as Omit<Answer, 'status'>;
  return { status: res.status, ...body };
}
const as = (role: Role, query: string, variables?: Record<string, unknown>) => post(query, variables, `Bearer ${keys[role]}`);
const code = (a: Answer) => a.errors?.[0]?.extensions?.code;

const ANN = {
  externalId: 'ann', name: 'Ann Smith', email: 'Ann@Example.com', phone: '+44 20 7946 0000', birthDate: '1980-02-03', city: 'Leeds',
  country: 'GB', traits: { tier: 'gold', passport: 'X123' },
};

beforeAll(async () => {
  app = await startTestApp({ PII_KEYS: 'passport' });
  for (const role of Object.values(Role)) keys[role] = await app.createKey([role]);
  const upsert = await as(Role.ADMIN, 'mutation($input: [CustomerInput!]!) { upsertCustomers(input: $input) { created } }', {
    input: [ANN, { externalId: 'bob', name: 'Bob Jones', email: 'bob@example.com', traits: { tier: 'silver' } }],
  });
  expect(upsert.errors).toBeUndefined();
  const record = await as(Role.ADMIN, 'mutation($input: [InteractionInput!]!) { recordInteractions(input: $input) { created } }', {
    input: [{ externalId: 'i1', customerExternalId: 'ann', type: 'SUPPORT_CASE', channel: 'PHONE', occurredAt: '2026-01-05T10:00:00Z', note: 'Ann called about her late parcel', metadata: { passport: 'X123', topic: 'delivery' } }],
  });
  expect(record.errors).toBeUndefined();
});
afterAll(() => app.close());

describe('authentication', () => {
  const Q = '{ customers(first: 1) { totalCount } }';

  it('answers 401 UNAUTHENTICATED, before any GraphQL runs, without a credential or with a bad one', async () => {
    for (const authorization of [undefined, '', 'Basic dXNlcjpwYXNz', 'Bearer', 'Bearer cgk_not-a-real-key-at-all-0000000000000000000000', 'Bearer eyJhbGciOiJIUzI1NiJ9.e30.x']) {
      const a = await post(Q, {}, authorization);
      expect(a.status, String(authorization)).toBe(401);
      expect(code(a)).toBe('UNAUTHENTICATED');
      expect(a.data).toBeUndefined();
    }
  });

  it('serves the explorer page without a credential, and nothing else', async () => {
    const page = await fetch(app.url, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<html');
    const viaGet = await fetch(`${app.url}?query=${encodeURIComponent(Q)}`, { headers: { accept: 'application/json', 'apollo-require-preflight': 'true' } });
    expect(viaGet.status).toBe(401);
  });

  it('creates keys through GraphQL, shows them once, lists them by prefix, and revocation holds from the next request', async () => {
    const created = await as(Role.ADMIN, 'mutation { createApiKey(input: { roles: [READER], label: "mobile app" }) { key apiKey { prefix roles label createdBy revokedAt } } }');
    const { key, apiKey } = created.data!.createApiKey as { key: string; apiKey: { prefix: string; roles: string[]; createdBy: string } };
    expect(key.startsWith(apiKey.prefix)).toBe(true);
    expect(apiKey).toMatchObject({ roles: ['READER'], label: 'mobile app', createdBy: expect.stringMatching(/^cgk_/), revokedAt: null });
    expect((await post(Q, {}, `Bearer ${key}`)).status).toBe(200);

    const listed = await as(Role.ADMIN, '{ apiKeys { prefix label lastUsedAt } }');
    const entry = (listed.data!.apiKeys as { prefix: string; lastUsedAt: string | null }[]).find((k) => k.prefix === apiKey.prefix);
    expect(entry?.lastUsedAt).not.toBeNull();
    expect(JSON.stringify(listed)).not.toContain(key);
    const [row] = await app.ds.query('SELECT secret_hash FROM api_key WHERE prefix = ?', [apiKey.prefix]) as { secret_hash: string }[];
    expect(row!.secret_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(row!.secret_hash).not.toContain(key.slice(4));

    const revoked = await as(Role.ADMIN, 'mutation($p: String!) { revokeApiKey(prefix: $p) { revokedAt } }', { p: apiKey.prefix });
    expect(revoked.data!.revokeApiKey).toEqual({ revokedAt: expect.any(String) });
    const after = await post(Q, {}, `Bearer ${key}`);
    expect(after.status).toBe(401);
    expect(code(after)).toBe('UNAUTHENTICATED');
  });

  it('refuses a key without a known role, with the field named', async () => {
    const bad = await as(Role.ADMIN, 'mutation { createApiKey(input: { roles: [], label: "x" }) { key } }');
    expect(code(bad)).toBe('BAD_USER_INPUT');
    expect(bad.errors![0]!.extensions!.field).toBe('roles');
  });

  it('tells the caller who it is', async () => {
    const me = await as(Role.ANALYST, '{ viewer { id roles permissions } }');
    expect(me.data!.viewer).toEqual({ id: keys.analyst.slice(0, 12), roles: ['ANALYST'], permissions: ['graph:read', 'backtest:run', 'segment:manage'] });
  });
});

describe('personal data', () => {
  const CUSTOMER = `{ customer(externalId: "ann") { externalId name email phone birthDate city country traits
    interactions(first: 5) { edges { node { note metadata type } } } } }`;

  it('reaches readers and admins as it is', async () => {
    for (const role of [Role.READER, Role.ADMIN]) {
      const c = (await as(role, CUSTOMER)).data!.customer as Record<string, unknown>;
      expect(c).toMatchObject({ name: 'Ann Smith', email: 'Ann@Example.com', phone: ANN.phone, birthDate: ANN.birthDate, city: 'Leeds', traits: ANN.traits });
      expect(JSON.stringify(c.interactions)).toContain('late parcel');
    }
  });

  it('is masked for analysts and writers: null, a stable pseudonym for email, PII_KEYS left out of JSON', async () => {
    for (const role of [Role.ANALYST, Role.WRITER]) {
      const answer = await as(role, CUSTOMER);
      expect(answer.errors).toBeUndefined();
      const c = answer.data!.customer as Record<string, unknown>;
      expect(c).toMatchObject({ externalId: 'ann', name: null, phone: null, birthDate: null, city: null, country: 'GB', traits: { tier: 'gold' } });
      // A pseudonym for analysts; nothing for writers, who could store a guess and compare tokens.
      if (role === Role.ANALYST) expect(c.email).toMatch(/^anon_[0-9a-f]{24}$/);
      else expect(c.email).toBeNull();
      expect(c.traits).not.toHaveProperty('passport');
      expect(c.interactions).toEqual({ edges: [{ node: { note: null, metadata: { topic: 'delivery' }, type: 'SUPPORT_CASE' } }] });
      expect(JSON.stringify(answer)).not.toMatch(/Ann Smith|example\.com|Leeds|X123|parcel/i);
    }
    // The same email gives the same token for every analyst and request (a join key), different emails differ.
    const other = await app.createKey([Role.ANALYST]);
    const a = ((await as(Role.ANALYST, '{ customer(externalId: "ann") { email } }')).data!.customer as { email: string }).email;
    const again = ((await post('{ customer(externalId: "ann") { email } }', {}, `Bearer ${other}`)).data!.customer as { email: string }).email;
    const b = ((await as(Role.ANALYST, '{ customer(externalId: "bob") { email } }')).data!.customer as { email: string }).email;
    expect(again).toBe(a);
    expect(b).not.toBe(a);
  });

  it('cannot be probed by an analyst through search, city, a personal trait or the order by name', async () => {
    const probes: [string, Record<string, unknown>][] = [
      ['query($f: CustomerFilter) { customers(filter: $f) { totalCount } }', { f: { search: 'Ann' } }],
      ['{ customers(filter: { city: ["Leeds"] }) { totalCount } }', {}],
      ['{ customers(filter: { traits: [{ key: "passport", value: "X123" }] }) { totalCount } }', {}],
      ['{ customers(orderBy: { field: NAME }) { totalCount } }', {}],
      ['{ segments { members(filter: { search: "Ann" }) { totalCount } } }', {}],
    ];
    for (const [query, variables] of probes) {
      const a = await as(Role.ANALYST, query, variables);
      expect(a.status, query).toBe(403);
      expect(code(a)).toBe('FORBIDDEN');
      expect(a.errors![0]!.extensions!.permission).toBe('pii:read');
      expect(a.data).toBeUndefined();
      expect((await as(Role.READER, query, variables)).status, query).toBe(200);
    }
    const allowed = await as(Role.ANALYST, '{ customers(filter: { traits: [{ key: "tier", value: "gold" }], country: ["GB"] }, orderBy: { field: REVENUE }) { totalCount } }');
    expect(allowed.data!.customers).toEqual({ totalCount: 1 });
  });
});

describe('permissions', () => {
  it('refuses a whole operation when any field of it is not allowed, and writes nothing', async () => {
    const before = await app.ds.query('SELECT COUNT(*) AS n FROM customer');
    const mixed = await as(Role.WRITER, `mutation { upsertCustomers(input: [{ externalId: "carol", name: "Carol" }]) { created }
      deleteCustomer(externalId: "ann") { erasedAt } }`);
    expect(mixed.status).toBe(403);
    expect(mixed.errors![0]).toMatchObject({ extensions: { code: 'FORBIDDEN', permission: 'customer:erase', field: 'Mutation.deleteCustomer' } });
    expect(mixed.errors![0]!.message).toContain('admin');
    expect(await app.ds.query('SELECT COUNT(*) AS n FROM customer')).toEqual(before);
    const ann = await as(Role.ADMIN, '{ customer(externalId: "ann") { erasedAt name } }');
    expect(ann.data!.customer).toEqual({ erasedAt: null, name: 'Ann Smith' });
  });

  it('sees through fragments: a mutation inside one is refused, and audited, like any other', async () => {
    for (const query of [
      'mutation { ...Erase } fragment Erase on Mutation { deleteCustomer(externalId: "ann") { erasedAt } }',
      'mutation { ... on Mutation { deleteCustomer(externalId: "ann") { erasedAt } } }',
    ]) {
      const a = await as(Role.WRITER, query);
      expect(a.status, query).toBe(403);
      expect(a.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', field: 'Mutation.deleteCustomer' });
      const [last] = (await as(Role.ADMIN, '{ auditLog(first: 1) { operation outcome actor } }')).data!.auditLog as Record<string, string>[];
      expect(last).toEqual({ operation: 'deleteCustomer', outcome: 'FORBIDDEN', actor: keys.writer.slice(0, 12) });
    }
  });

  it('names the permission each operation needs in the schema descriptions', async () => {
    const schema = await as(Role.READER, '{ __type(name: "Mutation") { fields { name description } } }');
    const fields = (schema.data!.__type as { fields: { name: string; description: string }[] }).fields;
    expect(fields.find((f) => f.name === 'deleteCustomer')!.description).toContain('Needs `customer:erase` (admin).');
    expect(fields.find((f) => f.name === 'recordInteractions')!.description).toContain('Needs `data:write` (writer, admin).');
  });
});

describe('the audit log', () => {
  it('records every write and refusal with who, what and how many, never the personal data', async () => {
    await as(Role.WRITER, 'mutation($input: [CustomerInput!]!) { upsertCustomers(input: $input) { created updated } }', {
      input: [{ externalId: 'dan', name: 'Dan Brown', email: 'dan@example.com' }, { externalId: 'eve', name: 'Eve Adams' }],
    });
    await as(Role.ANALYST, 'mutation { deleteCustomer(externalId: "bob") { id } }');
    await as(Role.ADMIN, 'mutation { deleteCustomer(externalId: "bob") { id } }');
    const log = await as(Role.ADMIN, '{ auditLog(first: 3) { actor actorLabel roles operation outcome counts requestId at } }');
    const entries = log.data!.auditLog as Record<string, unknown>[];
    expect(entries).toEqual([
      expect.objectContaining({ actor: keys.admin.slice(0, 12), roles: 'admin', operation: 'deleteCustomer', outcome: 'ok', counts: { items: 1 } }),
      expect.objectContaining({ actor: keys.analyst.slice(0, 12), roles: 'analyst', operation: 'deleteCustomer', outcome: 'FORBIDDEN', counts: { items: 1 } }),
      expect.objectContaining({ actor: keys.writer.slice(0, 12), roles: 'writer', operation: 'upsertCustomers', outcome: 'ok', counts: { items: 2, created: 2, updated: 0 } }),
    ]);
    const everything = JSON.stringify(await app.ds.query('SELECT * FROM audit_log'));
    expect(everything).not.toMatch(/Dan Brown|dan@example|Eve Adams|bob/i);
    expect((await as(Role.ANALYST, '{ auditLog { id } }')).status).toBe(403);
  });
});

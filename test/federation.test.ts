import fs from 'node:fs';
import path from 'node:path';
import { composeServices } from '@apollo/composition';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { startStandaloneServer } from '@apollo/server/standalone';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role } from '../src/auth/roles';
import { SegAddMembersDocument, SegUpsertDocument, UpsertCustomersDocument } from './generated/graphql';
import { startTestApp, type TestApp } from './support/test-app';

// The API as an Apollo Federation 2 subgraph: `_service`, `_entities` (batched, masked, bounded),
// and a supergraph composed with a second subgraph, queried through a gateway, over real HTTP.

interface Answer<T = Record<string, unknown>> {
  status: number;
  data: T | null | undefined;
  errors: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[] | undefined;
  extensions?: { cost?: { requested: number } };
}

let app: TestApp;
const keys = {} as Record<'reader' | 'analyst' | 'writer', string>;
/** Stored customer ids by external id. */
const ids = new Map<string, string>();

async function post<T = Record<string, unknown>>(url: string, query: string, variables: Record<string, unknown> = {}, authorization?: string): Promise<Answer<T>> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (authorization !== undefined) headers.authorization = authorization;
  const res = await fetch(url, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
  return { status: res.status, ...((await res.json()) as Omit<Answer<T>, 'status'>) };
}

const ENTITIES = `query($representations: [_Any!]!) {
  _entities(representations: $representations) {
    __typename
    ... on Customer { id externalId name email summary { purchaseCount } segments { key } }
    ... on Segment { key title: name size }
  }
}`;

type Entity = { __typename: 'Customer'; id: string; externalId: string; name: string | null; email: string | null; summary: { purchaseCount: number }; segments: { key: string }[] }
  | { __typename: 'Segment'; key: string; title: string; size: number };

const entities = (representations: unknown[], key = app.adminKey) => post<{ _entities: (Entity | null)[] }>(app.url, ENTITIES, { representations }, `Bearer ${key}`);

beforeAll(async () => {
  app = await startTestApp();
  for (const role of [Role.READER, Role.ANALYST, Role.WRITER] as const) keys[role] = await app.createKey([role]);
  const input = Array.from({ length: 60 }, (_, k) => ({ externalId: `fed-${k}`, name: `Fed ${k}`, email: `fed${k}@example.com` }));
  for (const c of (await app.ok(UpsertCustomersDocument, { input })).upsertCustomers.customers) ids.set(c.externalId, c.id);
  for (const key of ['gold', 'silver']) {
    await app.ok(SegUpsertDocument, { input: { key, name: key.toUpperCase() } });
    await app.ok(SegAddMembersDocument, { key, customerExternalIds: input.filter((_, k) => k % 2 === (key === 'gold' ? 0 : 1)).map((c) => c.externalId) });
  }
});
afterAll(async () => { await app?.close(); });

describe('the subgraph', () => {
  it('answers _service { sdl } with the published schema/subgraph.graphql, which declares the entity keys', async () => {
    const res = await post<{ _service: { sdl: string } }>(app.url, '{ _service { sdl } }', {}, `Bearer ${keys.analyst}`);
    expect(res.errors).toBeUndefined();
    const published = fs.readFileSync(path.resolve(__dirname, '../schema/subgraph.graphql'), 'utf8');
    expect(published).toBe(`${published.split('\n\n')[0]}\n\n${res.data!._service.sdl}\n`);
    const sdl = res.data!._service.sdl;
    expect(sdl).toContain('@link(url: "https://specs.apollo.dev/federation/v2.0", import: ["@key"])');
    expect(sdl).toMatch(/type Customer\s+@key\(fields: "id"\)\s+@key\(fields: "externalId"\)/);
    expect(sdl).toMatch(/type Segment\s+@key\(fields: "key"\)/);
    // Descriptions, enums and custom scalars survive the trip through SDL.
    expect(sdl).toContain('"""A person or organisation the business sells to or serves."""');
    expect(sdl).toMatch(/enum SegmentKind \{[^}]*RULE/);
    expect(sdl).toContain('scalar DateTimeISO');
  });

  it('keeps federation out of the client schema: schema/schema.graphql has no _entities', () => {
    const published = fs.readFileSync(path.resolve(__dirname, '../schema/schema.graphql'), 'utf8');
    expect(published).toContain('type Customer {');
    expect(published).not.toMatch(/_entities|_service|_Any|@link|federation__/);
  });

  it('resolves customers by id or externalId and segments by key, in order; what matches nothing is null', async () => {
    const res = await entities([
      { __typename: 'Customer', id: ids.get('fed-3') },
      { __typename: 'Customer', externalId: 'fed-4' },
      { __typename: 'Segment', key: 'gold' },
      { __typename: 'Customer', externalId: 'nobody' },
      { __typename: 'Customer', id: '999999999' },
      { __typename: 'Customer', id: 'not-a-number' },
      // Both keys, naming two different customers: no customer is both.
      { __typename: 'Customer', id: ids.get('fed-3'), externalId: 'fed-4' },
      { __typename: 'Segment', key: 'GOLD' },
      { __typename: 'Customer', externalId: 'fed-4 ' },
    ]);
    expect(res.errors).toBeUndefined();
    expect(res.data!._entities).toEqual([
      { __typename: 'Customer', id: ids.get('fed-3'), externalId: 'fed-3', name: 'Fed 3', email: 'fed3@example.com', summary: { purchaseCount: 0 }, segments: [{ key: 'silver' }] },
      { __typename: 'Customer', id: ids.get('fed-4'), externalId: 'fed-4', name: 'Fed 4', email: 'fed4@example.com', summary: { purchaseCount: 0 }, segments: [{ key: 'gold' }] },
      { __typename: 'Segment', key: 'gold', title: 'GOLD', size: 30 },
      null, null, null, null, null, null,
    ]);
  });

  it('returns what is stored, never fields the representation made up', async () => {
    const res = await entities([{ __typename: 'Customer', externalId: 'fed-5', name: 'Mallory', email: 'x@evil.test' }]);
    expect(res.data!._entities[0]).toMatchObject({ externalId: 'fed-5', name: 'Fed 5', email: 'fed5@example.com' });
  });

  it('refuses a representation of a type that is not one of its entities, naming it', async () => {
    for (const representation of [{ __typename: 'ApiKey', id: '1', prefix: 'made-up' }, { __typename: 'Nope' }, { id: '1' }]) {
      const res = await entities([{ __typename: 'Segment', key: 'gold' }, representation]);
      expect(res.data?._entities ?? null).toBeNull();
      expect(res.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', index: 1 });
      expect(res.errors![0].message).toMatch(/^representations\[1\]: not a representation of an entity of this subgraph/);
    }
  });

  it('costs the same few statements for 3 or 100 representations (id, externalId and segment keys mixed)', async () => {
    const mixed = (n: number) => Array.from({ length: n }, (_, k) => {
      if (k % 3 === 2) return { __typename: 'Segment', key: k % 2 ? 'gold' : 'silver' };
      const externalId = `fed-${k % 60}`;
      return k % 3 === 0 ? { __typename: 'Customer', id: ids.get(externalId) } : { __typename: 'Customer', externalId };
    });
    await entities(mixed(3)); // warm: the key's last use is written at most once a minute
    let three: Answer<{ _entities: (Entity | null)[] }> | undefined;
    const small = await app.countStatements(async () => { three = await entities(mixed(3)); });
    let hundred: Answer<{ _entities: (Entity | null)[] }> | undefined;
    const large = await app.countStatements(async () => { hundred = await entities(mixed(100)); });
    let one: Answer<{ _entities: (Entity | null)[] }> | undefined;
    const single = await app.countStatements(async () => { one = await entities(mixed(1)); });
    expect(three!.data!._entities.map((e) => e?.__typename)).toEqual(['Customer', 'Customer', 'Segment']);
    expect(hundred!.data!._entities).toHaveLength(100);
    expect(hundred!.data!._entities.every((e) => e !== null)).toBe(true);
    expect(hundred!.data!._entities[97]).toMatchObject({ __typename: 'Customer', externalId: 'fed-37', segments: [{ key: 'silver' }] });
    expect(one!.data!._entities).toHaveLength(1);
    expect(large).toBe(small);
    // The key, customers by id and by externalId, segments by key, summaries, memberships, segment sizes.
    expect(large).toBeLessThanOrEqual(7);
    expect(single).toBeLessThanOrEqual(large);
    // Priced like a list: each representation's selection counts, as a page's rows do.
    expect(hundred!.extensions!.cost!.requested).toBeGreaterThan(50 * one!.extensions!.cost!.requested);
  });

  it('masks personal fields without pii:read exactly as a query does', async () => {
    const reference = [{ __typename: 'Customer', externalId: 'fed-7' }];
    const byQuery = async (key: string) => (await post<{ customer: { name: string | null; email: string | null } }>(app.url, '{ customer(externalId: "fed-7") { name email } }', {}, `Bearer ${key}`)).data!.customer;
    const reader = (await entities(reference, keys.reader)).data!._entities[0];
    expect(reader).toMatchObject({ name: 'Fed 7', email: 'fed7@example.com' });
    const analyst = (await entities(reference, keys.analyst)).data!._entities[0];
    expect(analyst).toMatchObject({ name: null, email: expect.stringMatching(/^anon_/) });
    expect(analyst).toMatchObject(await byQuery(keys.analyst));
    // A caller that can write gets no pseudonym (it could store guesses and compare).
    expect((await entities(reference, keys.writer)).data!._entities[0]).toMatchObject({ name: null, email: null });
  });

  it('needs a credential', async () => {
    const res = await post(app.url, ENTITIES, { representations: [{ __typename: 'Customer', externalId: 'fed-1' }] });
    expect(res.status).toBe(401);
  });

  it('refuses more than 1,000 representations in one request before anything runs (aliases add up)', async () => {
    const refs = (n: number) => Array.from({ length: n }, (_, k) => ({ __typename: 'Customer', externalId: `fed-${k % 60}` }));
    // Authenticating the key is all that runs: as for an operation with no field to resolve.
    const authentication = await app.countStatements(() => post(app.url, '{ __typename }', {}, `Bearer ${app.adminKey}`));
    let res: Answer | undefined;
    const statements = await app.countStatements(async () => { res = await entities(refs(1001)); });
    expect(res!.status).toBe(400);
    expect(res!.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'representations', limit: 1000 });
    expect(res!.errors![0].message).toContain('1001 representations in one request; the limit is 1000');
    expect(statements).toBe(authentication);
    const twice = await post(app.url, `query($a: [_Any!]!, $b: [_Any!]!) {
      a: _entities(representations: $a) { __typename }
      b: _entities(representations: $b) { __typename }
    }`, { a: refs(600), b: refs(600) }, `Bearer ${app.adminKey}`);
    expect(twice.status).toBe(400);
    expect(twice.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', limit: 1000 });
    const full = await entities(refs(1000));
    expect(full.errors).toBeUndefined();
    expect(full.data!._entities).toHaveLength(1000);
  });
});

describe('in a supergraph with an orders subgraph, through a gateway', () => {
  let orders: ApolloServer;
  let ordersUrl: string;
  let gateway: ApolloServer<{ authorization?: string }>;
  let gatewayUrl: string;
  const ordersTypeDefs = parse(`
    extend schema @link(url: "https://specs.apollo.dev/federation/v2.0", import: ["@key"])
    type Customer @key(fields: "externalId") {
      externalId: String!
      orders: [Order!]!
    }
    type Order {
      id: ID!
      amount: Float!
      customer: Customer
    }
    type Query {
      recentOrders: [Order!]!
    }
  `);
  const placed = [
    { id: 'o1', amount: 12.5, customerExternalId: 'fed-1' },
    { id: 'o2', amount: 30, customerExternalId: 'fed-2' },
    { id: 'o3', amount: 7, customerExternalId: 'fed-1' },
    { id: 'o4', amount: 99, customerExternalId: 'never-stored' },
  ];
  /** Authorization headers the orders subgraph received: the gateway forwards the caller's key to ours only. */
  const ordersAuthorizations: (string | undefined)[] = [];

  beforeAll(async () => {
    const toOrder = (o: (typeof placed)[number]) => ({ id: o.id, amount: o.amount, customer: { externalId: o.customerExternalId } });
    orders = new ApolloServer({
      plugins: [ApolloServerPluginInlineTraceDisabled()],
      schema: buildSubgraphSchema({
        typeDefs: ordersTypeDefs,
        resolvers: {
          Query: { recentOrders: () => placed.map(toOrder) },
          Customer: {
            __resolveReference: (ref: { externalId: string }) => ({ externalId: ref.externalId }),
            orders: (c: { externalId: string }) => placed.filter((o) => o.customerExternalId === c.externalId).map(toOrder),
          },
        },
      }),
    });
    ({ url: ordersUrl } = await startStandaloneServer(orders, {
      listen: { port: 0, host: '127.0.0.1' },
      context: async ({ req }) => { ordersAuthorizations.push(req.headers.authorization); return {}; },
    }));

    // Our SDL as a supergraph build would take it: from `_service { sdl }`.
    const ours = await post<{ _service: { sdl: string } }>(app.url, '{ _service { sdl } }', {}, `Bearer ${app.adminKey}`);
    const composed = composeServices([
      { name: 'customers', url: app.url, typeDefs: parse(ours.data!._service.sdl) },
      { name: 'orders', url: ordersUrl, typeDefs: ordersTypeDefs },
    ]);
    if (composed.errors) throw new Error(`composition failed: ${composed.errors.map((e) => e.message).join('; ')}`);
    gateway = new ApolloServer<{ authorization?: string }>({
      gateway: new ApolloGateway({
        supergraphSdl: composed.supergraphSdl,
        buildService: ({ url }) => new RemoteGraphQLDataSource<{ authorization?: string }>({
          url,
          willSendRequest({ request, context }) {
            // The caller's key goes to the customer subgraph only: it decides what the caller may see.
            if (url === app.url && context.authorization) request.http?.headers.set('authorization', context.authorization);
          },
        }),
      }),
    });
    const started = await startStandaloneServer(gateway, {
      listen: { port: 0, host: '127.0.0.1' },
      context: async ({ req }) => ({ authorization: req.headers.authorization }),
    });
    gatewayUrl = started.url;
  });
  afterAll(async () => {
    await gateway?.stop();
    await orders?.stop();
  });

  it('joins our customers with their orders from the other subgraph', async () => {
    const res = await post<{ customers: { edges: { node: { externalId: string; name: string | null; segments: { key: string }[]; orders: { id: string; amount: number }[] } }[] } }>(
      gatewayUrl,
      '{ customers(first: 3) { edges { node { externalId name segments { key } orders { id amount } } } } }',
      {}, `Bearer ${keys.reader}`,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.customers.edges.map((e) => e.node)).toEqual([
      { externalId: 'fed-0', name: 'Fed 0', segments: [{ key: 'gold' }], orders: [] },
      { externalId: 'fed-1', name: 'Fed 1', segments: [{ key: 'silver' }], orders: [{ id: 'o1', amount: 12.5 }, { id: 'o3', amount: 7 }] },
      { externalId: 'fed-2', name: 'Fed 2', segments: [{ key: 'gold' }], orders: [{ id: 'o2', amount: 30 }] },
    ]);
    expect(ordersAuthorizations.every((h) => h === undefined)).toBe(true);
  });

  it('resolves the customers the other subgraph refers to through our _entities, as the caller may see them', async () => {
    const query = '{ recentOrders { id customer { id externalId name email segments { key } } } }';
    type Orders = { recentOrders: { id: string; customer: { id: string; externalId: string; name: string | null; email: string | null; segments: { key: string }[] } | null }[] };
    const asReader = await post<Orders>(gatewayUrl, query, {}, `Bearer ${keys.reader}`);
    expect(asReader.errors).toBeUndefined();
    expect(asReader.data!.recentOrders.map((o) => [o.id, o.customer?.externalId ?? null, o.customer?.name ?? null])).toEqual([
      ['o1', 'fed-1', 'Fed 1'], ['o2', 'fed-2', 'Fed 2'], ['o3', 'fed-1', 'Fed 1'], ['o4', null, null],
    ]);
    expect(asReader.data!.recentOrders[1].customer).toEqual({ id: ids.get('fed-2'), externalId: 'fed-2', name: 'Fed 2', email: 'fed2@example.com', segments: [{ key: 'gold' }] });
    // A reference that names no customer of ours is null, not an error.
    expect(asReader.data!.recentOrders[3].customer).toBeNull();

    // The analyst's own key reached our service: personal fields masked for it.
    const asAnalyst = await post<Orders>(gatewayUrl, query, {}, `Bearer ${keys.analyst}`);
    expect(asAnalyst.errors).toBeUndefined();
    expect(asAnalyst.data!.recentOrders[1].customer).toMatchObject({ externalId: 'fed-2', name: null, email: expect.stringMatching(/^anon_/) });
  });

  it('gets nothing from our subgraph without the caller\'s credential', async () => {
    const res = await post<{ customers: unknown }>(gatewayUrl, '{ customers(first: 1) { edges { node { externalId } } } }');
    expect(res.data?.customers ?? null).toBeNull();
    expect(JSON.stringify(res.errors)).toMatch(/401|UNAUTHENTICATED/);
  });
});

describe('with introspection off', () => {
  let closed: TestApp;
  beforeAll(async () => { closed = await startTestApp({ GRAPHQL_INTROSPECTION: 'false' }); });
  afterAll(async () => { await closed?.close(); });

  it('refuses _service as it refuses introspection, and still resolves entities', async () => {
    const sdl = await post(closed.url, '{ _service { sdl } }', {}, `Bearer ${closed.adminKey}`);
    expect(sdl.status).toBe(400);
    expect(sdl.errors![0]).toMatchObject({ message: expect.stringContaining('schema/subgraph.graphql'), extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });
    const refs = await post<{ _entities: unknown[] }>(closed.url, ENTITIES, { representations: [{ __typename: 'Segment', key: 'none' }] }, `Bearer ${closed.adminKey}`);
    expect(refs.errors).toBeUndefined();
    expect(refs.data!._entities).toEqual([null]);
  });
});


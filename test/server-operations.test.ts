import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CustomerPageDocument, TooCostlyDocument, TooDeepDocument, TraitSearchDocument, UpsertCustomersDocument } from './generated/graphql';
import { startTestApp, type TestApp } from './support/test-app';

let app: TestApp;
beforeAll(async () => { app = await startTestApp(); });
afterAll(async () => { await app?.close(); });

describe('health and readiness', () => {
  it('answers /healthz and /readyz once migrations are applied', async () => {
    const health = await fetch(`${app.baseUrl}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${app.baseUrl}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready' });
  });
});

describe('explorer', () => {
  it('serves GraphiQL to a browser opening /graphql, every script and style from this server', async () => {
    const res = await fetch(app.url, { headers: { accept: 'text/html' } });
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page).not.toMatch(/https?:\/\//);
    const assets = [...page.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    expect(assets).toEqual(['/explorer/graphiql.css', '/explorer/react.js', '/explorer/react-dom.js', '/explorer/graphiql.js', '/explorer/start.js']);
    for (const asset of assets) {
      const a = await fetch(`${app.baseUrl}${asset}`);
      expect(a.status, asset).toBe(200);
      expect(a.headers.get('content-type'), asset).toMatch(asset.endsWith('.css') ? /^text\/css/ : /^text\/javascript/);
      expect((await a.text()).length, asset).toBeGreaterThan(100);
    }
  });
});

describe('requests', () => {
  it('echoes the caller\'s request id, or makes one', async () => {
    const mine = await app.gql(CustomerPageDocument, { first: 1 }, { 'x-request-id': 'trace-123' });
    expect(mine.headers.get('x-request-id')).toBe('trace-123');
    const made = await app.gql(CustomerPageDocument, { first: 1 });
    expect(made.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('refuses queries deeper than the depth limit and costlier than the cost limit', async () => {
    const deep = await app.gql(TooDeepDocument);
    expect(deep.errors![0].extensions!.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(deep.errors![0].message).toMatch(/depth/);
    const costly = await app.gql(TooCostlyDocument);
    expect(costly.errors![0].extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', maxCost: app.config.queryCostMax });
    expect(costly.data).toBeUndefined();
  });
});

describe('malformed requests', () => {
  it('get a JSON error without a stack trace', async () => {
    const res = await fetch(app.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${app.adminKey}` }, body: '{"query": ' });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { errors: { message: string; extensions: { code: string } }[] };
    expect(body.errors[0]).toEqual({ message: 'Request body is not valid JSON.', extensions: { code: 'BAD_REQUEST' } });
  });
});

describe('internal errors', () => {
  it('are masked: no SQL, no stack, a stable code', async () => {
    await app.ok(UpsertCustomersDocument, { input: [{ externalId: 'x1', traits: { tier: 'gold' } }] });
    // Break the database under the server to provoke a genuine internal failure.
    await app.ds.query('DROP TABLE customer_trait');
    const r = await app.gql(TraitSearchDocument, { filter: { traits: [{ key: 'tier', value: 'gold' }] } });
    expect(r.errors).toHaveLength(1);
    const e = r.errors![0];
    expect(e.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR' });
    expect(e.message).not.toMatch(/select|customer_trait|sqlite|mysql|at /i);
    expect(JSON.stringify(r)).not.toMatch(/stacktrace|SELECT/i);
  });
});

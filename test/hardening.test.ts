import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './support/test-app';

const post = (app: TestApp, query: string, headers: Record<string, string> = {}) =>
  fetch(app.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${app.adminKey}`, ...headers }, body: JSON.stringify({ query }) });

describe('a deployment (DATABASE_URL) by default', () => {
  let app: TestApp;
  // What a server on DATABASE_URL gets when GRAPHQL_INTROSPECTION and CORS_ORIGINS are not set.
  beforeAll(async () => { app = await startTestApp({ GRAPHQL_INTROSPECTION: '' }); });
  afterAll(() => app.close());

  it('answers no introspection, serves no explorer, and gives no "did you mean" hints', async () => {
    expect(app.config.introspection).toBe(false);
    const schema = await post(app, '{ __schema { types { name } } }');
    expect(schema.status).toBe(400);
    expect(JSON.stringify(await schema.json())).toContain('GRAPHQL_VALIDATION_FAILED');
    const page = await fetch(app.url, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(401);
    const typo = (await (await post(app, '{ customrs { totalCount } }')).json()) as { errors: { message: string }[] };
    expect(typo.errors[0]!.message).not.toContain('Did you mean');
    // With introspection on (the embedded demo), the hint is there: the check above means something.
    const open = await startTestApp({ GRAPHQL_INTROSPECTION: 'true' });
    const hinted = (await (await post(open, '{ customrs { totalCount } }')).json()) as { errors: { message: string }[] };
    await open.close();
    expect(hinted.errors[0]!.message).toContain('Did you mean "customers"');
  });

  it('sends no CORS headers: browsers on other origins cannot call it', async () => {
    const pre = await fetch(app.url, { method: 'OPTIONS', headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' } });
    expect(pre.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('AUTH_DISABLED=true', () => {
  it('lets anyone in as an admin, told apart by address for the budget and the audit log', async () => {
    const app = await startTestApp({ AUTH_DISABLED: 'true' });
    try {
      const res = await fetch(app.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ viewer { id roles } }' }) });
      const body = (await res.json()) as { data: { viewer: { id: string; roles: string[] } } };
      expect(body.data.viewer).toEqual({ id: expect.stringMatching(/^auth-disabled:(::ffff:)?127\.0\.0\.1$/), roles: ['ADMIN'] });
    } finally {
      await app.close();
    }
  });
});

describe('CORS_ORIGINS', () => {
  let app: TestApp;
  beforeAll(async () => { app = await startTestApp({ CORS_ORIGINS: 'https://app.example.com, https://bi.example.com' }); });
  afterAll(() => app.close());

  it('answers the preflight of a listed origin (without a credential) and no other', async () => {
    const ok = await fetch(app.url, { method: 'OPTIONS', headers: { origin: 'https://bi.example.com', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' } });
    expect(ok.status).toBe(204);
    expect(ok.headers.get('access-control-allow-origin')).toBe('https://bi.example.com');
    expect(ok.headers.get('access-control-allow-headers')).toContain('authorization');
    const other = await fetch(app.url, { method: 'OPTIONS', headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' } });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
    const call = await post(app, '{ viewer { id } }', { origin: 'https://app.example.com' });
    expect(call.status).toBe(200);
    expect(call.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
    expect(call.headers.get('access-control-expose-headers')).toContain('x-ratelimit-remaining');
  });
});

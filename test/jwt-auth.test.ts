import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { parse } from 'graphql';
import { exportJWK, generateKeyPair, type JWK, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './support/test-app';

// A stand-in for the company's identity provider: it publishes one signing key at /jwks.
const ISSUER = 'https://idp.example.test/';
const AUDIENCE = 'customer-graph';
let idp: http.Server;
let jwksUrl: string;
let sign: (claims: Record<string, unknown>, o?: { audience?: string; expiresIn?: string; issuer?: string }) => Promise<string>;
let app: TestApp;
let signingKey: Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];

beforeAll(async () => {
  const { privateKey, publicKey } = await generateKeyPair('ES256');
  signingKey = privateKey;
  const jwk: JWK = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'ES256', use: 'sig' };
  idp = http.createServer((req, res) => {
    res.setHeader('content-type', 'application/json');
    if (req.url === '/broken') res.statusCode = 500;
    res.end(JSON.stringify(req.url === '/broken' ? { error: 'down' } : { keys: [jwk] }));
  });
  await new Promise<void>((resolve) => idp.listen(0, '127.0.0.1', resolve));
  jwksUrl = `http://127.0.0.1:${(idp.address() as AddressInfo).port}/jwks`;
  sign = (claims, o = {}) => new SignJWT(claims).setProtectedHeader({ alg: 'ES256', kid: 'k1' }).setSubject(String(claims.sub ?? 'alice'))
    .setIssuer(o.issuer ?? ISSUER).setAudience(o.audience ?? AUDIENCE).setIssuedAt().setExpirationTime(o.expiresIn ?? '5m').sign(privateKey);
  app = await startTestApp({ AUTH_JWT_ISSUER: ISSUER, AUTH_JWT_AUDIENCE: AUDIENCE, AUTH_JWT_JWKS_URL: jwksUrl, AUTH_JWT_ROLES_CLAIM: 'realm_access.roles' });
});
afterAll(async () => {
  await app.close();
  idp.close();
});

async function call(token: string, query = '{ viewer { id roles } }') {
  const res = await fetch(app.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query }) });
  return { status: res.status, body: (await res.json()) as { data?: { viewer: { id: string; roles: string[] } }; errors?: { extensions: { code: string } }[] } };
}

describe('bearer tokens of an identity provider', () => {
  it('accepts a valid token, with the roles of the configured claim', async () => {
    const { status, body } = await call(await sign({ sub: 'alice', realm_access: { roles: ['analyst', 'offline_access'] } }));
    expect(status).toBe(200);
    expect(body.data!.viewer).toEqual({ id: `jwt:${ISSUER}#alice`, roles: ['ANALYST'] });
    const erase = await call(await sign({ sub: 'alice', realm_access: { roles: ['analyst'] } }), 'mutation { deleteCustomer(externalId: "x") { id } }');
    expect(erase.status).toBe(403);
  });

  it('lets a token with the monitor role scrape /metrics, and nothing of the graph', async () => {
    const token = await sign({ sub: 'prometheus', realm_access: { roles: ['monitor'] } });
    const scrape = await fetch(`${app.baseUrl}/metrics`, { headers: { authorization: `Bearer ${token}` } });
    expect(scrape.status).toBe(200);
    expect(scrape.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    expect((await call(token)).status).toBe(403);
    const reader = await fetch(`${app.baseUrl}/metrics`, { headers: { authorization: `Bearer ${await sign({ realm_access: { roles: ['reader'] } })}` } });
    expect(reader.status).toBe(403);
  });

  it('refuses with 401 a token that is expired, for another audience or issuer, forged, or without a known role', async () => {
    const other = await generateKeyPair('ES256');
    const forged = await new SignJWT({ realm_access: { roles: ['admin'] } }).setProtectedHeader({ alg: 'ES256', kid: 'k1' }).setSubject('mallory')
      .setIssuer(ISSUER).setAudience(AUDIENCE).setExpirationTime('5m').sign(other.privateKey);
    const tokens = {
      expired: await sign({ realm_access: { roles: ['admin'] } }, { expiresIn: '-10m' }),
      audience: await sign({ realm_access: { roles: ['admin'] } }, { audience: 'another-api' }),
      issuer: await sign({ realm_access: { roles: ['admin'] } }, { issuer: 'https://evil.example/' }),
      forged,
      noRole: await sign({ realm_access: { roles: ['offline_access'] } }),
      // Signed and valid but for `exp`: it would never expire.
      noExpiry: await new SignJWT({ realm_access: { roles: ['admin'] } }).setProtectedHeader({ alg: 'ES256', kid: 'k1' }).setSubject('eve')
        .setIssuer(ISSUER).setAudience(AUDIENCE).sign(signingKey),
    };
    for (const [what, token] of Object.entries(tokens)) {
      const { status, body } = await call(token);
      expect(status, what).toBe(401);
      expect(body.errors![0]!.extensions.code, what).toBe('UNAUTHENTICATED');
    }
  });

  it('keeps API keys working, and answers 503 AUTH_UNAVAILABLE when the identity provider cannot be reached', async () => {
    // Nothing listening, and a provider answering 500.
    for (const url of ['http://127.0.0.1:9/jwks', jwksUrl.replace('/jwks', '/broken')]) {
      const down = await startTestApp({ AUTH_JWT_ISSUER: ISSUER, AUTH_JWT_AUDIENCE: AUDIENCE, AUTH_JWT_JWKS_URL: url });
      try {
        const token = await sign({ roles: ['reader'] });
        const res = await fetch(down.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: '{"query":"{ viewer { id } }"}' });
        expect(res.status, url).toBe(503);
        expect(((await res.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe('AUTH_UNAVAILABLE');
        expect((await down.gql(parse('{ viewer { id } }'))).status).toBe(200);
      } finally {
        await down.close();
      }
    }
  });
});

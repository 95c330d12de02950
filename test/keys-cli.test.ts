import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './support/cli';
import { startTestApp, type TestApp } from './support/test-app';

let app: TestApp;

/** `npm run keys -- ...` as an operator runs it, on the database the server under test uses. */
const keys = (...args: string[]) => runCli('keys.cli.ts', args, app.config.database);

const viewer = async (key: string) => {
  const res = await fetch(app.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` }, body: '{"query":"{ viewer { id roles } }"}' });
  return { status: res.status, body: (await res.json()) as { data?: { viewer: { id: string; roles: string[] } } } };
};

beforeAll(async () => { app = await startTestApp(); });
afterAll(() => app.close());

describe('npm run keys', () => {
  it('creates a key shown once, lists it by prefix, and revokes it for the running server at once', async () => {
    const created = await keys('create', '--role', 'reader,writer', '--label', 'ingest service');
    expect(created.code).toBe(0);
    const key = /^ {4}(cgk_[\w-]+)$/m.exec(created.out)?.[1];
    expect(key).toBeDefined();
    const prefix = key!.slice(0, 12);
    expect(await viewer(key!)).toMatchObject({ status: 200, body: { data: { viewer: { id: prefix, roles: ['READER', 'WRITER'] } } } });

    const listed = await keys('list');
    expect(listed.out).toMatch(new RegExp(`${prefix}\\s+reader,writer\\s+\\S+\\s+\\S+\\s+ingest service`));
    expect(listed.out).not.toContain(key!.slice(12));

    expect((await keys('revoke', prefix)).code).toBe(0);
    expect((await viewer(key!)).status).toBe(401);
    expect((await keys('list')).out).not.toContain(prefix);
    expect((await keys('list', '--all')).out).toContain(prefix);

    const audit = await app.ds.query("SELECT operation, actor FROM audit_log WHERE actor = 'cli' ORDER BY id");
    expect(audit).toEqual([{ operation: 'createApiKey', actor: 'cli' }, { operation: 'revokeApiKey', actor: 'cli' }]);
  });

  it('creates a monitor key for Prometheus: it scrapes /metrics and reads nothing of the graph', async () => {
    const created = await keys('create', '--role', 'monitor', '--label', 'prometheus');
    expect(created.code).toBe(0);
    const key = /^ {4}(cgk_[\w-]+)$/m.exec(created.out)![1]!;
    const scrape = await fetch(`${app.baseUrl}/metrics`, { headers: { authorization: `Bearer ${key}` } });
    expect(scrape.status).toBe(200);
    expect(await scrape.text()).toContain('# TYPE customer_graph_graphql_requests_total counter');
    expect((await viewer(key)).status).toBe(403);
  });

  it('refuses an unknown role, a missing label and an unknown prefix with a message and a non-zero exit', async () => {
    const role = await keys('create', '--role', 'superuser', '--label', 'x');
    expect(role).toMatchObject({ code: 64, out: expect.stringContaining('--role: unknown role "superuser"; roles are reader, analyst, writer, monitor, admin') });
    const label = await keys('create', '--role', 'reader');
    expect(label).toMatchObject({ code: 64, out: expect.stringContaining('--label: a label of 1 to 200 characters is needed') });
    expect(await keys('revoke', 'cgk_nothere')).toMatchObject({ code: 1, out: expect.stringContaining('No key has the prefix "cgk_nothere"') });
    expect((await keys()).code).toBe(64);
  });
});

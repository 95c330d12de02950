import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role } from '../src/auth/roles';
import { AnRecordDocument, AnRefreshDocument, AnTableDocument, AnUpsertCustomersDocument, RuleAddMembersDocument, RuleDefineDocument } from './generated/graphql';
import { startTestApp, type TestApp } from './support/test-app';

let app: TestApp;
const N = 2345;

beforeAll(async () => {
  app = await startTestApp();
  for (let i = 0; i < N; i += 1000) {
    await app.ok(AnUpsertCustomersDocument, {
      input: Array.from({ length: Math.min(1000, N - i) }, (_, k) => ({ externalId: `ex-${i + k}`, name: `Name, "${i + k}"`, country: (i + k) % 3 ? 'VN' : 'DE', traits: { tier: (i + k) % 2 ? 'gold' : 'silver' } })),
    });
  }
  await app.ok(AnRecordDocument, {
    input: Array.from({ length: 600 }, (_, k) => ({ externalId: `ex-p-${k}`, customerExternalId: `ex-${k}`, occurredAt: new Date(Date.UTC(2026, k % 10, 1 + (k % 27))).toISOString(), type: 'PURCHASE' as const, amount: 10 + k, currency: 'USD' })),
  });
  await app.ok(AnRefreshDocument, {});
  await app.metrics.idle();
  await app.ok(RuleDefineDocument, { input: { key: 'picked', name: 'Picked' } });
  await app.ok(RuleAddMembersDocument, { key: 'picked', ids: ['ex-1', 'ex-5', 'ex-2000'] });
});
afterAll(async () => { await app?.close(); });

const get = (url: string, key = app.adminKey) => fetch(`${app.baseUrl}${url}`, { headers: { authorization: `Bearer ${key}` } });

describe('GET /export', () => {
  it('streams every customer as CSV with a header, the same rows as customerTable', async () => {
    const res = await get('/export/customers.csv');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    expect(res.headers.get('content-disposition')).toMatch(/attachment; filename="customers-\d{4}-\d{2}-\d{2}\.csv"/);
    const rows = parse(await res.text(), { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(N);
    const table = (await app.ok(AnTableDocument, { first: 5000 })).customerTable;
    expect(Object.keys(rows[0]!)).toEqual(table.columns);
    const byId = new Map((table.rows as Record<string, unknown>[]).map((r) => [String(r.externalId), r]));
    for (const r of rows) {
      const t = byId.get(r.externalId!)!;
      for (const c of table.columns) expect(r[c], `${r.externalId} ${c}`).toBe(t[c] === null ? '' : String(t[c]));
    }
    expect(rows.find((r) => r.externalId === 'ex-7')!.name).toBe('Name, "7"');
  });

  it('streams NDJSON with chosen columns and a filter, and a segment\'s members', async () => {
    const filter = encodeURIComponent(JSON.stringify({ country: ['DE'], traits: [{ key: 'tier', value: 'gold' }] }));
    const res = await get(`/export/customers.ndjson?columns=externalId,country,revenue,metrics.rfm,labels.rfm,traits.tier&filter=${filter}`);
    expect(res.headers.get('content-type')).toContain('application/x-ndjson');
    const lines = (await res.text()).trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    const want = Array.from({ length: N }, (_, i) => i).filter((i) => i % 3 === 0 && i % 2 === 1);
    expect(lines.map((l) => l.externalId)).toEqual(want.map((i) => `ex-${i}`));
    expect(Object.keys(lines[0]!)).toEqual(['externalId', 'country', 'revenue', 'metrics.rfm', 'labels.rfm', 'traits.tier']);
    expect(lines[1]).toMatchObject({ country: 'DE', 'traits.tier': 'gold', revenue: 10 + want[1]! });
    expect(typeof lines[1]!['metrics.rfm']).toBe('number');

    const members = (await (await get('/export/segments/picked/members.csv?columns=externalId')).text()).trim().split('\n');
    expect(members).toEqual(['externalId', 'ex-1', 'ex-5', 'ex-2000']);
  });

  it('authenticates like /graphql and applies the same personal-data rules and input checks', async () => {
    expect((await fetch(`${app.baseUrl}/export/customers.csv`)).status).toBe(401);
    const analyst = await app.createKey([Role.ANALYST]);
    const masked = (await (await get('/export/customers.csv', analyst)).text()).split('\n')[0]!;
    expect(masked.split(',')).not.toContain('name');
    const pii = await get('/export/customers.csv?columns=externalId,email', analyst);
    expect(pii.status).toBe(403);
    expect(((await pii.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe('FORBIDDEN');
    const search = await get(`/export/customers.csv?filter=${encodeURIComponent('{"search":"Name"}')}`, analyst);
    expect(search.status).toBe(403);
    const bad = await get(`/export/customers.csv?filter=${encodeURIComponent('{"country":"VN","party":["ROBOT"]}')}`);
    expect(bad.status).toBe(400);
    const body = (await bad.json()) as { errors: { message: string; extensions: { code: string } }[] };
    expect(body.errors[0]!.extensions.code).toBe('BAD_USER_INPUT');
    expect(body.errors[0]!.message).toContain('filter.party[0]');
    expect((await get('/export/customers.xlsx')).status).toBe(404);
  });
});

describe('the README recipe for BI tools', () => {
  const readme = fs.readFileSync(path.resolve(__dirname, '../README.md'), 'utf8');
  const recipe = /<!-- recipe: bi-export -->\n```sh\n([\s\S]*?)```/.exec(readme)?.[1];

  const has = (tool: string) => { try { execFileSync('bash', ['-c', `command -v ${tool}`]); return true; } catch { return false; } };
  it.runIf(has('curl') && has('python3'))('pulls the full customer table with metrics into a file a notebook reads', async () => {
    expect(recipe).toBeTruthy();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'recipe-'));
    // Asynchronously: the server answering curl runs in this process.
    const { stdout: out } = await promisify(execFile)('bash', ['-euo', 'pipefail', '-c', recipe!], {
      cwd: dir, env: { ...process.env, API: app.baseUrl, KEY: app.adminKey }, encoding: 'utf8',
    });
    const rows = parse(fs.readFileSync(path.join(dir, 'customers.csv')), { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(N);
    expect(Object.keys(rows[0]!)).toEqual(expect.arrayContaining(['externalId', 'revenue', 'metrics.clv', 'labels.rfm']));
    expect(out).toContain(`${N} customers`);
  });
});

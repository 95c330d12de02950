import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { databaseUrlOf } from './support/database-url';
import { writeMetricsConfig } from './support/metrics-config-file';
import { createTestDatabase } from './support/test-database';
import { startedProcesses, startProcess } from './support/server-process';

afterAll(() => startedProcesses.forEach((c) => c.kill('SIGKILL')));

let key = '';
const query = (port: number, q: string, authorization = `Bearer ${key}`) =>
  fetch(`http://127.0.0.1:${port}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization }, body: JSON.stringify({ query: q }) });

describe('the server process', () => {
  it('seeds the embedded default on first start only, then drains in-flight requests on SIGTERM', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cg-embedded-'));
    const port = 43_000 + Math.floor(Math.random() * 1000);
    const first = startProcess({ DATA_DIR: dataDir, PORT: String(port), DEMO_CUSTOMERS: '150', DATABASE_URL: '' });
    // The embedded default listens on the loopback interface only.
    await first.waitFor(/ready at http:\/\/127\.0\.0\.1:\d+\/graphql/);
    // Log lines are flushed asynchronously, possibly after the "ready" line on stdout.
    await first.waitFor(/seeding demo data/, 5_000);
    expect(first.output()).toMatch(/Database: SQLite \(embedded default\)/);
    // The first start made an admin key and printed it once.
    key = /^ {4}(cgk_[\w-]+)$/m.exec(first.output())?.[1] ?? '';
    expect(key).toMatch(/^cgk_[\w-]{43}$/);
    expect(first.output()).toContain(`Authorization: Bearer ${key}`);
    const anonymous = await query(port, '{ customers(first: 1) { totalCount } }', '');
    expect(anonymous.status).toBe(401);
    expect(((await anonymous.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe('UNAUTHENTICATED');
    const body = (await (await query(port, '{ customers(first: 1) { totalCount } }')).json()) as { data: { customers: { totalCount: number } } };
    expect(body.data.customers.totalCount).toBe(150);
    // The configured rfm plugin has never run on this database: startup refreshes it.
    let status = '';
    for (let i = 0; i < 100 && status !== 'SUCCEEDED'; i += 1) {
      const runs = (await (await query(port, '{ modelRuns(plugin: "rfm") { status customersScored } }')).json()) as { data: { modelRuns: { status: string; customersScored: number }[] } };
      status = runs.data.modelRuns[0]?.status ?? '';
      if (status !== 'SUCCEEDED') await new Promise((r) => setTimeout(r, 100));
    }
    expect(status).toBe('SUCCEEDED');
    const segments = (await (await query(port, '{ segments(kind: PLUGIN) { key size } }')).json()) as { data: { segments: { key: string; size: number }[] } };
    expect(segments.data.segments.length).toBeGreaterThan(5);

    // A request whose body is still arriving when SIGTERM lands is finished, not cut off.
    const payload = JSON.stringify({ query: '{ customers(first: 150) { edges { node { summary { revenue } } } } }' });
    const req = http.request({ host: '127.0.0.1', port, path: '/graphql', method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload), authorization: `Bearer ${key}` } });
    const response = new Promise<{ status: number; body: string }>((resolve, reject) => {
      req.on('response', (res) => {
        let body = '';
        res.on('data', (d) => { body += String(d); });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      });
      req.on('error', reject);
    });
    req.write(payload.slice(0, 20));
    await new Promise((r) => setTimeout(r, 300));
    first.child.kill('SIGTERM');
    await first.waitFor(/shutting down/);
    req.end(payload.slice(20));
    const res = await response;
    expect(res.status).toBe(200);
    expect((JSON.parse(res.body) as { data: { customers: { edges: unknown[] } } }).data.customers.edges).toHaveLength(150);
    expect(await first.exited).toBe(0);
    expect(first.output()).toContain('shutting down');

    const second = startProcess({ DATA_DIR: dataDir, PORT: String(port + 1), DEMO_CUSTOMERS: '150', DATABASE_URL: '' });
    await second.waitFor(/ready at/);
    expect(second.output()).not.toContain('seeding demo data');
    expect(second.output()).not.toContain('an admin API key was created');
    // The startup refresh is queued (as a QUEUED model run) right after listening; give it time to
    // appear, then check that the already-refreshed plugin got no new run.
    await new Promise((r) => setTimeout(r, 500));
    const runs = (await (await query(port + 1, '{ modelRuns(plugin: "rfm") { id status } }')).json()) as { data: { modelRuns: { id: string; status: string }[] } };
    expect(runs.data.modelRuns).toEqual([{ id: expect.any(String), status: 'SUCCEEDED' }]);
    expect(second.output()).not.toContain('metrics refreshed');
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('stops promptly on SIGTERM on the database under test, with its pool open', async () => {
    const db = await createTestDatabase();
    try {
      const url = databaseUrlOf(db.target);
      // No key exists on this database: only AUTH_DISABLED=true lets the server start, with a warning.
      const refused = startProcess({ DATABASE_URL: url, PORT: '0' });
      expect(await refused.exited).toBe(78);
      expect(refused.output()).toContain('Refusing to start: no API key exists');
      expect(refused.output()).not.toContain('ready at');
      const server = startProcess({ DATABASE_URL: url, PORT: '0', AUTH_DISABLED: 'true' });
      await server.waitFor(/ready at/);
      expect(server.output()).toContain('AUTH_DISABLED=true: authentication is off');
      const sent = Date.now();
      server.child.kill('SIGTERM');
      expect(await server.exited).toBe(0);
      // Well under SHUTDOWN_TIMEOUT_MS (10 s), which a stuck shutdown would wait out before exiting with 1.
      expect(Date.now() - sent).toBeLessThan(5_000);
      expect(server.output()).toContain('"msg":"stopped"');
    } finally {
      await db.drop();
    }
  });

  it('refuses to start, before listening, when the metric plugins are misconfigured', async () => {
    const bad = startProcess({ DATABASE_URL: 'sqlite::memory:', PORT: '0', METRICS_CONFIG: writeMetricsConfig({ plugins: ['spend-clv', 'flat-clv'], options: { 'spend-clv': { multiple: 0 } } }) });
    expect(await bad.exited).toBe(78);
    expect(bad.output()).toContain('clv: provided by both');
    expect(bad.output()).toContain('options.spend-clv.multiple');
    expect(bad.output()).not.toContain('ready at');
  });

  it('reports every configuration problem at once and does not start', async () => {
    const bad = startProcess({ PORT: 'abc', LOG_LEVEL: 'loud', PAGE_SIZE_MAX: '0', BASE_CURRENCY: 'dollars', DATABASE_URL: 'postgres://x' });
    expect(await bad.exited).toBe(78);
    const out = bad.output();
    for (const name of ['PORT', 'LOG_LEVEL', 'PAGE_SIZE_MAX', 'BASE_CURRENCY', 'DATABASE_URL']) expect(out).toContain(`${name}:`);
  });
});

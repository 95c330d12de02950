import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Role } from '../src/auth/roles';
import { createClient, CustomerGraphError, CustomerProfileDocument, SegmentsDocument } from '../sdk/src';
import { startTestApp, type TestApp } from './support/test-app';

// The client SDK (sdk/) and its example app (examples/client-app.ts), against the real server.

let app: TestApp;
beforeAll(async () => { app = await startTestApp(); });
afterAll(async () => { await app?.close(); });

const root = path.resolve(__dirname, '..');

it('runs the example app: a customer, two purchases, its profile read back', async () => {
  const writer = await app.createKey([Role.WRITER]);
  const { stdout } = await promisify(execFile)(path.join(root, 'node_modules/.bin/tsx'), ['examples/client-app.ts'], {
    cwd: root, env: { ...process.env, CUSTOMER_GRAPH_URL: app.url, CUSTOMER_GRAPH_KEY: writer, EXAMPLE_CUSTOMER: 'sdk-1' },
  });
  expect(stdout).toContain('customers: 1 created, 0 updated');
  expect(stdout).toContain('interactions: 2 recorded, 0 already there');
  expect(stdout).toContain('sdk-1: 2 purchases, revenue 52.5');
  // No refresh has run on this database: the profile says why there are no metrics.
  expect(stdout).toMatch(/no rfm \(NO_SERVED_RUN\)/);
});

it('types the results and reports errors with their stable code', async () => {
  const client = createClient({ url: app.url, key: app.adminKey });
  const { customer } = await client.request(CustomerProfileDocument, { externalId: 'sdk-1' });
  expect(customer?.summary.revenue).toBe(52.5);
  expect(Array.isArray((await client.request(SegmentsDocument)).segments)).toBe(true);
  const anonymous = createClient({ url: app.url, key: 'nope' });
  await expect(anonymous.request(SegmentsDocument)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  await expect(anonymous.request(SegmentsDocument)).rejects.toBeInstanceOf(CustomerGraphError);
});

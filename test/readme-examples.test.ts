import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'graphql';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './support/test-app';

// Every ```graphql block of the README runs, in order, against the real server without errors,
// so the documentation cannot drift from the API.
const readme = fs.readFileSync(path.resolve(__dirname, '../README.md'), 'utf8');
const blocks = [...readme.matchAll(/```graphql\n([\s\S]*?)```/g)].map((m) => m[1]);

let app: TestApp;
beforeAll(async () => { app = await startTestApp(); });
afterAll(async () => { await app?.close(); });

it('has examples', () => {
  expect(blocks.length).toBeGreaterThanOrEqual(3);
});

it.each(blocks.map((b, i) => [i, b]))('README example %i runs without errors', async (_i, block) => {
  const res = await fetch(app.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${app.adminKey}` }, body: JSON.stringify({ query: block }) });
  const body = (await res.json()) as { data?: unknown; errors?: unknown[] };
  expect(body.errors).toBeUndefined();
  expect(body.data).toBeTruthy();
  expect(parse(block as string).definitions.length).toBeGreaterThan(0);
});

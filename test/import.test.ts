import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './support/cli';
import { startTestApp, type TestApp } from './support/test-app';

const root = path.resolve(__dirname, '..');
let app: TestApp;
let dir: string;
beforeAll(async () => {
  app = await startTestApp();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'import-'));
});
afterAll(async () => { await app?.close(); });

/** `npm run import -- ...` as an operator runs it, on the server's database. */
const runImport = (...args: string[]) => runCli('import.cli.ts', args, app.config.database);
const count = async (table: string) => Number((await app.ds.query(`SELECT COUNT(*) AS n FROM ${table}`) as { n: unknown }[])[0]!.n);
const write = (name: string, text: string | Buffer) => {
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return file;
};

describe('npm run import', () => {
  it('imports the example files (CSV and NDJSON) idempotently, then refreshes the metrics', async () => {
    const ex = (f: string) => path.join(root, 'examples/import', f);
    const first = await runImport('--customers', ex('customers.csv'), '--relationships', ex('relationships.csv'), '--interactions', ex('interactions.csv'));
    expect(first.code, first.out).toBe(0);
    expect(first.out).toMatch(/customers \(.*\): 3 rows read, 3 inserted, 0 updated, 0 unchanged, 0 rejected/);
    expect(first.out).toMatch(/relationships \(.*\): 2 rows read, 2 inserted/);
    expect(first.out).toMatch(/interactions \(.*\): 5 rows read, 5 inserted/);
    expect(first.out).toMatch(/rfm: \d+ customers scored/);
    const ndjson = await runImport('--interactions', ex('interactions.ndjson'));
    expect(ndjson.out).toMatch(/interactions \(.*\): 2 rows read, 2 inserted/);

    const [ana] = await app.ds.query("SELECT c.country, c.consent_email AS consent, c.traits, c.stat_revenue AS revenue FROM customer c WHERE external_id = 'C-1'") as Record<string, unknown>[];
    expect(ana).toMatchObject({ country: 'BR' });
    expect(Boolean(Number(ana!.consent))).toBe(true);
    expect(JSON.parse(String(ana!.traits))).toEqual({ loyaltyTier: 'gold', walletEstimate: '2400' });
    expect(Number(ana!.revenue)).toBe(200.5);
    expect(await count('customer_link')).toBe(2);
    // The metrics are served without a manual refresh.
    expect(Number((await app.ds.query("SELECT COUNT(*) AS n FROM metric_value mv JOIN metric_current mc ON mc.run_id = mv.run_id WHERE mv.metric_key = 'rfm'") as { n: unknown }[])[0]!.n)).toBe(3);

    const again = await runImport('--customers', ex('customers.csv'), '--interactions', ex('interactions.csv'), '--no-refresh');
    expect(again.out).toMatch(/customers \(.*\): 3 rows read, 0 inserted, 0 updated, 3 unchanged/);
    expect(again.out).toMatch(/interactions \(.*\): 5 rows read, 0 inserted, 0 updated, 5 unchanged/);
    expect(again.out).not.toContain('Refreshing');
  });

  it('by default imports nothing of a file with bad rows and names every row, field and reason', async () => {
    const before = await count('interaction');
    const file = write('bad.csv', [
      'externalId,customerExternalId,occurredAt,type,amount,currency',
      'B-1,C-1,2026-01-01T00:00:00Z,PURCHASE,10,USD',
      'B-2,C-1,2026-01-02T00:00:00Z,PURCHASE,ten,USD',
      'B-3,NOBODY,2026-01-03T00:00:00Z,VISIT,,',
      'B-4,C-1,2026-01-04T00:00:00Z,PURCHASE,,',
      'B-5,C-1,yesterday,VISIT,,',
      'B-6,C-1,2026-01-06T00:00:00Z,TELEPATHY,,',
    ].join('\n'));
    const r = await runImport('--interactions', file);
    expect(r.code).toBe(2);
    expect(r.out).toContain('row 3, amount: "ten" is not a number');
    expect(r.out).toContain('row 4, customerExternalId: no customer has externalId "NOBODY"');
    expect(r.out).toContain('row 5, amount: is required for a PURCHASE');
    expect(r.out).toContain('row 6, occurredAt: "yesterday" is not an ISO-8601 time');
    expect(r.out).toMatch(/row 7, type: /);
    expect(r.out).toContain('nothing of it was imported');
    expect(await count('interaction')).toBe(before);
  });

  it('with --skip-invalid imports the good rows of a gzipped file and writes the bad ones with their reasons', async () => {
    const before = await count('interaction');
    const file = write('mixed.ndjson.gz', gzipSync([
      '{"externalId":"G-1","customerExternalId":"C-2","occurredAt":"2026-01-01T00:00:00Z","type":"VISIT"}',
      'not json',
      '{"externalId":"G-2","customerExternalId":"C-2","occurredAt":"2026-01-02T00:00:00Z","type":"PURCHASE","amount":-5}',
      '{"externalId":"T-1001","customerExternalId":"C-1","occurredAt":"2026-03-02T10:15:00Z","type":"PURCHASE","amount":999,"currency":"USD"}',
      '{"externalId":"G-3","customerExternalId":"C-2","occurredAt":"2026-01-03T00:00:00Z","type":"EMAIL","channel":"EMAIL"}',
    ].join('\n')));
    const rejects = path.join(dir, 'rejects.ndjson');
    const r = await runImport('--interactions', file, '--skip-invalid', '--rejects', rejects, '--no-refresh');
    expect(r.code, r.out).toBe(0);
    expect(r.out).toMatch(/interactions \(.*\): 5 rows read, 2 inserted, 0 updated, 0 unchanged, 3 rejected/);
    expect(await count('interaction')).toBe(before + 2);
    const bad = fs.readFileSync(rejects, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(bad.map((b) => b._row)).toEqual([2, 3, 4]);
    expect(bad[0]!._error).toBe('row 2: not valid JSON');
    expect(bad[1]).toMatchObject({ externalId: 'G-2', _error: 'row 3, amount: must be at least 0' });
    expect(String(bad[2]!._error)).toContain('already recorded with different content');

    const csvRejects = path.join(dir, 'rejects.csv');
    const csv = write('people.csv', 'externalId,country,consent.email\nP-1,VN,true\nP-2,Vietnam,true\nP-3,DE,maybe\n');
    const c = await runImport('--customers', csv, '--skip-invalid', '--rejects', csvRejects, '--no-refresh');
    expect(c.out).toMatch(/customers \(.*\): 3 rows read, 1 inserted, 0 updated, 0 unchanged, 2 rejected/);
    expect(parse(fs.readFileSync(csvRejects), { columns: true })).toEqual([
      { externalId: 'P-2', country: 'Vietnam', 'consent.email': 'true', error: 'row 3, country: must be an ISO 3166-1 alpha-2 code such as VN' },
      { externalId: 'P-3', country: 'DE', 'consent.email': 'maybe', error: 'row 4, consent.email: "maybe" is not true or false' },
    ]);
  });

  it('checks the file as a whole: an external id given twice (in different batches) or stored with other content is named, and stops the file', async () => {
    const acmeStats = async () => {
      const [acme] = await app.ds.query("SELECT stat_revenue AS revenue, stat_purchase_count AS purchases FROM customer WHERE external_id = 'ACME'") as Record<string, unknown>[];
      return [Number(acme!.revenue), Number(acme!.purchases)] as const;
    };
    const acmeBefore = await acmeStats();
    const before = await count('interaction');
    const file = write('repeats.csv', [
      'externalId,customerExternalId,occurredAt,type,amount,currency',
      'R-1,C-1,2026-01-01T00:00:00Z,PURCHASE,10,USD',
      'R-2,C-1,2026-01-02T00:00:00Z,VISIT,,',
      'R-3,ACME,2026-01-03T00:00:00Z,PURCHASE,7.25,USD',
      'R-1,C-1,2026-01-01T00:00:00Z,PURCHASE,10,USD',
      'T-1001,C-1,2026-03-02T10:15:00Z,PURCHASE,1,USD',
    ].join('\n'));
    const r = await runImport('--interactions', file, '--batch', '2');
    expect(r.code, r.out).toBe(2);
    expect(r.out).toContain('row 5, externalId: "R-1" is also on row 2: keep one');
    expect(r.out).toContain('row 6, externalId: "T-1001" was already recorded with different content; interactions are immutable');
    expect(await count('interaction')).toBe(before);

    const rejects = path.join(dir, 'repeats-rejects.csv');
    const ok = await runImport('--interactions', file, '--batch', '2', '--skip-invalid', '--rejects', rejects, '--no-refresh');
    expect(ok.code, ok.out).toBe(0);
    expect(ok.out).toMatch(/interactions \(.*\): 5 rows read, 3 inserted, 0 updated, 0 unchanged, 2 rejected/);
    expect(await count('interaction')).toBe(before + 3);
    expect((parse(fs.readFileSync(rejects), { columns: true }) as Record<string, string>[]).map((b) => [b.externalId, b.amount, b.error])).toEqual([
      ['R-1', '10', 'row 5, externalId: "R-1" is also on row 2: keep one'],
      ['T-1001', '1', 'row 6, externalId: "T-1001" was already recorded with different content; interactions are immutable'],
    ]);
    // The summaries of the customers the file named are up to date without a rebuild.
    expect(await acmeStats()).toEqual([acmeBefore[0] + 7.25, acmeBefore[1] + 1]);
    // Run again: every good row is unchanged, the same two are refused.
    const again = await runImport('--interactions', file, '--skip-invalid', '--no-refresh');
    expect(again.out).toMatch(/interactions \(.*\): 5 rows read, 0 inserted, 0 updated, 3 unchanged, 2 rejected/);
  });

  it('refuses what it cannot read, saying how to run it', async () => {
    expect((await runImport()).out).toContain('usage: npm run import');
    const r = await runImport('--customers', write('people.xlsx', 'x'));
    expect(r.code).toBe(1);
    expect(r.out).toContain('unknown format');
  });
});

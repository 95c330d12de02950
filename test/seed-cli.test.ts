import { afterAll, beforeAll, expect, it } from 'vitest';
import { AnCustomerStatsDocument } from './generated/graphql';
import { runCli } from './support/cli';
import { startTestApp, type TestApp } from './support/test-app';

let app: TestApp;
beforeAll(async () => { app = await startTestApp(); });
afterAll(async () => { await app?.close(); });

it('npm run seed leaves metrics and rule segments ready to read, without a manual refresh', async () => {
  const { code, out: stdout } = await runCli('seed.cli.ts', ['--customers', '150'], app.config.database);
  expect(code, stdout).toBe(0);
  expect(stdout).toMatch(/rfm: \d+ customers scored/);
  expect(stdout).toContain('4 rule segments re-evaluated');
  const stats = (await app.ok(AnCustomerStatsDocument, { groupBy: ['RFM_SEGMENT'], measures: ['COUNT', 'AVERAGE_CLV'] })).customerStats;
  expect(stats.filter((r) => r.rfmSegment !== null).reduce((n, r) => n + (r.count ?? 0), 0)).toBeGreaterThan(100);
  expect(stats.some((r) => r.averageClv !== null)).toBe(true);
  const rules = await app.ds.query("SELECT COUNT(*) AS n FROM segment WHERE kind = 'RULE' AND evaluated_at IS NOT NULL") as { n: unknown }[];
  expect(Number(rules[0]!.n)).toBe(4);
});

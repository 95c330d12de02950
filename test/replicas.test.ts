import { setTimeout as sleep } from 'node:timers/promises';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../src/auth/api-key.service';
import { Role } from '../src/auth/roles';
import { createLogger } from '../src/common/logger';
import { loadConfig } from '../src/config/config';
import { openDatabase } from '../src/db/open-database';
import { seedDemoData } from '../src/seed/seed-demo-data';
import { databaseUrlOf } from './support/database-url';
import { writeMetricsConfig } from './support/metrics-config-file';
import { type ServerProcess, startedProcesses, startProcess } from './support/server-process';
import { createTestDatabase, type TestDatabase } from './support/test-database';

// Several server processes (replicas) on one MariaDB database: one holds the refresh lease and
// runs every refresh, whichever replica it was asked on; a killed leader's lease passes on within
// the lease time and its refresh is run again; a paused leader's late writes are refused.
// MySQL/MariaDB only: replicas of the embedded SQLite file are not a supported deployment.

// Whatever a failed test left running.
afterAll(() => startedProcesses.forEach((c) => c.kill('SIGKILL')));

const LEASE_SECONDS = 3;
const CUSTOMERS = 300;

interface Replica { proc: ServerProcess; port: number }
interface Cluster { db: TestDatabase; ds: DataSource; key: string; replicas: Replica[] }

async function startCluster(count: number): Promise<Cluster> {
  const db = await createTestDatabase();
  const url = databaseUrlOf(db.target);
  const config = loadConfig({ DATABASE_URL: url, LOG_LEVEL: 'silent' });
  const ds = await openDatabase(db.target, createLogger('silent'));
  await seedDemoData(ds, config, { customers: CUSTOMERS, seed: 7 });
  const { key } = await createApiKey(ds, { roles: [Role.ADMIN], label: 'replicas test', createdBy: 'test' });
  // slow-clv's fit takes 2 s: a refresh is long enough to kill or pause its leader mid-run.
  const metrics = writeMetricsConfig({ plugins: ['rfm', 'slow-clv'], select: { clv: 'slow-clv' }, options: { 'slow-clv': { fitMillis: 2000 } }, refreshOnStart: true });
  const env = {
    DATABASE_URL: url, PORT: '0', HOST: '127.0.0.1', METRICS_CONFIG: metrics, REFRESH_LEASE_SECONDS: String(LEASE_SECONDS),
    REFRESH_POLL_MS: '200', REFRESH_GATHER_MS: '2000', SEGMENT_RULES_INTERVAL_MINUTES: '0',
  };
  const procs = Array.from({ length: count }, () => startProcess(env));
  const replicas = await Promise.all(procs.map(async (proc) => {
    await proc.waitFor(/ready at http:\/\/127\.0\.0\.1:\d+\/graphql/);
    return { proc, port: Number(/ready at http:\/\/127\.0\.0\.1:(\d+)\/graphql/.exec(proc.output())![1]) };
  }));
  return { db, ds, key, replicas };
}

async function stopCluster(c: Cluster | undefined): Promise<void> {
  if (!c) return;
  for (const r of c.replicas) r.proc.child.kill('SIGKILL');
  await c.ds.destroy();
  await c.db.drop();
}

async function gql<T>(c: Cluster, r: Replica, query: string): Promise<T> {
  const res = await fetch(`http://127.0.0.1:${r.port}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${c.key}` }, body: JSON.stringify({ query }) });
  const body = (await res.json()) as { data?: T; errors?: unknown[] };
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data!;
}

/** The replica holding the lease now (its pid is in the owner's name), or undefined. */
async function leader(c: Cluster): Promise<Replica | undefined> {
  const [row] = await c.ds.query('SELECT owner, expires_at_ms - CAST(UNIX_TIMESTAMP(NOW(3)) * 1000 AS SIGNED) AS left_ms FROM refresh_lease') as { owner: string | null; left_ms: number | string }[];
  if (!row?.owner || Number(row.left_ms) < 0) return undefined;
  return c.replicas.find((r) => row.owner!.includes(`/${r.proc.child.pid}/`));
}

async function until<T>(what: string, probe: () => Promise<T | undefined | false>, ms = 60_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

const runsByPlugin = async (c: Cluster) => Object.fromEntries((await c.ds.query(
  "SELECT plugin, SUM(status = 'SUCCEEDED') AS ok, SUM(status IN ('QUEUED', 'RUNNING')) AS open, COUNT(*) AS n FROM model_run GROUP BY plugin ORDER BY plugin",
) as { plugin: string; ok: string; open: string; n: string }[]).map((r) => [r.plugin, { succeeded: Number(r.ok), open: Number(r.open), all: Number(r.n) }]));

const allDone = async (c: Cluster) => Object.values(await runsByPlugin(c)).every((p) => p.open === 0);

/** Per plugin: the served run and how many customers it has values for. */
const served = async (c: Cluster) => Object.fromEntries((await c.ds.query(
  'SELECT mc.plugin, mc.run_id AS run, (SELECT COUNT(DISTINCT mv.customer_id) FROM metric_value mv WHERE mv.run_id = mc.run_id) AS customers FROM metric_current mc ORDER BY mc.plugin',
) as { plugin: string; run: number | string; customers: number | string }[]).map((r) => [r.plugin, { run: Number(r.run), customers: Number(r.customers) }]));

const refreshAsk = 'mutation { refreshMetrics(wait: false) { id plugin status } }';
type Asked = { refreshMetrics: { id: string; plugin: string; status: string }[] };

describe.skipIf(!process.env.TEST_DATABASE_URL)('three replicas on one MariaDB database', () => {
  let c: Cluster;
  beforeAll(async () => { c = await startCluster(3); }, 180_000);
  afterAll(() => stopCluster(c));

  it('elect one leader, which runs the startup refresh once for all of them', async () => {
    const first = await until('a leader', () => leader(c));
    await until('the startup refresh', async () => (await allDone(c)) && Object.keys(await runsByPlugin(c)).length === 2);
    expect(await runsByPlugin(c)).toEqual({ rfm: { succeeded: 1, open: 0, all: 1 }, 'slow-clv': { succeeded: 1, open: 0, all: 1 } });
    // The same leader all along, and only it ever took the lease.
    expect(await leader(c)).toBe(first);
    expect(c.replicas.filter((r) => r.proc.output().includes('took the refresh lease'))).toEqual([first]);
    // Each replica's /metrics says whether it leads: exactly one does.
    const gauges = await Promise.all(c.replicas.map(async (r) => {
      const text = await (await fetch(`http://127.0.0.1:${r.port}/metrics`, { headers: { authorization: `Bearer ${c.key}` } })).text();
      return Number(/^customer_graph_refresh_leader (\d+)$/m.exec(text)?.[1]);
    }));
    expect(gauges).toEqual(c.replicas.map((r) => (r === first ? 1 : 0)));
    // slow-clv values every customer but the internal ones (a few of the demo's).
    const values = await served(c);
    expect(values['slow-clv']!.customers).toBeGreaterThan(CUSTOMERS * 0.9);
    expect(values.rfm!.customers).toBeGreaterThan(CUSTOMERS / 2);
  });

  it('run twenty refreshMetrics calls spread across the replicas as one run per plugin', async () => {
    const answers = await Promise.all(Array.from({ length: 20 }, (_, k) => gql<Asked>(c, c.replicas[k % 3]!, refreshAsk)));
    const asked = new Set(answers.map((a) => a.refreshMetrics.map((r) => `${r.plugin}:${r.id}`).sort().join()));
    expect(asked.size).toBe(1);
    await until('the refresh', () => allDone(c));
    expect(await runsByPlugin(c)).toEqual({ rfm: { succeeded: 2, open: 0, all: 2 }, 'slow-clv': { succeeded: 2, open: 0, all: 2 } });
    const ids = answers[0]!.refreshMetrics.map((r) => Number(r.id));
    expect(Object.values(await served(c)).map((s) => s.run).sort()).toEqual(ids.sort());
  });

  it('hand the lease over within the lease time when the leader is killed mid-run, and run its refresh again to completion', async () => {
    const before = await served(c);
    const old = (await leader(c))!;
    const follower = c.replicas.find((r) => r !== old)!;
    const asked = (await gql<Asked>(c, follower, refreshAsk)).refreshMetrics;
    // Killed while the refresh runs (slow-clv fits for 2 s).
    await until('the refresh to start', async () => (await c.ds.query("SELECT COUNT(*) AS n FROM model_run WHERE status = 'RUNNING'") as { n: string }[])[0]!.n !== '0');
    old.proc.child.kill('SIGKILL');
    const killedAt = Date.now();
    const next = await until('a new leader', async () => { const now = await leader(c); return now !== old && now; }, 30_000);
    const handoverMs = Date.now() - killedAt;
    if (process.env.REPORT_HANDOVER) process.stdout.write(`lease handover after kill -9: ${handoverMs} ms (lease ${LEASE_SECONDS} s)\n`);
    expect(next).not.toBe(old);
    // At most the lease time, plus one poll and the test's own polling.
    expect(handoverMs).toBeLessThan(LEASE_SECONDS * 1000 + 1500);
    await until('the retried refresh', () => allDone(c));
    const runs = await c.ds.query(`SELECT id, plugin, status, error FROM model_run WHERE id >= ${Math.min(...asked.map((r) => Number(r.id)))} ORDER BY id`) as { id: number; plugin: string; status: string; error: string | null }[];
    const interrupted = runs.filter((r) => r.status === 'FAILED');
    expect(interrupted.length).toBeGreaterThan(0);
    for (const r of interrupted) expect(r.error).toMatch(/^interrupted: the replica running it \(.+\) stopped or lost the refresh lease; queued again$/);
    const after = await served(c);
    // Every plugin serves a new, complete run: as many customers as the previous one.
    for (const plugin of ['rfm', 'slow-clv']) {
      expect(after[plugin]!.run).toBeGreaterThan(before[plugin]!.run);
      expect(runs.find((r) => r.id === after[plugin]!.run)!.status).toBe('SUCCEEDED');
      expect(after[plugin]!.customers).toBe(before[plugin]!.customers);
    }
    // The survivors answer from the new values.
    const page = await gql<{ customers: { totalCount: number } }>(c, follower, '{ customers(first: 1) { totalCount } }');
    expect(page.customers.totalCount).toBe(CUSTOMERS);
    c.replicas = c.replicas.filter((r) => r !== old);
  });
});

describe.skipIf(!process.env.TEST_DATABASE_URL)('two replicas on one MariaDB database', () => {
  let c: Cluster;
  beforeAll(async () => { c = await startCluster(2); }, 180_000);
  afterAll(async () => {
    for (const r of c?.replicas ?? []) r.proc.child.kill('SIGCONT');
    await stopCluster(c);
  });

  it('refuse the writes of a leader paused past its lease: its successor\'s refresh stays served', async () => {
    await until('the startup refresh', async () => (await allDone(c)) && Object.keys(await runsByPlugin(c)).length === 2);
    const paused = (await leader(c))!;
    const other = c.replicas.find((r) => r !== paused)!;
    await gql<Asked>(c, other, refreshAsk);
    await until('the refresh to start', async () => (await c.ds.query("SELECT COUNT(*) AS n FROM model_run WHERE status = 'RUNNING'") as { n: string }[])[0]!.n !== '0');
    const stale = (await c.ds.query("SELECT id FROM model_run WHERE status = 'RUNNING' ORDER BY id") as { id: number }[]).map((r) => Number(r.id));
    paused.proc.child.kill('SIGSTOP');
    expect(await until('the other replica to lead', async () => (await leader(c)) === other, 30_000)).toBe(true);
    await until('the retried refresh', () => allDone(c));
    const successor = await served(c);
    // The paused leader wakes up mid-fit: it finds the lease gone, abandons its runs and writes nothing.
    paused.proc.child.kill('SIGCONT');
    await paused.proc.waitFor(/lost the refresh lease/, 20_000);
    await paused.proc.waitFor(/refresh abandoned: this replica lost the refresh lease/, 20_000);
    expect(await served(c)).toEqual(successor);
    const staleRuns = await c.ds.query(`SELECT status, error FROM model_run WHERE id IN (${stale.join(', ')})`) as { status: string; error: string }[];
    for (const r of staleRuns) {
      expect(r.status).toBe('FAILED');
      expect(r.error).toMatch(/^interrupted: /);
    }
    expect(await leader(c)).toBe(other);
    const refreshedLine = (id: number) => new RegExp(`"runId":${id},[^\n]*"msg":"metrics refreshed"`);
    // It never served one of its own runs (pino writes the message after the fields).
    for (const id of stale) expect(paused.proc.output()).not.toMatch(refreshedLine(id));
    expect(other.proc.output()).toMatch(refreshedLine(successor['slow-clv']!.run));
  });
});

describe.skipIf(!process.env.TEST_DATABASE_URL)('replicas starting together on a new database', () => {
  it('apply the migrations once, one replica after another, and all start', async () => {
    const db = await createTestDatabase();
    const env = { DATABASE_URL: databaseUrlOf(db.target), PORT: '0', HOST: '127.0.0.1', AUTH_DISABLED: 'true', SEGMENT_RULES_INTERVAL_MINUTES: '0' };
    const procs = [1, 2, 3].map(() => startProcess(env));
    try {
      await Promise.all(procs.map((p) => p.waitFor(/ready at http/)));
      expect(procs.filter((p) => p.output().includes('"msg":"migrations applied"'))).toHaveLength(1);
      const ds = await openDatabase(db.target, createLogger('silent'));
      const applied = await ds.query('SELECT name, COUNT(*) AS n FROM migrations GROUP BY name') as { name: string; n: number | string }[];
      await ds.destroy();
      expect(applied.length).toBeGreaterThan(10);
      expect(applied.every((m) => Number(m.n) === 1)).toBe(true);
    } finally {
      for (const p of procs) p.child.kill('SIGKILL');
      await db.drop();
    }
  }, 120_000);
});

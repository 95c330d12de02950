import { type ChildProcess, execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { setTimeout as sleep } from 'node:timers/promises';
import mysql from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MysqlTarget } from '../src/config/database-url';
import type { ReplicaStatus } from '../src/server/read-routing';
import { CustomerByExternalIdDocument, UpsertCustomersDocument } from './generated/graphql';
import { startTestApp, type TestApp } from './support/test-app';

// A MariaDB primary (binary log, server_id 1) and its replica (server_id 2) of the test's own, on
// free ports in temporary directories; the server writes to the primary and reads query operations
// from the replica. It needs MariaDB's binaries, not the pass's database, so it runs in both passes
// (about 10 s); without the binaries it fails saying so.
const SEARCHED = [...(process.env.PATH ?? '').split(path.delimiter), '/usr/sbin', '/usr/local/sbin', '/usr/local/mysql/bin'];

function binary(name: string): string {
  const found = SEARCHED.map((d) => path.join(d, name)).find((p) => fs.existsSync(p));
  if (!found) throw new Error(`${name} not found (looked in PATH, /usr/sbin, /usr/local/sbin, /usr/local/mysql/bin): the read replica test starts MariaDB servers of its own, so MariaDB 10.5+ must be installed`);
  return found;
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cg-replica-'));
const servers = new Map<string, ChildProcess>();
let primaryPort = 0;
let replicaPort = 0;
let app: TestApp;
let database = '';

/** Two ports free now, taken together so that they differ. */
async function twoFreePorts(): Promise<[number, number]> {
  const listeners = await Promise.all([0, 1].map(() => new Promise<net.Server>((resolve, reject) => {
    const s = net.createServer().once('error', reject).listen(0, '127.0.0.1', () => resolve(s));
  })));
  const ports = listeners.map((s) => (s.address() as net.AddressInfo).port);
  await Promise.all(listeners.map((s) => new Promise((resolve) => s.close(resolve))));
  return [ports[0]!, ports[1]!];
}

/** The end of a server's own log, for a failure message. */
const logTail = (name: string) => fs.readFileSync(path.join(dir, `${name}.log`), 'utf8').split('\n').slice(-15).join('\n');

async function until<T>(what: string, check: () => Promise<T | undefined | false>, ms = 20_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await check().catch(() => undefined);
    if (value) return value;
    if (Date.now() - started > ms) throw new Error(`${what}: not within ${ms} ms`);
    await sleep(100);
  }
}

async function sql<T = Record<string, unknown>>(port: number, statement: string, params: unknown[] = [], db?: string): Promise<T[]> {
  const c = await mysql.createConnection({ host: '127.0.0.1', port, user: 'root', database: db });
  try {
    return (await c.query(statement, params))[0] as T[];
  } finally {
    await c.end();
  }
}

function startMariaDb(name: 'primary' | 'replica', port: number, extra: string[]): void {
  const log = fs.openSync(path.join(dir, `${name}.log`), 'a');
  servers.set(name, spawn(binary('mariadbd'), ['--no-defaults', `--datadir=${dir}/${name}`, `--port=${port}`, '--bind-address=127.0.0.1',
    `--socket=${dir}/${name}.sock`, `--pid-file=${dir}/${name}.pid`, `--tmpdir=${dir}/${name}-tmp`, '--user=root', '--innodb-buffer-pool-size=32M',
    '--character-set-server=utf8mb4', '--skip-name-resolve', ...extra], { stdio: ['ignore', log, log] }));
  fs.closeSync(log);
}
const startReplica = () => startMariaDb('replica', replicaPort, ['--server-id=2', '--read-only']);

async function replicationRunning(): Promise<boolean> {
  const [s] = await sql(replicaPort, 'SHOW REPLICA STATUS');
  return s?.Slave_IO_Running === 'Yes' && s.Slave_SQL_Running === 'Yes';
}

async function readyz(on = app): Promise<{ status: number; body: { status: string; readReplica?: ReplicaStatus } }> {
  const res = await fetch(`${on.baseUrl}/readyz`);
  return { status: res.status, body: await res.json() as { status: string; readReplica?: ReplicaStatus } };
}
const replicaServing = (serving: boolean, on = app) => async () => ((await readyz(on)).body.readReplica?.serving === serving);

/** The customer's name as a GraphQL query operation reads it. */
async function queriedName(externalId: string, on = app): Promise<string | null | undefined> {
  return (await on.ok(CustomerByExternalIdDocument, { externalId })).customer?.name;
}
async function nameOn(port: number, externalId: string, db = database): Promise<string | undefined> {
  return (await sql<{ name: string }>(port, 'SELECT name FROM customer WHERE external_id = ?', [externalId], db))[0]?.name;
}
/** A server over a fresh database on the primary, reading from the replica. */
function startReplicatedApp(onDatabase: (name: string) => void = () => {}): Promise<TestApp> {
  return startTestApp((db) => {
    const name = (db as MysqlTarget).database;
    onDatabase(name);
    return { DATABASE_READ_URL: `mysql://reader:reader-pw@127.0.0.1:${replicaPort}/${name}`, RATE_LIMIT_POINTS: '0' };
  });
}

describe('read replica (DATABASE_READ_URL) on MariaDB primary/replica servers of the test\'s own', () => {
  beforeAll(async () => {
    const install = binary('mariadb-install-db');
    [primaryPort, replicaPort] = await twoFreePorts();
    // Each its own tmpdir: bootstraps sharing one were seen to crash (signal 11) now and then.
    await Promise.all(['primary', 'replica'].map((name) => {
      fs.mkdirSync(`${dir}/${name}-tmp`);
      return promisify(execFile)(install, ['--no-defaults', `--datadir=${dir}/${name}`, `--tmpdir=${dir}/${name}-tmp`, '--user=root',
        '--auth-root-authentication-method=normal', '--skip-test-db']);
    }));
    startMariaDb('primary', primaryPort, ['--server-id=1', `--log-bin=${dir}/primary/binlog`, '--binlog-format=ROW']);
    startReplica();
    await until('both MariaDB servers answering', async () => (await sql(primaryPort, 'SELECT 1')) && (await sql(replicaPort, 'SELECT 1')))
      .catch((e: Error) => { throw new Error(`${e.message}\nprimary:\n${logTail('primary')}\nreplica:\n${logTail('replica')}`); });
    // Users are made on the primary and replicated: `repl` for the replica, `reader` for the server's reads (SELECT only).
    for (const statement of [
      "CREATE USER 'repl'@'127.0.0.1' IDENTIFIED BY 'repl-pw'",
      "GRANT REPLICATION SLAVE ON *.* TO 'repl'@'127.0.0.1'",
      "CREATE USER 'reader'@'127.0.0.1' IDENTIFIED BY 'reader-pw'",
      "GRANT SELECT, REPLICA MONITOR ON *.* TO 'reader'@'127.0.0.1'",
    ]) await sql(primaryPort, statement);
    await sql(replicaPort, `CHANGE MASTER TO MASTER_HOST = '127.0.0.1', MASTER_PORT = ${primaryPort}, MASTER_USER = 'repl', MASTER_PASSWORD = 'repl-pw', MASTER_USE_GTID = slave_pos`);
    await sql(replicaPort, 'START SLAVE');
    await until('replication running', replicationRunning);

    process.env.TEST_DATABASE_URL = `mysql://root@127.0.0.1:${primaryPort}/any`; // this file's process only
    app = await startReplicatedApp((name) => { database = name; });
    // The replica serves once it has replayed the migrations the server just ran on the primary.
    await until('the replica serving queries', replicaServing(true));
  });

  afterAll(async () => {
    await app?.close().catch(() => undefined);
    for (const server of servers.values()) server.kill('SIGKILL');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('reads query operations and exports from the replica, and mutations from the primary', async () => {
    await app.ok(UpsertCustomersDocument, { input: [{ externalId: 'marked', name: 'Written on the primary' }] });
    await until('the customer replicated', async () => (await nameOn(replicaPort, 'marked')) === 'Written on the primary');
    // A marker only the replica has (root is not held back by read_only).
    await sql(replicaPort, 'UPDATE customer SET name = ? WHERE external_id = ?', ['Only on the replica', 'marked'], database);

    expect(await queriedName('marked')).toBe('Only on the replica');
    const exported = await fetch(`${app.baseUrl}/export/customers.ndjson?columns=externalId,name`, { headers: { authorization: `Bearer ${app.adminKey}` } });
    expect((await exported.text()).trim().split('\n').map((l) => JSON.parse(l) as unknown)).toEqual([{ externalId: 'marked', name: 'Only on the replica' }]);
    // The same content sent again: the mutation compares with, and returns, the primary's row.
    const again = await app.ok(UpsertCustomersDocument, { input: [{ externalId: 'marked', name: 'Written on the primary' }] });
    expect(again.upsertCustomers).toMatchObject({ unchanged: 1, updated: 0, customers: [{ externalId: 'marked', name: 'Written on the primary' }] });
  });

  it('returns a mutation\'s own write while replication is stopped, and sends queries to the primary until it runs again', async () => {
    await sql(replicaPort, 'STOP SLAVE');
    const written = await app.ok(UpsertCustomersDocument, { input: [{ externalId: 'fresh', name: 'Fresh' }] });
    expect(written.upsertCustomers).toMatchObject({ created: 1, customers: [{ externalId: 'fresh', name: 'Fresh' }] });
    expect(await nameOn(replicaPort, 'fresh')).toBeUndefined();

    // A stopped replica falls further behind every second: queries go to the primary.
    await until('the replica left out', replicaServing(false), 10_000);
    expect((await readyz())).toMatchObject({ status: 200, body: { status: 'ready', readReplica: { serving: false, reason: expect.stringMatching(/replication is not running/) } } });
    expect(await queriedName('fresh')).toBe('Fresh');
    expect(await queriedName('marked')).toBe('Written on the primary');

    await sql(replicaPort, 'START SLAVE');
    await until('the replica serving again', replicaServing(true), 10_000);
    expect(await queriedName('marked')).toBe('Only on the replica');
    expect(await queriedName('fresh')).toBe('Fresh');
  });

  it('answers queries from the primary while the replica is down (never an internal error), and from the replica once it is back', async () => {
    servers.get('replica')!.kill('SIGKILL');
    const killedAt = Date.now();
    const outcomes = new Set<string>();
    const movedAt = await until('queries answered by the primary', async () => {
      const r = await app.gql(CustomerByExternalIdDocument, { externalId: 'marked' });
      outcomes.add(r.errors ? `${r.status} ${String(r.errors[0]?.extensions?.code)}` : `${r.status} ${r.data?.customer?.name}`);
      return r.data?.customer?.name === 'Written on the primary' && Date.now();
    }, 10_000);
    // Before the server knew: the replica's answer or a retryable 503; after: the primary's.
    expect([...outcomes].filter((o) => !['200 Only on the replica', '503 SERVICE_UNAVAILABLE', '200 Written on the primary'].includes(o))).toEqual([]);
    expect(await readyz()).toMatchObject({ status: 200, body: { status: 'ready', readReplica: { serving: false, reason: expect.stringMatching(/unreachable/) } } });
    expect(await queriedName('marked')).toBe('Written on the primary');
    expect((await app.ok(UpsertCustomersDocument, { input: [{ externalId: 'while-down', name: 'While down' }] })).upsertCustomers.created).toBe(1);

    const restartedAt = Date.now();
    startReplica();
    await until('the replica serving again', replicaServing(true), 30_000);
    process.stdout.write(`read replica: queries on the primary ${movedAt - killedAt} ms after the replica was killed (answers meanwhile: ${[...outcomes].join(', ')}); `
      + `back on the replica ${Date.now() - restartedAt} ms after its restart began\n`);
    expect(await queriedName('marked')).toBe('Only on the replica');
    expect(await queriedName('while-down')).toBe('While down');
  });

  it('starts while the replica is down, reading from the primary, and reads from the replica once it is up', async () => {
    servers.get('replica')!.kill('SIGKILL');
    await until('the replica down', async () => !(await sql(replicaPort, 'SELECT 1').then(() => true, () => false)), 10_000);
    let late = '';
    const other = await startReplicatedApp((name) => { late = name; });
    try {
      expect(await readyz(other)).toMatchObject({ status: 200, body: { status: 'ready', readReplica: { serving: false, reason: 'unreachable' } } });
      await other.ok(UpsertCustomersDocument, { input: [{ externalId: 'late', name: 'Written on the primary' }] });
      expect(await queriedName('late', other)).toBe('Written on the primary');

      startReplica();
      await until('the late server reading from the replica', replicaServing(true, other), 30_000);
      await until('its customer replicated', async () => (await nameOn(replicaPort, 'late', late)) === 'Written on the primary');
      await sql(replicaPort, 'UPDATE customer SET name = ? WHERE external_id = ?', ['Only on the replica', 'late'], late);
      expect(await queriedName('late', other)).toBe('Only on the replica');
    } finally {
      await other.close();
    }
  });
});

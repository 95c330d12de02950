import { DataSource } from 'typeorm';
import { afterEach, expect, it } from 'vitest';
import { serialiseTransactions } from './serial-transactions';

let ds: DataSource | undefined;
afterEach(async () => { await ds?.destroy(); });

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

it('keeps concurrent SQLite transactions apart: a rollback undoes its own writes only', async () => {
  ds = await new DataSource({ type: 'better-sqlite3', database: ':memory:' }).initialize();
  serialiseTransactions(ds);
  await ds.query('CREATE TABLE t (v TEXT)');
  const failing = ds.transaction(async (m) => {
    await m.query("INSERT INTO t VALUES ('a1')");
    await tick();
    await m.query("INSERT INTO t VALUES ('a2')");
    throw new Error('rejected batch');
  });
  const passing = ds.transaction(async (m) => {
    await m.query("INSERT INTO t VALUES ('b1')");
    await tick();
    await m.query("INSERT INTO t VALUES ('b2')");
  });
  await expect(failing).rejects.toThrow('rejected batch');
  await passing;
  // Interleaved on the one connection, the second would have been a savepoint of the first:
  // the rollback took b1 with it and a1 was committed by the other's COMMIT.
  expect((await ds.query('SELECT v FROM t ORDER BY v') as { v: string }[]).map((r) => r.v)).toEqual(['b1', 'b2']);
});

import type { DataSource, QueryRunner } from 'typeorm';
import { yieldIfBusy } from '../compute/yield-if-busy';

/**
 * Gives the event loop a turn before a SQLite statement once the current synchronous stretch has
 * run past its budget (see yieldIfBusy). better-sqlite3 runs every statement on the request
 * thread, and TypeORM's `await` of one resolves without letting timers or sockets in, so a
 * refresh's reads and writes would otherwise run back to back and hold `/healthz` for as long.
 *
 * Never inside a transaction: there the one connection is shared with every other caller, which
 * would then read the transaction's uncommitted rows or slip its own writes into it.
 */
export function yieldBeforeStatements(ds: DataSource): void {
  const driver = ds.driver;
  const create = driver.createQueryRunner.bind(driver);
  const patched = new WeakSet<QueryRunner>();
  driver.createQueryRunner = (mode) => {
    // The driver hands out one runner for the one connection; it is wrapped once.
    const runner = create(mode);
    if (patched.has(runner)) return runner;
    patched.add(runner);
    const query = runner.query.bind(runner) as (...args: unknown[]) => Promise<unknown>;
    runner.query = (async (...args: unknown[]) => {
      if (!runner.isTransactionActive) await yieldIfBusy();
      return query(...args);
    }) as QueryRunner['query'];
    return runner;
  };
}

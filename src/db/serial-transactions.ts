import type { DataSource, EntityManager } from 'typeorm';

/**
 * Makes the data source run its transactions one after another. For SQLite only: TypeORM gives
 * every caller the one better-sqlite3 connection, so two transactions started by concurrent
 * requests would nest as savepoints of each other (one's rollback undoing the other's writes, an
 * erasure landing in the middle of an upsert). SQLite writes one transaction at a time anyway;
 * this makes the code wait its turn instead of interleaving.
 *
 * Covers `ds.transaction` and `ds.manager.transaction`. A transaction must not start another
 * through the data source (it would wait for itself): nested work uses the manager it was given.
 */
export function serialiseTransactions(ds: DataSource): void {
  const manager = ds.manager;
  const run = manager.transaction.bind(manager) as (...args: unknown[]) => Promise<unknown>;
  let tail: Promise<unknown> = Promise.resolve();
  manager.transaction = ((...args: unknown[]) => {
    const turn = tail.then(() => run(...args));
    tail = turn.catch(() => undefined);
    return turn;
  }) as EntityManager['transaction'];
}

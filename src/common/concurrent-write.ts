import { backOff } from 'exponential-backoff';
import type { DataSource, EntityManager } from 'typeorm';
import { isLockConflict } from '../db/lock-conflict';
import { isUniqueViolation } from '../db/unique-violation';
import { ErrorCode } from '../graphql/errors';
import { batchError } from './validate-batch';
import { isMysql } from '../db/dialect';

/** How often a write transaction that lost a lock race is run again, in all, before the client is told. */
export const WRITE_ATTEMPTS = 5;

/** What a write transaction writes, for the CONFLICT a client gets when it could not. */
export interface WriteTarget {
  /** What the batch holds, in the plural: "customers", "segment members". */
  what: string;
  /** The argument the error points at (default `input`), and the field when there is one. */
  arg?: string;
  field?: string;
}

/**
 * A unique-key violation, deadlock or lock-wait timeout inside an ingest transaction means other
 * requests wrote the same records at the same time; the client gets a CONFLICT telling it to
 * retry (nothing of this batch was written). Any other error passes through unchanged.
 */
export function concurrentWriteError(err: unknown, target: WriteTarget): unknown {
  const { what, arg = 'input', field } = target;
  if (isUniqueViolation(err)) {
    return batchError([{ field, message: `another request wrote one of these ${what} at the same time; retry the batch` }], arg, ErrorCode.CONFLICT);
  }
  if (isLockConflict(err)) {
    return batchError([{ field, message: `other requests kept writing these ${what} at the same time; retry the batch` }], arg, ErrorCode.CONFLICT);
  }
  return err;
}

/**
 * Runs `work` in one transaction, and runs it again (a fresh transaction, a few times, after a
 * short random wait) when it lost a lock race: a deadlock or lock-wait timeout on MySQL/MariaDB,
 * a busy database on SQLite, or a unique key another transaction took first (the next attempt
 * reads that row). The one place every write transaction of the API goes through. When every
 * attempt lost, the client gets a CONFLICT naming `target.what`; nothing was written.
 *
 * On MySQL/MariaDB the transaction is READ COMMITTED: writers lock the rows they own first (the
 * customers, the segment), and a read after the lock must see what the previous holder committed,
 * where REPEATABLE READ would keep showing the snapshot taken before the wait (a summary recomputed
 * without the interactions a concurrent batch just added). It also takes no gap locks, the usual
 * cause of deadlocks between batches inserting new keys. SQLite runs one transaction at a time.
 *
 * `work` must be safe to run more than once: everything it decides is read inside it.
 */
export async function writeTransaction<T>(ds: DataSource, target: WriteTarget, work: (m: EntityManager) => Promise<T>): Promise<T> {
  const mysql = isMysql(ds);
  const attempt = () => (mysql ? ds.transaction('READ COMMITTED', work) : ds.transaction(work));
  try {
    return await backOff(attempt, {
      numOfAttempts: WRITE_ATTEMPTS,
      startingDelay: 20,
      timeMultiple: 3,
      maxDelay: 1000,
      // Random waits keep two losers of the same race from colliding again.
      jitter: 'full',
      retry: (err: unknown) => isLockConflict(err) || isUniqueViolation(err),
    });
  } catch (err) {
    throw concurrentWriteError(err, target);
  }
}

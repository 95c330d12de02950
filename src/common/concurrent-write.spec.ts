import { GraphQLError } from 'graphql';
import { type DataSource, QueryFailedError } from 'typeorm';
import { describe, expect, it } from 'vitest';
import { isLockConflict } from '../db/lock-conflict';
import { WRITE_ATTEMPTS, writeTransaction } from './concurrent-write';

/** A driver error as TypeORM wraps it. */
const driverError = (code: string, errno?: number) => new QueryFailedError('SQL', [], Object.assign(new Error(code), { code, errno }));
const deadlock = () => driverError('ER_LOCK_DEADLOCK', 1213);

/** A data source whose transactions fail with the given errors, in turn, then run the work. */
function flakyDataSource(type: 'mysql' | 'better-sqlite3', failures: Error[]) {
  const calls: unknown[][] = [];
  const ds = {
    options: { type },
    async transaction(...args: unknown[]) {
      calls.push(args);
      const failure = failures.shift();
      if (failure) throw failure;
      const work = args[args.length - 1] as (m: unknown) => Promise<unknown>;
      return work({});
    },
  };
  return { ds: ds as unknown as DataSource, calls };
}

describe('isLockConflict', () => {
  it('knows deadlocks, lock-wait timeouts and a busy SQLite database, and nothing else', () => {
    expect(isLockConflict(deadlock())).toBe(true);
    expect(isLockConflict(driverError('ER_LOCK_WAIT_TIMEOUT', 1205))).toBe(true);
    expect(isLockConflict(driverError('SQLITE_BUSY'))).toBe(true);
    expect(isLockConflict(driverError('SQLITE_BUSY_SNAPSHOT'))).toBe(true);
    expect(isLockConflict(driverError('ER_DUP_ENTRY', 1062))).toBe(false);
    expect(isLockConflict(new Error('boom'))).toBe(false);
  });
});

describe('writeTransaction', () => {
  it('runs the transaction again after a deadlock or lock-wait timeout, READ COMMITTED on MySQL', async () => {
    const { ds, calls } = flakyDataSource('mysql', [deadlock(), driverError('ER_LOCK_WAIT_TIMEOUT', 1205)]);
    await expect(writeTransaction(ds, { what: 'customers' }, async () => 'done')).resolves.toBe('done');
    expect(calls).toHaveLength(3);
    expect(calls[0][0]).toBe('READ COMMITTED');
  });

  it('runs it again after a unique key taken by a concurrent writer', async () => {
    const { ds, calls } = flakyDataSource('better-sqlite3', [driverError('SQLITE_CONSTRAINT_UNIQUE')]);
    await expect(writeTransaction(ds, { what: 'customers' }, async () => 1)).resolves.toBe(1);
    expect(calls).toHaveLength(2);
    expect(typeof calls[0][0]).toBe('function');
  });

  it('gives up after a bounded number of attempts with a coded CONFLICT naming what was written', async () => {
    const { ds, calls } = flakyDataSource('mysql', Array.from({ length: WRITE_ATTEMPTS }, deadlock));
    const err = await writeTransaction(ds, { what: 'segment members', arg: 'customerExternalIds' }, async () => 1).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GraphQLError);
    expect((err as GraphQLError).extensions.code).toBe('CONFLICT');
    expect((err as GraphQLError).message).toMatch(/^customerExternalIds: .*segment members.*retry.*Nothing was written\.$/);
    expect(calls).toHaveLength(WRITE_ATTEMPTS);
  });

  it('never repeats a transaction that failed for any other reason', async () => {
    const refusal = new GraphQLError('input[0].email: must be a well-formed email address');
    const { ds, calls } = flakyDataSource('mysql', [refusal]);
    await expect(writeTransaction(ds, { what: 'customers' }, async () => 1)).rejects.toBe(refusal);
    expect(calls).toHaveLength(1);
  });
});

import type { DataSource } from 'typeorm';
import { isMysql } from '../db/dialect';
import { userError, ErrorCode } from '../graphql/errors';

/** Caches whether the server is MariaDB (SET STATEMENT max_statement_time) or MySQL (the MAX_EXECUTION_TIME hint). */
const flavours = new WeakMap<DataSource, Promise<'mariadb' | 'mysql'>>();

function flavour(ds: DataSource): Promise<'mariadb' | 'mysql'> {
  let f = flavours.get(ds);
  if (!f) {
    f = (ds.query('SELECT VERSION() AS v') as Promise<{ v: string }[]>).then((rows) => (/mariadb/i.test(rows[0]?.v ?? '') ? 'mariadb' : 'mysql'));
    flavours.set(ds, f);
  }
  return f;
}

/**
 * Runs one read-only aggregate statement with a time limit on MySQL/MariaDB: past `seconds` the
 * database stops it and the caller gets TIME_LIMIT, so that a grouping over millions of rows
 * cannot hold a connection for minutes. SQLite (the embedded, single-user default) has no limit.
 */
export async function queryWithTimeLimit<T>(ds: DataSource, sql: string, params: unknown[], seconds: number, what: string): Promise<T[]> {
  if (!isMysql(ds)) return ds.query(sql, params) as Promise<T[]>;
  const bounded = (await flavour(ds)) === 'mariadb'
    ? `SET STATEMENT max_statement_time = ${Number(seconds)} FOR ${sql}`
    : sql.replace(/^\s*SELECT/i, `SELECT /*+ MAX_EXECUTION_TIME(${Math.round(seconds * 1000)}) */`);
  try {
    return await (ds.query(bounded, params) as Promise<T[]>);
  } catch (err) {
    const e = err as { errno?: number; driverError?: { errno?: number } };
    const errno = e.driverError?.errno ?? e.errno;
    // ER_STATEMENT_TIMEOUT (MariaDB), ER_QUERY_TIMEOUT (MySQL).
    if (errno === 1969 || errno === 3024) {
      throw userError(ErrorCode.TIME_LIMIT, `${what} ran past AGGREGATE_TIME_LIMIT_SECONDS (${seconds} s) and was stopped: narrow the filter or group by fewer dimensions`);
    }
    throw err;
  }
}

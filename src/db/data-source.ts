import fs from 'node:fs';
import path from 'node:path';
import mysql2 from 'mysql2';
import { DataSource, type DataSourceOptions } from 'typeorm';
import type { Logger } from 'pino';
import type { DatabaseTarget } from '../config/database-url';
import { entities } from './entities';
import { migrations } from './migrations';
import { QueryLogger } from './query-logger';
import { SnakeNamingStrategy } from './snake-naming.strategy';
import { serialiseTransactions } from './serial-transactions';
import { yieldBeforeStatements } from './sqlite-statement-turns';
import { registerSqliteFunctions } from './sql-text';

/**
 * The server's DataSource for a target. `readOnly`: for a read replica (DATABASE_READ_URL): no
 * migrations, and every session READ ONLY, so that a write sent there by mistake fails instead of
 * making the replica differ from its primary (a user with SUPER is not held back by `read_only`).
 */
export function createDataSource(target: DatabaseTarget, log: Logger, opts: { readOnly?: boolean } = {}): DataSource {
  const common = {
    entities,
    migrations: opts.readOnly ? [] : migrations,
    synchronize: false,
    namingStrategy: new SnakeNamingStrategy(),
    logging: ['query', 'error', 'warn', 'migration'] as const,
    logger: new QueryLogger(log),
    maxQueryExecutionTime: 2000,
  };
  let options: DataSourceOptions;
  if (target.kind === 'sqlite') {
    if (target.file !== ':memory:') fs.mkdirSync(path.dirname(target.file), { recursive: true });
    options = {
      ...common,
      logging: [...common.logging],
      type: 'better-sqlite3',
      database: target.file,
      enableWAL: target.file !== ':memory:',
      prepareDatabase: registerSqliteFunctions,
    };
  } else {
    options = {
      ...common,
      logging: [...common.logging],
      type: 'mysql',
      host: target.host,
      port: target.port,
      username: target.user,
      password: target.password,
      database: target.database,
      charset: 'utf8mb4_unicode_ci',
      // Timestamps are UTC on the wire and in storage, whatever the server's zone.
      timezone: 'Z',
      poolSize: target.poolSize,
      extra: { connectionLimit: target.poolSize },
      ...(opts.readOnly ? { connectorPackage: 'mysql2' as const, driver: readOnlySessions(log) } : {}),
    };
  }
  const ds = new DataSource(options);
  if (target.kind === 'sqlite') {
    serialiseTransactions(ds);
    yieldBeforeStatements(ds);
  }
  return ds;
}

/** mysql2, with pools whose every connection is READ ONLY before it is first handed out. */
function readOnlySessions(log: Logger): typeof mysql2 {
  return Object.assign(Object.create(mysql2) as typeof mysql2, {
    createPool(options: mysql2.PoolOptions) {
      const pool = mysql2.createPool(options);
      // Emitted before the connection is handed out, so this statement is queued ahead of any other.
      pool.on('connection', (conn) => {
        conn.query('SET SESSION TRANSACTION READ ONLY', (err) => {
          if (!err) return;
          log.error({ err }, 'could not make a read replica connection read-only; closing it');
          conn.destroy();
        });
      });
      return pool;
    },
  });
}

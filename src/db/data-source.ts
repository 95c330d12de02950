import fs from 'node:fs';
import path from 'node:path';
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

export function createDataSource(target: DatabaseTarget, log: Logger): DataSource {
  const common = {
    entities,
    migrations,
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
    };
  }
  const ds = new DataSource(options);
  if (target.kind === 'sqlite') {
    serialiseTransactions(ds);
    yieldBeforeStatements(ds);
  }
  return ds;
}

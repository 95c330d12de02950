import type { Logger as TypeOrmLogger } from 'typeorm';
import type { Logger } from 'pino';
import { isLockConflict } from './lock-conflict';
import { sqlCounter } from './sql-counter';
import { isUniqueViolation } from './unique-violation';

/** Counts every statement and sends SQL to the debug log only, never to clients. */
export class QueryLogger implements TypeOrmLogger {
  constructor(private readonly out: Logger) {}

  logQuery(query: string): void {
    sqlCounter.record();
    if (this.out.isLevelEnabled('trace')) this.out.trace({ sql: query }, 'sql');
  }
  logQueryError(error: string | Error, query: string): void {
    // A lost lock race or a key taken first is the writers' normal business: writeTransaction runs
    // the transaction again or answers CONFLICT. Only other failures are the server's own errors.
    if (isLockConflict(error) || isUniqueViolation(error)) this.out.warn({ err: error, sql: query }, 'sql lost a race with another writer');
    else this.out.error({ err: error, sql: query }, 'sql failed');
  }
  logQuerySlow(time: number, query: string): void {
    this.out.warn({ durationMs: time, sql: query }, 'slow sql');
  }
  logSchemaBuild(message: string): void {
    this.out.debug(message);
  }
  logMigration(message: string): void {
    this.out.info({ migration: message }, 'migration');
  }
  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    this.out[level === 'log' ? 'debug' : level]({ typeorm: message }, 'typeorm');
  }
}

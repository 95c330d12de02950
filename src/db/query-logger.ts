import type { Logger as TypeOrmLogger } from 'typeorm';
import type { Logger } from 'pino';
import { sqlCounter } from './sql-counter';

/** Counts every statement and sends SQL to the debug log only, never to clients. */
export class QueryLogger implements TypeOrmLogger {
  constructor(private readonly log: Logger) {}

  logQuery(query: string): void {
    sqlCounter.record();
    if (this.log.isLevelEnabled('trace')) this.log.trace({ sql: query }, 'sql');
  }
  logQueryError(error: string | Error, query: string): void {
    this.log.error({ err: error, sql: query }, 'sql failed');
  }
  logQuerySlow(time: number, query: string): void {
    this.log.warn({ durationMs: time, sql: query }, 'slow sql');
  }
  logSchemaBuild(message: string): void {
    this.log.debug(message);
  }
  logMigration(message: string): void {
    this.log.info({ migration: message }, 'migration');
  }
  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    this.log[level === 'log' ? 'debug' : level]({ typeorm: message }, 'typeorm');
  }
}

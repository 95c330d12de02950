import type { Logger as TypeOrmLogger } from 'typeorm';
import type { Logger } from 'pino';
import { sqlCounter } from './sql-counter';

/** Counts every statement and sends SQL to the debug log only, never to clients. */
export class QueryLogger implements TypeOrmLogger {
  constructor(private readonly out: Logger) {}

  logQuery(query: string): void {
    sqlCounter.record();
    if (this.out.isLevelEnabled('trace')) this.out.trace({ sql: query }, 'sql');
  }
  logQueryError(error: string | Error, query: string): void {
    this.out.error({ err: error, sql: query }, 'sql failed');
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

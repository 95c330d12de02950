import type { DatabaseTarget } from '../../src/config/database-url';

/** The DATABASE_URL a child process needs to open the same database as the test. */
export function databaseUrlOf(target: DatabaseTarget): string {
  if (target.kind === 'sqlite') return `sqlite:${target.file}`;
  const auth = `${encodeURIComponent(target.user)}${target.password ? `:${encodeURIComponent(target.password)}` : ''}`;
  return `mysql://${auth}@${target.host}:${target.port}/${target.database}`;
}

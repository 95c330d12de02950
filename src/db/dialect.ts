import type { DataSource, EntityManager, QueryRunner } from 'typeorm';

/** Whether the database is MySQL/MariaDB (otherwise SQLite), from a data source, a manager or a query runner. */
export function isMysql(source: DataSource | EntityManager | QueryRunner): boolean {
  const type = ('connection' in source ? source.connection : source).options.type;
  return type === 'mysql' || type === 'mariadb';
}

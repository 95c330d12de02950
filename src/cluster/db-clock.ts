import type { DataSource, EntityManager } from 'typeorm';
import { isMysql } from '../db/dialect';

/**
 * SQL for the database's clock in milliseconds since the epoch. Leases and request ages are read
 * off this one clock, so replicas whose own clocks drift apart still agree on who holds a lease.
 */
export function dbNowMs(source: DataSource | EntityManager): string {
  return isMysql(source)
    ? 'CAST(UNIX_TIMESTAMP(NOW(3)) * 1000 AS SIGNED)'
    : "CAST(ROUND((julianday('now') - 2440587.5) * 86400000) AS INTEGER)";
}

/** ` FOR UPDATE` on MySQL/MariaDB; SQLite runs one write transaction at a time and has no such clause. */
export function forUpdate(source: DataSource | EntityManager): string {
  return isMysql(source) ? ' FOR UPDATE' : '';
}

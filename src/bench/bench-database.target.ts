import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mysql from 'mysql2/promise';
import { type DatabaseTarget, parseDatabaseUrl } from '../config/database-url';

export interface BenchDatabase {
  target: DatabaseTarget;
  /** Removes what the bench created on disk (the temporary SQLite file); a MariaDB database stays. */
  cleanup(): void;
}

/**
 * The database to run on: MariaDB/MySQL at `url` (the database is created if missing), or a
 * temporary SQLite file when no url is given.
 */
export async function benchDatabase(url: string | undefined, poolSize: number, bench = 'scale'): Promise<BenchDatabase> {
  if (!url) {
    const file = path.join(os.tmpdir(), `cg-bench-${bench}-${process.pid}.sqlite`);
    return { target: { kind: 'sqlite', file, embedded: false }, cleanup: () => { for (const s of ['', '-wal', '-shm']) fs.rmSync(`${file}${s}`, { force: true }); } };
  }
  const target = parseDatabaseUrl(url, poolSize);
  if (target.kind === 'mysql') {
    const c = await mysql.createConnection({ host: target.host, port: target.port, user: target.user, password: target.password });
    try {
      await c.query(`CREATE DATABASE IF NOT EXISTS \`${target.database.replace(/`/g, '``')}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    } finally {
      await c.end();
    }
  }
  return { target, cleanup: () => undefined };
}

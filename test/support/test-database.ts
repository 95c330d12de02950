import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import mysql from 'mysql2/promise';
import { parseDatabaseUrl, type DatabaseTarget } from '../../src/config/database-url';

export interface TestDatabase {
  target: DatabaseTarget;
  drop(): Promise<void>;
}

/**
 * A fresh, empty database for one test file: a temporary SQLite file by default, or a new
 * database on the server named by TEST_DATABASE_URL (mysql://user:pass@host:port/any).
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const url = process.env.TEST_DATABASE_URL;
  const name = `cg_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  if (!url) {
    const file = path.join(os.tmpdir(), `${name}.sqlite`);
    return {
      target: { kind: 'sqlite', file, embedded: false },
      drop: async () => {
        for (const suffix of ['', '-wal', '-shm']) fs.rmSync(`${file}${suffix}`, { force: true });
      },
    };
  }
  const server = parseDatabaseUrl(url, 5);
  if (server.kind !== 'mysql') throw new Error('TEST_DATABASE_URL must be a mysql:// or mariadb:// URL');
  const admin = () => mysql.createConnection({ host: server.host, port: server.port, user: server.user, password: server.password });
  const conn = await admin();
  await conn.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await conn.end();
  return {
    target: { ...server, database: name },
    drop: async () => {
      const c = await admin();
      await c.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await c.end();
    },
  };
}

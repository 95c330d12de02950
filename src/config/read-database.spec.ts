import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';

const PRIMARY = 'mysql://app:secret@db-primary:3306/customers';

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (e) {
    if (e instanceof ConfigError) return e.problems;
    throw e;
  }
  return [];
}

describe('loadConfig: DATABASE_READ_URL', () => {
  it('is unset by default: every read goes to DATABASE_URL', () => {
    expect(loadConfig({ DATABASE_URL: PRIMARY }).readDatabase).toBeNull();
  });

  it('names a replica of a MySQL/MariaDB primary, with the pool size of the primary', () => {
    expect(loadConfig({ DATABASE_URL: PRIMARY, DATABASE_READ_URL: 'mariadb://reader:p%40ss@db-replica:3307/customers', DB_POOL_SIZE: '7' }).readDatabase).toEqual({
      kind: 'mysql', host: 'db-replica', port: 3307, user: 'reader', password: 'p@ss', database: 'customers', poolSize: 7,
    });
  });

  it('is refused with SQLite (the embedded default or a named file), listed with the other problems', () => {
    expect(problems({ DATABASE_READ_URL: 'mysql://reader@db-replica/customers', PORT: 'none' })).toEqual([
      'PORT: Invalid input: expected number, received NaN',
      'DATABASE_READ_URL: DATABASE_READ_URL needs a MySQL/MariaDB DATABASE_URL: it names a replica of that database (SQLite has none)',
    ]);
    expect(problems({ DATABASE_URL: 'sqlite:data/x.sqlite', DATABASE_READ_URL: 'mysql://reader@db-replica/customers' })).toEqual([
      'DATABASE_READ_URL: DATABASE_READ_URL needs a MySQL/MariaDB DATABASE_URL: it names a replica of that database (SQLite has none)',
    ]);
  });

  it('must be a MySQL/MariaDB URL naming a database', () => {
    expect(problems({ DATABASE_URL: PRIMARY, DATABASE_READ_URL: 'sqlite:replica.sqlite' })).toEqual(['DATABASE_READ_URL: must start with mysql:// or mariadb://']);
    expect(problems({ DATABASE_URL: PRIMARY, DATABASE_READ_URL: 'mysql://reader@db-replica:3306/' })).toEqual([
      'DATABASE_READ_URL: DATABASE_READ_URL must name a database, e.g. mysql://root@127.0.0.1:3306/customers',
    ]);
  });
});

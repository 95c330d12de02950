import path from 'node:path';

export type DatabaseTarget =
  | { kind: 'sqlite'; file: string; embedded: boolean }
  | {
      kind: 'mysql';
      host: string;
      port: number;
      user: string;
      password: string;
      database: string;
      poolSize: number;
    };

/** A MySQL/MariaDB server's database: the only kind with read replicas. */
export type MysqlTarget = Extract<DatabaseTarget, { kind: 'mysql' }>;

/**
 * Parses `mysql://user:pass@host:3306/db`, `mariadb://...` or `sqlite:relative/or/absolute.sqlite`.
 * `variable`: the setting the URL came from, named in the error.
 */
export function parseDatabaseUrl(url: string, poolSize: number, variable = 'DATABASE_URL'): DatabaseTarget {
  if (url.startsWith('sqlite:')) {
    const file = url.slice('sqlite:'.length).replace(/^\/\//, '');
    return { kind: 'sqlite', file: file === ':memory:' ? file : path.resolve(file), embedded: false };
  }
  const u = new URL(url);
  const database = decodeURIComponent(u.pathname.replace(/^\//, ''));
  if (!database) throw new Error(`${variable} must name a database, e.g. mysql://root@127.0.0.1:3306/customers`);
  return {
    kind: 'mysql',
    host: u.hostname,
    port: u.port ? Number(u.port) : 3306,
    user: decodeURIComponent(u.username || 'root'),
    password: decodeURIComponent(u.password),
    database,
    poolSize,
  };
}

/** A printable form of the target with the password hidden, for the startup log. */
export function describeDatabase(t: DatabaseTarget): string {
  return t.kind === 'sqlite'
    ? `SQLite ${t.embedded ? '(embedded default) ' : ''}at ${t.file}`
    : `MySQL/MariaDB at ${t.host}:${t.port}/${t.database} as ${t.user}`;
}

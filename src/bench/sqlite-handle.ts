import type { DataSource } from 'typeorm';

/** The part of better-sqlite3's Database the bench uses (the package ships no types here). */
export interface SqliteStatement {
  iterate(...params: unknown[]): IterableIterator<unknown>;
}
export interface SqliteHandle {
  prepare(sql: string): SqliteStatement;
}

/** The raw better-sqlite3 connection under a TypeORM data source of type better-sqlite3. */
export function sqliteHandle(ds: DataSource): SqliteHandle {
  return (ds.driver as unknown as { databaseConnection: SqliteHandle }).databaseConnection;
}

import type { EntityManager } from 'typeorm';
import { toSqlDate } from './sql-date';
import { isMysql } from './dialect';

type Cell = string | number | boolean | Date | Record<string, unknown> | null | undefined;

function sqlValue(v: Cell): string | number | null {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return toSqlDate(v);
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'object') return JSON.stringify(v);
  return v;
}

/**
 * One multi-row INSERT per chunk with plain `?` placeholders (valid on SQLite and MySQL alike).
 * Ingest writes thousands of rows a second; TypeORM's insert builder spends more time on its
 * parameter bookkeeping than the database spends on the rows. `suffix` follows the VALUES (an
 * upsert's conflict clause).
 */
export async function bulkInsert(m: EntityManager, table: string, columns: string[], rows: Cell[][], chunk = 500, suffix = ''): Promise<void> {
  const cols = columns.map((c) => m.connection.driver.escape(c)).join(', ');
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  for (let i = 0; i < rows.length; i += chunk) {
    const part = rows.slice(i, i + chunk);
    await m.query(`INSERT INTO ${m.connection.driver.escape(table)} (${cols}) VALUES ${part.map(() => tuple).join(', ')}${suffix}`, part.flat().map(sqlValue));
  }
}

/**
 * Inserts entity-shaped objects with `bulkInsert`, taking table, columns (embedded ones
 * included) and values from the entity's metadata. Generated ids are left to the database.
 */
export async function insertEntities<T extends object>(m: EntityManager, target: new () => T, rows: Partial<T>[], chunk = 500): Promise<void> {
  if (!rows.length) return;
  const meta = m.connection.getMetadata(target);
  const columns = meta.columns.filter((c) => !c.isGenerated);
  await bulkInsert(
    m,
    meta.tableName,
    columns.map((c) => c.databaseName),
    rows.map((r) => columns.map((c) => c.getEntityValue(r as T) as Cell)),
    chunk,
  );
}

/**
 * The `bulkInsert` suffix that skips rows whose key is stored already, and only those (MySQL's
 * INSERT IGNORE would also swallow other errors): for idempotent adds racing each other.
 */
export function skipDuplicates(m: EntityManager, keyColumns: string[], table?: string): string {
  const mysql = isMysql(m);
  // Qualified by the target table when the SELECT reads it too (its column names are then ambiguous).
  const first = `${table ? `${table}.` : ''}${m.connection.driver.escape(keyColumns[0])}`;
  return mysql
    ? ` ON DUPLICATE KEY UPDATE ${first} = ${first}`
    : ` ON CONFLICT (${keyColumns.map((c) => m.connection.driver.escape(c)).join(', ')}) DO NOTHING`;
}

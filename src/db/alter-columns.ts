import type { QueryRunner } from 'typeorm';
import { isMysql } from './dialect';

// Plain ALTER TABLE on both engines, for migrations: TypeORM's own would copy a SQLite table into
// a new one per column, and dropping the old one inside a transaction cascades to its children.
// MySQL/MariaDB gets one statement per table, so the table is altered (or copied) once.

export async function addColumns(q: QueryRunner, table: string, columns: string[]): Promise<void> {
  if (isMysql(q)) await q.query(`ALTER TABLE ${table} ${columns.map((c) => `ADD COLUMN ${c}`).join(', ')}`);
  else for (const c of columns) await q.query(`ALTER TABLE ${table} ADD COLUMN ${c}`);
}

export async function dropColumns(q: QueryRunner, table: string, columns: string[]): Promise<void> {
  if (isMysql(q)) await q.query(`ALTER TABLE ${table} ${columns.map((c) => `DROP COLUMN ${c}`).join(', ')}`);
  else for (const c of columns) await q.query(`ALTER TABLE ${table} DROP COLUMN ${c}`);
}

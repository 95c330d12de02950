import type { DataSource } from 'typeorm';

/** A LIKE pattern matching `text` anywhere, with `!` as the escape character (portable ESCAPE '!'). */
export function containsPattern(text: string): string {
  return `%${text.replace(/[!%_]/g, (m) => `!${m}`)}%`;
}

/** Quotes an identifier that is a reserved word somewhere (e.g. `key` on MySQL). */
export function quoteIdent(ds: DataSource, name: string): string {
  return ds.driver.escape(name);
}

/**
 * Text as free-text search compares it: lower case, accents dropped ("José" -> "jose", "ÉMILE" ->
 * "emile"). MySQL/MariaDB get the same from the columns' utf8mb4_unicode_ci collation; SQLite,
 * whose LIKE folds ASCII letters only, gets it from this function (see registerSqliteFunctions).
 */
export function foldText(text: string): string {
  return text.toLowerCase().normalize('NFD').replace(/\p{M}+/gu, '');
}

/** Name of the SQLite function that applies foldText to a column. */
export const SQLITE_FOLD = 'cg_fold';

/** Registers this code's SQL functions on a new better-sqlite3 connection. */
export function registerSqliteFunctions(db: { function(name: string, options: { deterministic: boolean }, fn: (v: unknown) => unknown): unknown }): void {
  db.function(SQLITE_FOLD, { deterministic: true }, (v) => (typeof v === 'string' ? foldText(v) : v));
}

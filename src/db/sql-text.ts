import type { DataSource } from 'typeorm';

/** A LIKE pattern matching `text` anywhere, with `!` as the escape character (portable ESCAPE '!'). */
export function containsPattern(text: string): string {
  return `%${text.replace(/[!%_]/g, (m) => `!${m}`)}%`;
}

/** Quotes an identifier that is a reserved word somewhere (e.g. `key` on MySQL). */
export function quoteIdent(ds: DataSource, name: string): string {
  return ds.driver.escape(name);
}

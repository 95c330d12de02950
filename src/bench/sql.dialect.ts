import type { DatabaseTarget } from '../config/database-url';

/**
 * The few SQL spellings that differ between MariaDB/MySQL and SQLite in the bench's generated
 * statements. Everything else the bench writes is the common subset of both.
 */
export interface SqlDialect {
  kind: 'mysql' | 'sqlite';
  /** A row source of the integers from..to, column `seq`: `with` goes before the statement, `table` in its FROM. */
  range(from: number, to: number): { with: string; table: string };
  /** A row source of 1..max (column `seq`) to join slots against; `bench_slot` on SQLite (see prepareSlots). */
  slots(max: number): string;
  /** The statement that fills `bench_slot` with 1..max on SQLite; none on MariaDB (the Sequence engine has seq_1_to_N). */
  prepareSlots(max: number): string[];
  concat(...parts: string[]): string;
  /** A DATETIME(3) value from integer milliseconds since the epoch, in UTC whatever the session's zone. */
  datetimeFromMs(ms: string): string;
  /** The UTC calendar day of a stored timestamp column. */
  day(column: string): string;
  /** Lower-case hex of a non-negative integer, zero-padded to `width` characters. */
  hex(expr: string, width: number): string;
  least(...xs: string[]): string;
  greatest(...xs: string[]): string;
  /** A floating expression floored to an integer. */
  floorInt(expr: string): string;
  text(expr: string): string;
  quote(identifier: string): string;
}

const mysql: SqlDialect = {
  kind: 'mysql',
  range: (from, to) => ({ with: '', table: `seq_${from}_to_${to}` }),
  slots: (max) => `seq_1_to_${max}`,
  prepareSlots: () => [],
  concat: (...parts) => `CONCAT(${parts.join(', ')})`,
  datetimeFromMs: (ms) => `TIMESTAMPADD(MICROSECOND, (${ms}) * 1000, TIMESTAMP'1970-01-01 00:00:00')`,
  day: (column) => `DATE(${column})`,
  hex: (expr, width) => `LPAD(LOWER(HEX(${expr})), ${width}, '0')`,
  least: (...xs) => `LEAST(${xs.join(', ')})`,
  greatest: (...xs) => `GREATEST(${xs.join(', ')})`,
  floorInt: (expr) => `CAST(FLOOR(${expr}) AS SIGNED)`,
  text: (expr) => `CAST(${expr} AS CHAR)`,
  quote: (identifier) => `\`${identifier}\``,
};

const sqlite: SqlDialect = {
  kind: 'sqlite',
  range: (from, to) => ({
    with: `WITH RECURSIVE bench_range(seq) AS (SELECT ${from} UNION ALL SELECT seq + 1 FROM bench_range WHERE seq < ${to})`,
    table: 'bench_range',
  }),
  slots: () => 'bench_slot',
  prepareSlots: (max) => [
    'DROP TABLE IF EXISTS bench_slot',
    'CREATE TABLE bench_slot (seq INTEGER NOT NULL PRIMARY KEY)',
    `WITH RECURSIVE s(seq) AS (SELECT 1 UNION ALL SELECT seq + 1 FROM s WHERE seq < ${max}) INSERT INTO bench_slot (seq) SELECT seq FROM s`,
  ],
  concat: (...parts) => `(${parts.join(' || ')})`,
  datetimeFromMs: (ms) => `strftime('%Y-%m-%d %H:%M:%f', (${ms}) / 1000.0, 'unixepoch')`,
  day: (column) => `substr(${column}, 1, 10)`,
  hex: (expr, width) => `printf('%0${width}x', ${expr})`,
  least: (...xs) => `min(${xs.join(', ')})`,
  greatest: (...xs) => `max(${xs.join(', ')})`,
  floorInt: (expr) => `CAST(FLOOR(${expr}) AS INTEGER)`,
  text: (expr) => `CAST(${expr} AS TEXT)`,
  quote: (identifier) => `"${identifier}"`,
};

export function dialectFor(target: DatabaseTarget): SqlDialect {
  return target.kind === 'mysql' ? mysql : sqlite;
}

import type { DataSource } from 'typeorm';
import type { SqlDialect } from './sql.dialect';

/** Tables the bench never empties: the migration log (and SQLite's own). */
const KEEP = new Set(['migrations', 'typeorm_metadata']);

/** The database's tables (not views), by name. */
export async function listTables(ds: DataSource, d: SqlDialect): Promise<string[]> {
  const rows = (d.kind === 'mysql'
    ? await ds.query("SELECT table_name AS name FROM information_schema.TABLES WHERE table_schema = DATABASE() AND table_type = 'BASE TABLE'")
    : await ds.query("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")) as { name: string }[];
  return rows.map((r) => r.name).sort();
}

/**
 * Empties every table but the migration log (customers, interactions, links, traits, segments,
 * summaries, model runs and metric values: whatever tables the migrations created), with foreign
 * keys off for the duration, and resets the id counters. Returns the tables emptied. `keep`: more
 * tables left as they are.
 */
export async function emptyTables(ds: DataSource, d: SqlDialect, keep: readonly string[] = []): Promise<string[]> {
  const tables = (await listTables(ds, d)).filter((t) => !KEEP.has(t) && !keep.includes(t));
  const q = ds.createQueryRunner();
  try {
    if (d.kind === 'mysql') {
      await q.query('SET FOREIGN_KEY_CHECKS = 0');
      for (const t of tables) await q.query(`TRUNCATE TABLE \`${t}\``);
      await q.query('SET FOREIGN_KEY_CHECKS = 1');
    } else {
      await q.query('PRAGMA foreign_keys = OFF');
      for (const t of tables) await q.query(`DELETE FROM "${t}"`);
      const sequence = (await q.query("SELECT name FROM sqlite_master WHERE name = 'sqlite_sequence'")) as unknown[];
      if (sequence.length) await q.query('DELETE FROM sqlite_sequence');
      await q.query('PRAGMA foreign_keys = ON');
    }
  } finally {
    await q.release();
  }
  return tables;
}

/** The tables a generated population lives in (`--reuse-population` keeps them). */
export const POPULATION_TABLES = ['customer', 'customer_link', 'customer_trait', 'interaction'];

import type { DataSource } from 'typeorm';
import type { SqlDialect } from './sql.dialect';
import { listTables } from './tables.reset';

export interface TableSize {
  table: string;
  rows: number;
  /** Data and indexes; null where the engine cannot tell. */
  bytes: number | null;
}

/**
 * Rows and bytes of every table whose name starts with `metric` (so a new layout of the metric
 * storage is picked up). Rows are counted exactly; bytes are InnoDB's data_length + index_length
 * after ANALYZE TABLE on MariaDB, and the pages of the table and its indexes (dbstat) on SQLite.
 */
export async function metricTableSizes(ds: DataSource, d: SqlDialect): Promise<TableSize[]> {
  const tables = (await listTables(ds, d)).filter((t) => t.startsWith('metric'));
  const out: TableSize[] = [];
  for (const table of tables) {
    const rows = Number(((await ds.query(`SELECT COUNT(*) AS n FROM ${d.quote(table)}`)) as { n: number | string }[])[0].n);
    out.push({ table, rows, bytes: await tableBytes(ds, d, table) });
  }
  return out;
}

async function tableBytes(ds: DataSource, d: SqlDialect, table: string): Promise<number | null> {
  if (d.kind === 'mysql') {
    await ds.query(`ANALYZE TABLE \`${table}\``);
    const [row] = (await ds.query(
      'SELECT data_length + index_length AS bytes FROM information_schema.TABLES WHERE table_schema = DATABASE() AND table_name = ?',
      [table],
    )) as { bytes: number | string | null }[];
    return row?.bytes === null || row?.bytes === undefined ? null : Number(row.bytes);
  }
  try {
    const [row] = (await ds.query(
      "SELECT SUM(pgsize) AS bytes FROM dbstat WHERE name IN (SELECT name FROM sqlite_master WHERE tbl_name = ?)",
      [table],
    )) as { bytes: number | null }[];
    return row?.bytes ?? null;
  } catch {
    return null; // SQLite built without the dbstat table
  }
}

export function formatBytes(bytes: number | null): string {
  if (bytes === null) return 'n/a';
  const mib = bytes / 1048576;
  return mib >= 1024 ? `${(mib / 1024).toFixed(2)} GiB` : `${mib.toFixed(1)} MiB`;
}

import type { DataSource } from 'typeorm';
import type { SqlDialect } from './sql.dialect';
import { sqliteHandle } from './sqlite-handle';

export interface FloorResult {
  /** Customer rows consumed by Node. */
  rows: number;
  /** Interactions they summarise. */
  interactions: number;
  seconds: number;
}

/**
 * The floor: what reading every interaction once costs on this database and machine. One
 * `GROUP BY customer_id` over all interactions (count, purchases, distinct purchase days,
 * first/last, base-currency revenue and margin net of refunds), streamed to Node row by row:
 * mysql2's query stream on MariaDB, better-sqlite3's iterate() on SQLite.
 */
export function floorSql(d: SqlDialect): string {
  return `SELECT customer_id, COUNT(*) AS n,
      SUM(CASE WHEN type = 'PURCHASE' THEN 1 ELSE 0 END) AS purchases,
      COUNT(DISTINCT CASE WHEN type = 'PURCHASE' THEN ${d.day('occurred_at')} END) AS purchase_days,
      MIN(occurred_at) AS first_at, MAX(occurred_at) AS last_at,
      SUM(CASE WHEN currency = ? AND type = 'PURCHASE' THEN amount WHEN currency = ? AND type = 'REFUND' THEN -amount ELSE 0 END) AS revenue,
      SUM(CASE WHEN currency = ? AND type = 'PURCHASE' THEN margin WHEN currency = ? AND type = 'REFUND' THEN -margin ELSE 0 END) AS margin
    FROM interaction GROUP BY customer_id`;
}

export async function measureFloor(ds: DataSource, d: SqlDialect, currency: string): Promise<FloorResult> {
  const params = [currency, currency, currency, currency];
  const started = performance.now();
  let rows = 0;
  let interactions = 0;
  const consume = (row: unknown) => {
    rows += 1;
    interactions += Number((row as { n: number | string }).n);
  };
  if (d.kind === 'sqlite') {
    for (const row of sqliteHandle(ds).prepare(floorSql(d)).iterate(...params)) consume(row);
  } else {
    const q = ds.createQueryRunner();
    try {
      const stream = await q.stream(floorSql(d), params);
      for await (const row of stream as AsyncIterable<unknown>) consume(row);
    } finally {
      await q.release();
    }
  }
  return { rows, interactions, seconds: (performance.now() - started) / 1000 };
}

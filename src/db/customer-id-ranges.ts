import type { DataSource } from 'typeorm';
import { isMysql } from './dialect';

/** Customers per range, by engine: on SQLite every statement holds the request thread, so its ranges are short. */
export interface RangeSizes {
  mysql: number;
  sqlite: number;
}

/**
 * The customer-id ranges (from, to] that cover every customer id, for work done a range at a
 * time through an index on customer_id (`customer_id > from AND customer_id <= to`): short
 * statements that neither readers nor writers wait long for. With `atLeast`, ranges are made
 * shorter when there are too few customers for that many, so that as many can run side by side.
 */
export async function* customerIdRanges(ds: DataSource, sizes: RangeSizes, atLeast = 1): AsyncGenerator<[from: number, to: number]> {
  const [{ top }] = await ds.query('SELECT MAX(id) AS top FROM customer') as { top: number | string | null }[];
  const last = Number(top ?? 0);
  const size = Math.max(1, Math.min(isMysql(ds) ? sizes.mysql : sizes.sqlite, Math.ceil(last / atLeast)));
  for (let from = 0; from < last || from === 0; from += size) yield [from, from + size];
}

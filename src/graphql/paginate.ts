import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { AppConfig } from '../config/config';
import type { SortDirection } from '../common/enums';
import { type Connection, toConnection } from './connection.type';
import { decodeCursor, encodeCursor } from './cursor';
import { applyKeyset, type SortSpec } from './keyset';
import { type PageArgs, pageSize } from './page-args';

/**
 * Runs a filtered query as one keyset page: validates `first`, continues after the cursor, fetches
 * one row more than asked to know whether another page exists, and counts only on demand.
 */
export async function paginate<T extends ObjectLiteral & { id: number }>(
  qb: SelectQueryBuilder<T>,
  spec: SortSpec<T>,
  direction: SortDirection,
  idColumn: string,
  page: PageArgs,
  config: AppConfig,
): Promise<Connection<T>> {
  const first = pageSize(page.first, config);
  const after = page.after ? decodeCursor(page.after, `${spec.key}:${direction}`) : undefined;
  const countQuery = qb.clone();
  let rows: T[] = [];
  if (first > 0) rows = await applyKeyset(qb, spec, direction, idColumn, after).limit(first + 1).getMany();
  return toConnection(
    rows,
    first,
    (row) => encodeCursor(`${spec.key}:${direction}`, spec.value(row), row.id),
    () => countQuery.getCount(),
  );
}


import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { AppConfig } from '../config/config';
import type { SortDirection } from '../common/enums';
import { type Connection, toConnection } from './connection.type';
import { decodeCursor, encodeCursor, type SortValue } from './cursor';
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
  const values = new Map<T, SortValue>();
  if (first > 0) {
    applyKeyset(qb, spec, direction, idColumn, after).limit(first + 1);
    if (spec.rawAlias) {
      // One row per entity (the join is on a unique key), so raw rows and entities line up.
      const { entities, raw } = await qb.getRawAndEntities<Record<string, unknown>>();
      entities.forEach((e, i) => values.set(e, (raw[i]?.[spec.rawAlias as string] ?? null) as SortValue));
      rows = entities;
    } else {
      rows = await qb.getMany();
    }
  }
  return toConnection(
    rows,
    first,
    (row) => encodeCursor(`${spec.key}:${direction}`, spec.rawAlias ? normalise(values.get(row)) : spec.value(row), row.id),
    () => countQuery.getCount(),
  );
}

/** Raw numbers may come back as strings (mysql2); cursors carry them as numbers. */
function normalise(v: SortValue | undefined): SortValue {
  if (v === undefined || v === null) return null;
  return typeof v === 'string' && v !== '' && !Number.isNaN(Number(v)) ? Number(v) : v;
}

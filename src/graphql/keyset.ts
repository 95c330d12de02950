import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { SortDirection } from '../common/enums';
import type { SortValue } from './cursor';

/** A sortable column: how to order by it and how to read a row's value for its cursor. */
export interface SortSpec<T> {
  key: string;
  column: string;
  nullable: boolean;
  value: (row: T) => SortValue;
}

/**
 * Orders by (column, id) in one direction and, after a cursor, keeps only rows strictly past it.
 * The id tie-breaker makes the order total, so pages never skip or repeat rows on ties.
 * NULLs sort first ascending and last descending, as both SQLite and MySQL do natively.
 */
export function applyKeyset<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  spec: Pick<SortSpec<never>, 'column' | 'nullable'>,
  direction: SortDirection,
  idColumn: string,
  after?: { value: SortValue; id: number },
  paramPrefix = 'ks',
): SelectQueryBuilder<T> {
  const asc = direction === SortDirection.ASC;
  qb.orderBy(spec.column, direction);
  if (spec.column !== idColumn) qb.addOrderBy(idColumn, direction);
  if (!after) return qb;

  const v = `:${paramPrefix}v`;
  const id = `:${paramPrefix}id`;
  const op = asc ? '>' : '<';
  const col = spec.column;
  let cond: string;
  if (col === idColumn) cond = `${idColumn} ${op} ${id}`;
  else if (after.value === null) {
    cond = asc ? `(${col} IS NOT NULL OR ${idColumn} > ${id})` : `(${col} IS NULL AND ${idColumn} < ${id})`;
  } else {
    cond = `(${col} ${op} ${v} OR (${col} = ${v} AND ${idColumn} ${op} ${id})${!asc && spec.nullable ? ` OR ${col} IS NULL` : ''})`;
  }
  return qb.andWhere(cond, { [`${paramPrefix}v`]: after.value, [`${paramPrefix}id`]: after.id });
}

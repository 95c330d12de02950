import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { toSqlDate } from '../db/sql-date';
import type { SortSpec } from '../graphql/keyset';
import type { Interaction } from './interaction.entity';
import { type InteractionFilter, InteractionOrderField } from './interaction-filter.input';

export const interactionSorts: Record<InteractionOrderField, SortSpec<Interaction>> = {
  [InteractionOrderField.OCCURRED_AT]: { key: 'OCCURRED_AT', column: 'occurredAt', nullable: false, value: (i) => toSqlDate(i.occurredAt) },
  [InteractionOrderField.ID]: { key: 'ID', column: 'id', nullable: false, value: (i) => i.id },
  [InteractionOrderField.AMOUNT]: { key: 'AMOUNT', column: 'amount', nullable: true, value: (i) => i.amount },
};

/** The sort spec with its column qualified by a query alias. */
export function interactionSort(field: InteractionOrderField, alias: string): SortSpec<Interaction> {
  const spec = interactionSorts[field];
  return { ...spec, column: `${alias}.${spec.column}` };
}

/** Adds the filter's conditions on interaction alias `a`; parameter names are prefixed by `p` so queries can nest. */
export function applyInteractionFilter<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  a: string,
  f: InteractionFilter | null | undefined,
  p = 'if',
): SelectQueryBuilder<T> {
  if (!f) return qb;
  const lists: [keyof InteractionFilter, string][] = [
    ['types', 'type'], ['channels', 'channel'], ['contactLevels', 'contactLevel'], ['currencies', 'currency'],
  ];
  for (const [key, prop] of lists) {
    const given = f[key] as string[] | null | undefined;
    // Currencies are stored as upper-case codes: "usd" means USD on every engine.
    const values = key === 'currencies' ? given?.map((c) => c.trim().toUpperCase()) : given;
    if (values) qb.andWhere(values.length ? `${a}.${prop} IN (:...${p}${key})` : '1 = 0', { [`${p}${key}`]: values });
  }
  if (f.occurredAt?.from) qb.andWhere(`${a}.occurredAt >= :${p}From`, { [`${p}From`]: toSqlDate(f.occurredAt.from) });
  if (f.occurredAt?.to) qb.andWhere(`${a}.occurredAt < :${p}To`, { [`${p}To`]: toSqlDate(f.occurredAt.to) });
  if (f.scored === true) qb.andWhere(`${a}.expectationScore IS NOT NULL AND ${a}.perceptionScore IS NOT NULL`);
  if (f.scored === false) qb.andWhere(`(${a}.expectationScore IS NULL OR ${a}.perceptionScore IS NULL)`);
  return qb;
}

import type { DataSource, SelectQueryBuilder } from 'typeorm';
import { toSqlDate } from '../db/sql-date';
import { containsPattern, foldText, quoteIdent, SQLITE_FOLD } from '../db/sql-text';
import type { SortSpec } from '../graphql/keyset';
import type { DateRange } from '../common/date-range.input';
import { Customer } from './customer.entity';
import { type CustomerFilter, LinkEnd } from './customer-filter.input';
import { LinkType } from '../common/enums';
import { CustomerOrderField } from './customer-order.input';
import { traitText } from './customer-traits';
import type { MetricRuns } from '../metrics/graphql/metric-run-resolution';
import { sourceCondition } from '../metrics/host/metric-sources';
import { isMysql } from '../db/dialect';
import { servedMembership } from '../segments/segment-member.entity';

const date = (d: Date | null) => (d ? toSqlDate(d) : null);

export const customerSorts: Record<CustomerOrderField, SortSpec<Customer>> = {
  [CustomerOrderField.ID]: { key: 'ID', column: 'c.id', nullable: false, value: (c) => c.id },
  [CustomerOrderField.NAME]: { key: 'NAME', column: 'c.name', nullable: true, value: (c) => c.name },
  [CustomerOrderField.CREATED_AT]: { key: 'CREATED_AT', column: 'c.createdAt', nullable: false, value: (c) => date(c.createdAt) },
  [CustomerOrderField.LAST_INTERACTION_AT]: {
    key: 'LAST_INTERACTION_AT', column: 'c.stats.lastInteractionAt', nullable: true, value: (c) => date(c.stats.lastInteractionAt),
  },
  [CustomerOrderField.REVENUE]: { key: 'REVENUE', column: 'c.stats.revenue', nullable: false, value: (c) => c.stats.revenue },
};

/** Builds `SELECT ... FROM customer c WHERE <filter>` (no ordering, no limit). */
export function customerQuery(ds: DataSource, filter: CustomerFilter | null | undefined, metricRuns: MetricRuns = new Map()): SelectQueryBuilder<Customer> {
  const qb = ds.getRepository(Customer).createQueryBuilder('c');
  const f = filter ?? {};
  if (!f.includeErased) qb.andWhere('c.erasedAt IS NULL');
  if (f.search) searchText(ds, qb, f.search);

  const lists: [keyof CustomerFilter, string][] = [
    ['externalIds', 'externalId'], ['party', 'party'], ['relationship', 'relationship'], ['channelRole', 'channelRole'],
    ['origin', 'origin'], ['gender', 'gender'],
  ];
  for (const [key, prop] of lists) {
    const values = f[key] as string[] | null | undefined;
    // An empty list matches nothing, as `IN ()` would if SQL allowed it.
    if (values) qb.andWhere(values.length ? `c.${prop} IN (:...${key})` : '1 = 0', { [key]: values });
  }
  // Country codes are stored upper-cased; a filter on "vn" means VN on every engine.
  exactText(ds, qb, 'country', f.country?.map((v) => v.trim().toUpperCase()));
  exactText(ds, qb, 'region', f.region);
  exactText(ds, qb, 'city', f.city);
  exactText(ds, qb, 'acquisitionSource', f.acquisitionSource);

  range(qb, 'c.createdAt', 'createdAt', f.createdAt);
  range(qb, 'c.acquiredAt', 'acquiredAt', f.acquiredAt);
  range(qb, 'c.contractEndedAt', 'contractEndedAt', f.contractEndedAt);
  range(qb, 'c.stats.lastInteractionAt', 'lastInteractionAt', f.lastInteractionAt);

  if (f.purchasedSince) qb.andWhere('c.stats.lastPurchaseAt >= :purchasedSince', { purchasedSince: toSqlDate(f.purchasedSince) });
  if (f.notPurchasedSince) qb.andWhere('c.stats.lastPurchaseAt < :notPurchasedSince', { notPurchasedSince: toSqlDate(f.notPurchasedSince) });
  if (f.hasPurchased === true) qb.andWhere('c.stats.purchaseCount > 0');
  if (f.hasPurchased === false) qb.andWhere('c.stats.purchaseCount = 0');
  if (f.purchaseCountAtLeast != null) qb.andWhere('c.stats.purchaseCount >= :pcMin', { pcMin: f.purchaseCountAtLeast });
  if (f.purchaseCountAtMost != null) qb.andWhere('c.stats.purchaseCount <= :pcMax', { pcMax: f.purchaseCountAtMost });
  if (f.revenueAtLeast != null) qb.andWhere('c.stats.revenue >= :revenueAtLeast', { revenueAtLeast: f.revenueAtLeast });
  if (f.revenueAtMost != null) qb.andWhere('c.stats.revenue <= :revenueAtMost', { revenueAtMost: f.revenueAtMost });

  const key = quoteIdent(ds, 'key');
  f.traits?.forEach((t, i) => {
    qb.andWhere(
      `EXISTS (SELECT 1 FROM customer_trait t${i} WHERE t${i}.customer_id = c.id AND t${i}.${key} = :tk${i} AND t${i}.value = :tv${i})`,
      { [`tk${i}`]: t.key, [`tv${i}`]: traitText(t.value) },
    );
  });
  if (f.segmentKeys) {
    qb.andWhere(
      f.segmentKeys.length
        ? `EXISTS (SELECT 1 FROM segment_member sm JOIN segment s ON s.id = sm.segment_id WHERE sm.customer_id = c.id AND ${servedMembership('sm')} AND s.${key} IN (:...segmentKeys))`
        : '1 = 0',
      { segmentKeys: f.segmentKeys },
    );
  }
  f.linkedTo?.forEach((l, i) => {
    const mine = l.end === LinkEnd.FROM ? 'from_customer_id' : 'to_customer_id';
    const other = l.end === LinkEnd.FROM ? 'to_customer_id' : 'from_customer_id';
    const pairs = l.type === LinkType.HOUSEHOLD
      ? `((l${i}.from_customer_id = c.id AND l${i}.to_customer_id = o${i}.id) OR (l${i}.to_customer_id = c.id AND l${i}.from_customer_id = o${i}.id))`
      : `l${i}.${mine} = c.id AND l${i}.${other} = o${i}.id`;
    qb.andWhere(
      `EXISTS (SELECT 1 FROM customer_link l${i} JOIN customer o${i} ON o${i}.external_id = :lx${i} WHERE l${i}.type = :lt${i} AND ${pairs})`,
      { [`lx${i}`]: l.externalId, [`lt${i}`]: l.type },
    );
  });
  f.metrics?.forEach((m, i) => {
    const served = sourceCondition(`m${i}`, 'c', metricRuns.get(m.key) ?? [], `mr${i}`);
    const cond = [`m${i}.customer_id = c.id`, served.sql, `m${i}.metric_key = :mk${i}`];
    if (m.min != null) cond.push(`m${i}.value >= :mmin${i}`);
    if (m.max != null) cond.push(`m${i}.value <= :mmax${i}`);
    // Labels compare exactly on every engine (the column is case-insensitive on MySQL/MariaDB).
    const exactLabel = isMysql(ds) ? ` AND m${i}.label COLLATE utf8mb4_bin IN (:...ml${i})` : '';
    if (m.labels) cond.push(m.labels.length ? `m${i}.label IN (:...ml${i})${exactLabel}` : '1 = 0');
    // No served run yet: nothing can match.
    qb.andWhere(`EXISTS (SELECT 1 FROM metric_value m${i} WHERE ${cond.join(' AND ')})`, {
      ...served.params, [`mk${i}`]: m.key, [`mmin${i}`]: m.min, [`mmax${i}`]: m.max, [`ml${i}`]: m.labels,
    });
  });
  return qb;
}


/**
 * Free-text search: name or email contains the text, ignoring case and accents, the same on
 * every engine (MySQL/MariaDB by the columns' utf8mb4_unicode_ci collation, SQLite by foldText).
 */
function searchText(ds: DataSource, qb: SelectQueryBuilder<Customer>, text: string): void {
  if (isMysql(ds)) {
    qb.andWhere(`(c.name LIKE :search ESCAPE '!' OR c.email LIKE :search ESCAPE '!')`, { search: containsPattern(text) });
  } else {
    qb.andWhere(`(${SQLITE_FOLD}(c.name) LIKE :search ESCAPE '!' OR ${SQLITE_FOLD}(c.email) LIKE :search ESCAPE '!')`, { search: containsPattern(foldText(text)) });
  }
}

/**
 * A text attribute equal to one of the values, exactly (case and accents count, as on SQLite).
 * On MySQL/MariaDB the column's case-insensitive comparison still picks the rows through its
 * index; a binary comparison then keeps the exact ones. Values are trimmed, as ingest stores them.
 */
function exactText(ds: DataSource, qb: SelectQueryBuilder<Customer>, prop: 'country' | 'region' | 'city' | 'acquisitionSource', values: string[] | null | undefined): void {
  if (!values) return;
  const list = values.map((v) => v.trim());
  if (!list.length) {
    qb.andWhere('1 = 0');
    return;
  }
  const exact = isMysql(ds) ? ` AND c.${prop} COLLATE utf8mb4_bin IN (:...${prop})` : '';
  qb.andWhere(`(c.${prop} IN (:...${prop})${exact})`, { [prop]: list });
}

function range(qb: SelectQueryBuilder<Customer>, column: string, name: string, r: DateRange | null | undefined): void {
  if (r?.from) qb.andWhere(`${column} >= :${name}From`, { [`${name}From`]: toSqlDate(r.from) });
  if (r?.to) qb.andWhere(`${column} < :${name}To`, { [`${name}To`]: toSqlDate(r.to) });
}
